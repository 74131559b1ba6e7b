// The message bodies the webhook notifier posts, and what group robots answer.
//   json      the notification as the shipped plugins' one JSON form (common/notification_json)
//   wecom     企业微信 group robot: {"msgtype":"markdown","markdown":{"content":...}}
//   dingtalk  钉钉 group robot: {"msgtype":"markdown","markdown":{"title":...,"text":...}}
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propdesk/plugin_api.h"

namespace propdesk::plugins {

enum class WebhookFormat { kJson, kWeCom, kDingTalk };

/// "json", "wecom", "dingtalk"; nullopt for anything else.
std::optional<WebhookFormat> webhook_format(std::string_view name);

/// The request body for `notification`.
std::string webhook_body(WebhookFormat format, const propdesk_notification& notification);

/// What a robot's answer (HTTP 200 with {"errcode":..,"errmsg":..}) means.
struct RobotAnswer {
  bool ok = false;
  bool retry = false;   ///< rate-limited or busy: try again later
  std::string message;  ///< "errcode 310000: keywords not in content" when not ok
};

/// Reads a robot's answer body. Not used for the json format (any 2xx is success there).
RobotAnswer robot_answer(WebhookFormat format, std::string_view body);

}  // namespace propdesk::plugins
