// Running the real `propdesk` binary from tests: a temporary working directory, the command line
// quoted for the shell, stdout and stderr captured, the exit status.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "propdesk/workflow_loader.hpp"

namespace propdesk::cli_testing {

/// What one run of the binary did.
struct CliRun {
  int status = -1;
  std::string out;
  std::string err;

  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(out); }
};

/// A fresh directory under the test temp dir, removed at scope exit; commands run inside it.
class Workspace {
 public:
  Workspace() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("propdesk_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~Workspace() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  [[nodiscard]] std::filesystem::path path(const std::string& name) const { return dir_ / name; }

  /// Runs `propdesk <args...>` in the workspace.
  CliRun run(const std::vector<std::string>& args) const {
    std::string command = "cd " + quote(dir_.string()) + " && " + quote(PROPDESK_CLI);
    for (const auto& a : args) command += " " + quote(a);
    command += " >" + quote(path("stdout").string()) + " 2>" + quote(path("stderr").string());
    const int raw = std::system(command.c_str());
    CliRun r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(path("stdout"));
    r.err = slurp(path("stderr"));
    return r;
  }

 private:
  static std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }
  static std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::filesystem::path dir_;
};

/// Writes a desk configuration to `file`: the shipped repair workflow and office calendar, and one
/// notification channel, field_staff, taking people's notifications: notifier `type` with
/// `settings` (a YAML flow mapping), then `extra` (whole lines of the channel, indented 4).
inline void write_field_staff_config(const std::filesystem::path& file, const std::string& type,
                                     const std::string& settings, const std::string& extra = "") {
  const std::string wf = PROPDESK_WORKFLOW_DIR;
  std::ofstream(file) << "workflows: [" << wf << "/repair.yaml]\n"
                      << "calendars:\n  office: {file: " << wf << "/calendars/office.yaml}\n"
                      << "notifiers:\n"
                      << "  field_staff:\n"
                      << "    type: " << type << "\n"
                      << "    settings: " << settings << "\n"
                      << "    people: true\n"
                      << extra;
}

/// The version of the shipped repair workflow.
inline int shipped_repair_version() {
  return load_workflow_file(std::filesystem::path(PROPDESK_WORKFLOW_DIR) / "repair.yaml")
      .workflow->version();
}

/// A tiny repair workflow (no `dispatch` event) of the given version.
inline std::string tiny_repair_workflow(int version) {
  return "workflow: repair\nversion: " + std::to_string(version) +
         "\nprefix: BX\n"
         "fields: {location: {type: string}}\n"
         "roles: [front_desk]\n"
         "states: {reported: {initial: true}, done: {final: true}}\n"
         "transitions: [{event: finish, from: reported, to: done}]\n";
}

}  // namespace propdesk::cli_testing
