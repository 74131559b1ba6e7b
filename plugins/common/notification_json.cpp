#include "common/notification_json.hpp"

#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

namespace {
std::string text(propdesk_str s) { return std::string(sdk::view(s)); }
}  // namespace

nlohmann::ordered_json notification_json(const propdesk_notification& n) {
  nlohmann::ordered_json j;
  j["key"] = text(n.idempotency_key);
  j["at"] = text(n.at);
  j["ticket"] = text(n.ticket_code);
  j["ticket_id"] = n.ticket_id;
  j["workflow"] = text(n.workflow);
  j["template"] = text(n.template_name);
  j["to"] = text(n.recipient);
  j["to_role"] = n.recipient_is_role != 0;
  j["state"] = text(n.state);
  j["state_label"] = text(n.state_label);
  j["severity"] = text(n.severity);
  j["event"] = text(n.event);
  j["subject"] = text(n.subject);
  j["body"] = text(n.body);
  j["link"] = text(n.link);
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < n.field_count; ++i) fields[text(n.fields[i].key)] = text(n.fields[i].value);
  j["fields"] = std::move(fields);
  return j;
}

std::string one_line(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace propdesk::plugins
