// One e-mail as it goes over SMTP (RFC 5322 and MIME): headers in ASCII (the subject and the
// sender's name as RFC 2047 encoded words), a text/plain; charset=UTF-8 body in Base64 with lines
// of 76, CRLF line ends throughout.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace propdesk::plugins {

/// What a message says.
struct MailParts {
  std::string from;       ///< the sender's address (mail_address.hpp)
  std::string from_name;  ///< the sender's display name (UTF-8); may be empty
  std::vector<std::string> to;  ///< addresses
  std::string subject;    ///< UTF-8
  std::string body;       ///< UTF-8 text; any line ends (LF, CRLF, CR)
  std::string message_id;  ///< "<...@...>"
  std::chrono::system_clock::time_point date;
  /// More headers, e.g. {"X-Propdesk-Ticket", "BX-20261126-0007"}: printable ASCII names and values
  /// (others are left out).
  std::vector<std::pair<std::string, std::string>> extra_headers;
};

/// The message text.
std::string mail_message(const MailParts& parts);

/// "Thu, 26 Nov 2026 01:05:00 +0000" (RFC 5322, in English whatever the locale).
std::string rfc5322_date(std::chrono::system_clock::time_point t);

/// A Message-ID from a notification's idempotency key: the same key gives the same id, so a
/// receiver that deduplicates sees a retried notification once. "<7=3A2=3Awork_order=3Aassignee@example.com>".
std::string message_id(std::string_view key, std::string_view domain);

}  // namespace propdesk::plugins
