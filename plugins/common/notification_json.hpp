// The shipped plugins' one JSON form of a notification (the log line, the generic webhook body).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "propdesk/plugin_api.h"

namespace propdesk::plugins {

/// The notification as a JSON object, keys in this order: key, at, ticket, ticket_id, workflow,
/// template, to, to_role, state, state_label, severity, event, subject, body, link, fields.
nlohmann::ordered_json notification_json(const propdesk_notification& notification);

/// `json` as one line of text. Text that is not valid UTF-8 is replaced (U+FFFD), never an error.
std::string one_line(const nlohmann::ordered_json& json);

}  // namespace propdesk::plugins
