// The plugin tests' shared pieces: a scratch folder that plugin files are copied into (each test
// sees exactly the files it put there), the fixture and shipped plugin files, a workflow, a ticket.
#pragma once

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "propdesk/plugin_loader.hpp"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk::plugin_testing {

namespace fs = std::filesystem;

/// A fixture plugin built by tests.cmake, e.g. fixture("c_plugin") for fixture_c_plugin.so.
inline fs::path fixture(const std::string& name) {
  return fs::path(PROPDESK_TEST_PLUGIN_DIR) / ("fixture_" + name + ".so");
}

/// A shipped plugin, e.g. shipped("propdesk_notify_log").
inline fs::path shipped(const std::string& name) { return fs::path(PROPDESK_PLUGIN_BUILD_DIR) / (name + ".so"); }

/// A fresh folder, removed at scope exit.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    dir_ = fs::path(::testing::TempDir()) /
           ("propdesk_plugin_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const fs::path& path() const { return dir_; }
  [[nodiscard]] fs::path path(const std::string& name) const { return dir_ / name; }

  /// Copies a plugin file in (under `as`, default its own name); returns the copy's path.
  fs::path add(const fs::path& file, const std::string& as = {}) const {
    const fs::path to = dir_ / (as.empty() ? file.filename().string() : as);
    fs::copy_file(file, to, fs::copy_options::overwrite_existing);
    return to;
  }
  /// Writes a text file.
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

 private:
  fs::path dir_;
};

inline std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// An int-returning function exported by a loaded fixture (e.g. its release counter), found in the
/// already loaded copy at `file` (RTLD_NOLOAD: nothing is loaded anew).
inline int call_exported(const fs::path& file, const char* function) {
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return -1;
  void* symbol = ::dlsym(handle, function);
  ::dlclose(handle);  // only drops the reference RTLD_NOLOAD added
  if (symbol == nullptr) return -2;
  return reinterpret_cast<int (*)()>(symbol)();
}

/// The shipped repair workflow.
inline std::shared_ptr<const Workflow> repair_workflow() {
  return load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml").workflow;
}

/// A repair ticket as the engine would have it after creation.
inline Ticket repair_ticket() {
  Ticket t;
  t.id = 7;
  t.code = "BX-20261126-0007";
  t.workflow = "repair";
  t.state = "reported";
  t.fields = {{"location", Value("3-2-1201")},      {"category", Value("plumbing")},
              {"description", Value("厨房水管漏水")}, {"phone", Value("13812345678")},
              {"reporter", Value("张三")}};
  t.created_at = *parse_time("2026-11-26T09:00:00+08:00");
  t.updated_at = t.created_at;
  t.version = 1;
  return t;
}

/// The failure reasons of a report, one per line, for assertion messages.
inline std::string failures(const PluginLoadReport& report) {
  std::string out;
  for (const auto& f : report.failed) out += f.to_string() + "\n";
  return out;
}

}  // namespace propdesk::plugin_testing
