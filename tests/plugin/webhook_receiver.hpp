// A real webhook receiver for the tests: webhook_receiver.py in a child process on 127.0.0.1,
// killed when this object goes. Its requests are read back from its log.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "plugin_test_support.hpp"

extern char** environ;

namespace propdesk::plugin_testing {

class WebhookReceiver {
 public:
  /// Starts the receiver logging to `log`; with a certificate and key it speaks HTTPS.
  explicit WebhookReceiver(std::filesystem::path log, const std::string& cert = {}, const std::string& key = {})
      : log_(std::move(log)) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args{PROPDESK_TEST_PYTHON, PROPDESK_WEBHOOK_RECEIVER, log_.string()};
    if (!cert.empty()) args.insert(args.end(), {"--tls", cert, key});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (rc != 0) {
      ::close(out[0]);
      throw std::runtime_error("cannot start " + args[0]);
    }
    // "PORT <n>\n" once it listens; give it 20 seconds (a loaded machine, a sanitizer build).
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
      throw std::runtime_error("the webhook receiver did not start: '" + line + "'");
    }
    port_ = std::stoi(line.substr(5));
  }
  ~WebhookReceiver() { stop(); }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  /// "http://127.0.0.1:<port><path>" (https with a certificate).
  [[nodiscard]] std::string url(const std::string& path, const std::string& scheme = "http",
                                const std::string& host = "127.0.0.1") const {
    return scheme + "://" + host + ":" + std::to_string(port_) + path;
  }

  /// The requests received so far: {method, path, headers, body}.
  [[nodiscard]] std::vector<nlohmann::json> requests() const {
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

}  // namespace propdesk::plugin_testing
