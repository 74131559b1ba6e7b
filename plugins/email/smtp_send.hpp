// Handing one message to an SMTP server with libcurl: smtp:// (optionally upgraded with
// STARTTLS, then required) or smtps://, AUTH when a user is configured, timeouts and TLS
// verification always (common/curl_transfer), every recipient accepted or none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/curl_transfer.hpp"

namespace propdesk::plugins {

/// How to reach the server.
struct SmtpOptions {
  std::string url;        ///< smtp://host[:port] or smtps://host[:port]
  bool starttls = false;  ///< smtp:// only: upgrade with STARTTLS, and fail when the server cannot
  std::string username;   ///< AUTH when not empty
  std::string password;
  TransferOptions transfer;
};

/// How the hand-over went.
struct SmtpAnswer {
  bool delivered = false;
  bool retry = false;  ///< a temporary failure (4xx, no answer, connection lost): try again later
  std::string error;   ///< one line when not delivered: "SMTP 550: RCPT failed: 550" ...
};

/// One server connection, reused between messages. Not thread-safe: one send at a time (the
/// plugin ABI promises that per notifier instance).
class SmtpSender {
 public:
  explicit SmtpSender(SmtpOptions options);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  /// Sends `message` (mail_message.hpp) from `from` to `to` (the SMTP envelope). Never throws but
  /// std::bad_alloc.
  SmtpAnswer send(const std::string& from, const std::vector<std::string>& to, const std::string& message);

 private:
  struct Handle;
  SmtpOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace propdesk::plugins
