#include "email/mail_address.hpp"

#include <algorithm>

#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

namespace {

bool is_address_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;
  return std::string_view("()<>[]:;,\\\"").find(c) == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool is_mail_address(std::string_view text) {
  if (text.empty() || text.size() > 254 || !std::all_of(text.begin(), text.end(), is_address_char)) return false;
  const std::size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = text.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
  return domain.find("..") == std::string_view::npos;
}

std::vector<std::string> mail_address_list(std::string_view text, const std::string& setting) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string_view item = trim(text.substr(start, end - start));
    if (!is_mail_address(item)) {
      throw sdk::Error(PROPDESK_STATUS_INVALID, "setting '" + setting + "': '" + std::string(item) +
                                                    "' is not an e-mail address (write local@domain, "
                                                    "several separated by commas)");
    }
    out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

std::string_view mail_domain(std::string_view address) {
  const std::size_t at = address.find('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

}  // namespace propdesk::plugins
