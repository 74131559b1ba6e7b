// The `log` notifier (plugin notify_log): one JSON line per notification, appended to a file or
// written to stderr. Settings:
//   path   the file to append to (created if missing, mode 0640); "-" or absent: stderr
// A line is written with one write() on a file opened with O_APPEND, so several channels and
// processes can share a file without interleaving lines.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/notification_json.hpp"
#include "propdesk/plugin_sdk.hpp"

namespace {

using propdesk::sdk::Error;

class LogNotifier {
 public:
  explicit LogNotifier(const propdesk::sdk::SettingsView& settings) {
    settings.allow_only({"path"});
    path_ = settings.get("path", "-");
    if (path_.empty()) throw Error(PROPDESK_STATUS_INVALID, "setting 'path' is empty (use '-' for stderr)");
    if (path_ == "-") return;
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd_ < 0) {
      throw Error(PROPDESK_STATUS_INVALID,
                  "setting 'path': cannot open '" + path_ + "' for appending: " + std::strerror(errno));
    }
  }
  ~LogNotifier() {
    if (fd_ >= 0) ::close(fd_);
  }
  LogNotifier(const LogNotifier&) = delete;
  LogNotifier& operator=(const LogNotifier&) = delete;

  void send(const propdesk_notification& n) {
    const std::string line = propdesk::plugins::one_line(propdesk::plugins::notification_json(n)) + "\n";
    const int fd = fd_ >= 0 ? fd_ : STDERR_FILENO;
    std::size_t done = 0;
    while (done < line.size()) {
      const ssize_t w = ::write(fd, line.data() + done, line.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        // A full disk or a revoked file may recover: the caller may try again later.
        throw Error(PROPDESK_STATUS_RETRY, "writing to '" + path_ + "' failed: " + std::strerror(errno));
      }
      done += static_cast<std::size_t>(w);
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
};

void register_log(const propdesk_host& host) {
  propdesk::sdk::add_notifier<LogNotifier>(
      host, "log", "one JSON line per notification, appended to the file in setting 'path' (or stderr)");
}

}  // namespace

PROPDESK_DEFINE_PLUGIN("notify_log", PROPDESK_PLUGIN_VERSION, "structured log of notifications (JSON Lines)",
                       register_log)
