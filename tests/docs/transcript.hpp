// The command transcripts of a docs page (docs/cli.md, docs/reports.md), replayed on the real
// `propdesk` binary and compared with what the page shows.
//
// A transcript is a fenced block without a language whose first line starts with "$ ": each "$ "
// line is a command (run by bash in the session's folder, `propdesk` being the built binary), the
// lines up to the next command are its stdout and stderr together, and a line "[exit N]" gives a
// non-zero exit status (a CRLF line end, as CSV has, counts as a line end). The HTML comment
// directly above the block says how to check it:
//
//   <!-- session: NAME, clock: 2026-11-27 09:05 -->   run in session NAME (a folder of its own,
//                                                     kept for the later blocks of that session)
//                                                     with the wall clock frozen at that instant
//                                                     (the first block of a session names one, a
//                                                     later block may move it)
//   <!-- session: NAME, output not shown -->          run, each command must exit 0; the block
//                                                     shows the commands only
//   <!-- not run: REASON -->                          not replayed, and the page says why
//
// A block of any other kind noted `<!-- session: NAME, file: desk.yaml -->` is written to that file
// of the session's folder when the replay reaches it (e.g. the configuration the commands use).
//
// A transcript without such a comment fails the test, so none goes unchecked by accident.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_support.hpp"
#include "doc_blocks.hpp"
#include "propdesk/value.hpp"

extern char** environ;

namespace propdesk::doc_transcripts {

/// One command of a transcript and what the page says it prints.
struct Step {
  int line = 0;
  std::string command;   ///< after "$ "
  std::string expected;  ///< the lines shown after it, "[exit N]" left out
  int status = 0;        ///< from "[exit N]", else 0
};

/// A block the page asks a test to use: a transcript to replay, or a file for a session's folder.
struct Transcript {
  doc_blocks::DocBlock block;
  std::string session;             ///< empty: not run
  std::optional<TimePoint> clock;  ///< the wall clock from this block on
  bool output_shown = true;
  std::string file;         ///< not empty: the block is this file of the session's folder
  std::vector<Step> steps;  ///< a transcript's commands
};

/// The transcripts of `page` and the blocks noted as files of a session, in order. A malformed
/// note, or a transcript without one, is a test failure naming the line.
inline std::vector<Transcript> transcripts(const std::filesystem::path& page) {
  std::vector<Transcript> out;
  for (doc_blocks::DocBlock& b : doc_blocks::blocks(page)) {
    const bool is_transcript = b.language.empty() && b.text.rfind("$ ", 0) == 0;
    const bool noted = b.note.rfind("session: ", 0) == 0;
    const std::string where = page.filename().string() + ":" + std::to_string(b.line);
    if (!is_transcript && !noted) continue;
    Transcript t;
    if (noted) {
      std::istringstream parts(b.note.substr(9));
      std::getline(parts, t.session, ',');
      for (std::string part; std::getline(parts, part, ',');) {
        part.erase(0, part.find_first_not_of(' '));
        if (part.rfind("clock: ", 0) == 0) {
          t.clock = parse_time(part.substr(7));
          EXPECT_TRUE(t.clock) << where << ": cannot read the clock in '" << part << "'";
        } else if (part == "output not shown") {
          t.output_shown = false;
        } else if (part.rfind("file: ", 0) == 0 && !is_transcript) {
          t.file = part.substr(6);
        } else {
          ADD_FAILURE() << where << ": unknown note '" << part << "'";
        }
      }
      if (!is_transcript && t.file.empty())
        ADD_FAILURE() << where << ": a session's block that is no transcript needs 'file: NAME'";
    } else if (b.note.rfind("not run: ", 0) != 0) {
      ADD_FAILURE()
          << where
          << ": a transcript needs <!-- session: NAME ... --> or <!-- not run: REASON --> above it";
    }
    std::istringstream lines(b.text);
    int number = b.line;
    for (std::string line; is_transcript && std::getline(lines, line); ++number) {
      if (line.rfind("$ ", 0) == 0) {
        t.steps.push_back({number, line.substr(2), "", 0});
      } else if (line.rfind("[exit ", 0) == 0 && line.back() == ']') {
        t.steps.back().status = std::stoi(line.substr(6));
      } else {
        t.steps.back().expected += line + "\n";
      }
    }
    t.block = std::move(b);
    out.push_back(std::move(t));
  }
  return out;
}

/// What one command printed (stdout and stderr as they came) and its exit status.
struct StepRun {
  int status = -1;
  std::string output;
};

/// The folder a session's commands run in, and how they are run.
class Session {
 public:
  /// `path_map`: text of the page (e.g. the installed plugin folder) and what stands for it in
  /// this build; commands get the build's, outputs are shown with the page's.
  Session(TimePoint clock, std::vector<std::pair<std::string, std::string>> path_map)
      : clock_(clock), path_map_(std::move(path_map)) {}

  [[nodiscard]] const cli_testing::Workspace& workspace() const { return workspace_; }
  void set_clock(TimePoint clock) { clock_ = clock; }

  /// Writes a file of the page into the session's folder.
  void write_file(const std::string& name, std::string text) const {
    for (const auto& [page, build] : path_map_) replace_all(text, page, build);
    std::ofstream(workspace_.path(name)) << text;
  }

  StepRun run(std::string command) const {
    for (const auto& [page, build] : path_map_) replace_all(command, page, build);
    const auto output_file = workspace_.path(".transcript-output");
    const std::string bin_dir = std::filesystem::path(PROPDESK_CLI).parent_path().string();
    const auto inherited = [](const char* name) {
      const char* value = std::getenv(name);
      return std::string(value ? value : "");
    };
    std::vector<std::string> env = {
        "PATH=" + bin_dir + ":" + inherited("PATH"),
        "LD_PRELOAD=" PROPDESK_FROZEN_CLOCK_LIB " " + inherited("LD_PRELOAD"),
        "PROPDESK_FROZEN_CLOCK=" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                      clock_.time_since_epoch())
                                                      .count()),
        // A sanitizer build's runtime would object to a library preloaded before it. And with the
        // (uninstrumented) clock preloaded, LeakSanitizer's tracer crashes at the exit of a
        // `propdesk plugins` that dlopened plugins ("Tracer caught signal 11"), which is no leak:
        // leaks of the binary are checked by the CLI and plugin tests, which run it without the
        // preloaded clock.
        "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0:" + inherited("ASAN_OPTIONS")};
    for (char** e = environ; *e; ++e) {
      const std::string var = *e;
      const std::string name = var.substr(0, var.find('='));
      if (name != "PATH" && name != "LD_PRELOAD" && name != "PROPDESK_FROZEN_CLOCK" &&
          name != "ASAN_OPTIONS") {
        env.push_back(var);
      }
    }
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string shell = "/bin/bash", flag = "-c";
    std::vector<char*> argv = {shell.data(), flag.data(), command.data(), nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string cwd = workspace_.path("").parent_path().string();
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, shell.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    StepRun r;
    if (spawned != 0) return r;
    int raw = 0;
    waitpid(pid, &raw, 0);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    std::ifstream in(output_file, std::ios::binary);
    r.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    for (const auto& [page, build] : path_map_) replace_all(r.output, build, page);
    replace_all(r.output, cwd, ".");
    replace_all(r.output, "\r\n", "\n");  // a page shows CSV's CRLF line ends as line ends
    return r;
  }

 private:
  static void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }

  cli_testing::Workspace workspace_;
  TimePoint clock_;
  std::vector<std::pair<std::string, std::string>> path_map_;
};

/// Prepares a session's folder before its first command (files the page's commands expect).
using SessionSetup = std::function<void(const cli_testing::Workspace&)>;

/// How a page's transcripts are replayed.
struct ReplayOptions {
  std::map<std::string, SessionSetup> setups;  ///< by session name
  /// Text of the page (an installed folder) and what stands for it in this build (see Session).
  std::vector<std::pair<std::string, std::string>> path_map;
  /// Parts of the output that vary from run to run though the clock is frozen (a duration measured
  /// on the monotonic clock, say): each match is replaced, as regex_replace does, before comparing.
  std::vector<std::pair<std::regex, std::string>> variable_parts;
};

/// Replays every transcript of `page` and compares each command's output and exit status with
/// the page. With PROPDESK_DOCS_RECORD=1 in the environment, the page is rewritten with what the
/// commands printed instead (for updating it after a deliberate change; review the diff).
inline void replay(const std::filesystem::path& page, const ReplayOptions& options) {
  const auto& setups = options.setups;
  const auto& path_map = options.path_map;
  const auto all = transcripts(page);
  ASSERT_FALSE(all.empty()) << page << " shows no transcript";
  std::map<std::string, std::unique_ptr<Session>> sessions;
  std::map<int, std::string> recorded;  // block line -> its text as run
  for (const Transcript& t : all) {
    if (t.session.empty()) continue;
    auto& session = sessions[t.session];
    const std::string where = page.filename().string() + ":" + std::to_string(t.block.line);
    if (!session) {
      if (!t.clock) {
        ADD_FAILURE() << where << ": the first block of session '" << t.session
                      << "' names no clock";
        continue;
      }
      session = std::make_unique<Session>(*t.clock, path_map);
      if (auto setup = setups.find(t.session); setup != setups.end())
        setup->second(session->workspace());
    }
    if (t.clock) session->set_clock(*t.clock);
    if (!t.file.empty()) {
      session->write_file(t.file, t.block.text);
      continue;
    }
    std::string as_run;
    for (const Step& step : t.steps) {
      StepRun r = session->run(step.command);
      for (const auto& [pattern, replacement] : options.variable_parts) {
        r.output = std::regex_replace(r.output, pattern, replacement);
      }
      const std::string at =
          page.filename().string() + ":" + std::to_string(step.line) + ": $ " + step.command;
      as_run += "$ " + step.command + "\n";
      if (t.output_shown) {
        as_run += r.output;
        if (r.status != 0) as_run += "[exit " + std::to_string(r.status) + "]\n";
        EXPECT_EQ(r.output, step.expected) << at;
        EXPECT_EQ(r.status, step.status) << at << "\n" << r.output;
      } else {
        EXPECT_EQ(r.status, 0) << at << "\n" << r.output;
      }
    }
    recorded[t.block.line] = as_run;
  }
  if (const char* record = std::getenv("PROPDESK_DOCS_RECORD");
      record && std::string(record) == "1") {
    std::ifstream in(page);
    std::string text, line;
    int number = 0;
    for (auto next = recorded.begin(); std::getline(in, line);) {
      ++number;
      if (next != recorded.end() && number == next->first) {
        text += next->second;
        while (std::getline(in, line) && line != "```") ++number;
        ++number;
        text += "```\n";
        ++next;
        continue;
      }
      text += line + "\n";
    }
    std::ofstream(page) << text;
  }
}

}  // namespace propdesk::doc_transcripts
