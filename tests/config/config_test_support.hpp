// Helpers shared by the configuration tests: a scratch folder of files, diagnostics.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic_matchers.hpp"
#include "propdesk/diagnostic.hpp"
#include "propdesk/engine_config.hpp"

namespace propdesk::config_test {

/// A fresh folder under the system's temporary folder, removed with everything in it at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "propdesk-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to `relative` (creating its folders); returns the full path.
  std::filesystem::path write(const std::string& relative, std::string_view text) const {
    const std::filesystem::path p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  /// Creates the folder `relative`; returns the full path.
  std::filesystem::path folder(const std::string& relative) const {
    const std::filesystem::path p = path_ / relative;
    std::filesystem::create_directories(p);
    return p;
  }

 private:
  std::filesystem::path path_;
};

/// A workflow file's text; these tests never read it (the engine does), it only has to exist.
inline constexpr std::string_view kWorkflow = "workflow: w\nstates:\n  open: {initial: true}\n";

/// A small calendar file.
inline std::string calendar_file(std::string_view name) {
  return "calendar: " + std::string(name) + "\nweek:\n  mon-fri: [09:00-12:00, 13:00-18:00]\n";
}

using testing_support::dump;
using testing_support::find_code;

}  // namespace propdesk::config_test
