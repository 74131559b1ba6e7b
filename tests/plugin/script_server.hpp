// A real server for the tests: a Python script (webhook_receiver.py, smtp_receiver.py) in a child
// process on 127.0.0.1 that prints "PORT <n>" once it listens and appends what it receives to a
// log of JSON lines; killed when this object goes.
#pragma once

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "plugin_test_support.hpp"

extern char** environ;

namespace propdesk::plugin_testing {

class ScriptServer {
 public:
  /// Starts PROPDESK_TEST_PYTHON `script` `log` `args`... and waits (up to 20 s: a loaded machine,
  /// a sanitizer build) for its port. Throws std::runtime_error when it does not start.
  ScriptServer(const std::string& script, std::filesystem::path log, const std::vector<std::string>& args)
      : log_(std::move(log)) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> all{PROPDESK_TEST_PYTHON, script, log_.string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (rc != 0) {
      ::close(out[0]);
      throw std::runtime_error("cannot start " + all[0]);
    }
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 20000) > 0) {
      char buf[64];
      const ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    if (line.rfind("PORT ", 0) != 0) {
      stop();
      throw std::runtime_error(script + " did not start: '" + line + "'");
    }
    port_ = std::stoi(line.substr(5));
  }
  ~ScriptServer() { stop(); }
  ScriptServer(const ScriptServer&) = delete;
  ScriptServer& operator=(const ScriptServer&) = delete;

  [[nodiscard]] int port() const { return port_; }

  /// What was received so far, one JSON object per line of the log.
  [[nodiscard]] std::vector<nlohmann::json> received() const {
    std::vector<nlohmann::json> out;
    std::istringstream in(slurp(log_));
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

 private:
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  std::filesystem::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

/// A self-signed certificate for 127.0.0.1 (not for "localhost") made with the openssl command:
/// {certificate file, key file} in `dir`. Throws std::runtime_error when openssl fails.
inline std::pair<std::string, std::string> make_test_certificate(const ScratchDir& dir) {
  const std::string cert = dir.path("cert.pem").string();
  const std::string key = dir.path("key.pem").string();
  const std::string command = std::string(PROPDESK_TEST_OPENSSL) +
                              " req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                              " -addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert +
                              " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a test certificate");
  return {cert, key};
}

}  // namespace propdesk::plugin_testing
