#include "email/mail_message.hpp"

#include <cstdio>
#include <ctime>

#include "common/base64.hpp"
#include "email/encoded_words.hpp"

namespace propdesk::plugins {

namespace {

bool printable_ascii(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) return false;
  }
  return !s.empty();
}

// Text with any line ends as CRLF lines.
std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

// Base64 in lines of 76 characters (MIME), each ended by CRLF.
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday % 7], tm.tm_mday,
                kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return text;
}

std::string message_id(std::string_view key, std::string_view domain) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string id = "<";
  for (const char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      id += static_cast<char>(c);
    } else {
      id += '=';
      id += kHex[c >> 4U];
      id += kHex[c & 0xFU];
    }
  }
  if (key.empty()) id += "propdesk";
  return id + "@" + std::string(domain.empty() ? "propdesk.invalid" : domain) + ">";
}

std::string mail_message(const MailParts& p) {
  std::string m;
  m += "Date: " + rfc5322_date(p.date) + "\r\n";
  m += "From: " + (p.from_name.empty() ? p.from : encoded_words(p.from_name) + " <" + p.from + ">") + "\r\n";
  m += "To: ";
  for (std::size_t i = 0; i < p.to.size(); ++i) m += (i == 0 ? "" : ",\r\n ") + p.to[i];
  m += "\r\n";
  m += "Subject: " + encoded_words(p.subject) + "\r\n";
  m += "Message-ID: " + p.message_id + "\r\n";
  for (const auto& [name, value] : p.extra_headers) {
    if (printable_ascii(name) && name.find(':') == std::string::npos && printable_ascii(value))
      m += name + ": " + value + "\r\n";
  }
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "\r\n";
  m += base64_lines(crlf(p.body));
  return m;
}

}  // namespace propdesk::plugins
