#include "email/email_format.hpp"

#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

std::string email_subject(const propdesk_notification& n) {
  if (n.subject.size > 0) return std::string(sdk::view(n.subject));
  return std::string(sdk::view(n.state_label)) + " " + std::string(sdk::view(n.ticket_code));
}

std::string email_body(const propdesk_notification& n) {
  const std::string_view body = sdk::view(n.body);
  const std::string_view link = sdk::view(n.link);
  std::string out(body);
  out += "\n\n-- " + std::string(sdk::view(n.state_label)) + " · " + std::string(sdk::view(n.ticket_code)) + "\n";
  if (!link.empty() && body.find(link) == std::string_view::npos) out += std::string(link) + "\n";
  return out;
}

}  // namespace propdesk::plugins
