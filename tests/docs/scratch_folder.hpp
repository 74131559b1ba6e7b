// A scratch working folder for the docs' C++ fragments, which name files relative to where the
// program runs ("tickets.db", "workflows/repair.yaml").
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace propdesk::doc_fragments {

/// Makes a fresh folder holding `workflows/` (the shipped ones), as a program started in its
/// installation folder would see, and makes it the working folder; the previous working folder
/// comes back, and the folder is removed, at scope exit.
class ScratchFolder {
 public:
  ScratchFolder() : previous_(std::filesystem::current_path()) {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("propdesk_doc_fragment_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::filesystem::create_directory_symlink(PROPDESK_WORKFLOW_DIR, dir_ / "workflows");
    std::filesystem::current_path(dir_);
  }
  ~ScratchFolder() {
    std::filesystem::current_path(previous_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

 private:
  std::filesystem::path previous_;
  std::filesystem::path dir_;
};

}  // namespace propdesk::doc_fragments
