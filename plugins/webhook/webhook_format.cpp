#include "webhook/webhook_format.hpp"

#include <nlohmann/json.hpp>

#include "common/notification_json.hpp"
#include "common/utf8_boundary.hpp"
#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

namespace {

// WeCom caps markdown content at 4096 bytes; leave room for the frame around the body.
constexpr std::size_t kMaxBody = 3500;

std::string cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  return std::string(text.substr(0, utf8_boundary(text, max))) + "…";
}

// The markdown both robots render: subject in bold, body, state and code, a link.
// The subject is framed by `before` and `after` ("**" and "**" for WeCom, "#### " and "" for DingTalk).
std::string markdown(const propdesk_notification& n, std::string_view before, std::string_view after) {
  std::string out;
  if (n.subject.size > 0) out += std::string(before) + std::string(sdk::view(n.subject)) + std::string(after) + "\n\n";
  out += cut(sdk::view(n.body), kMaxBody) + "\n\n";
  out += "> " + std::string(sdk::view(n.state_label)) + " · " + std::string(sdk::view(n.ticket_code));
  if (n.link.size > 0) out += "\n\n[查看工单](" + std::string(sdk::view(n.link)) + ")";
  return out;
}

}  // namespace

std::optional<WebhookFormat> webhook_format(std::string_view name) {
  if (name == "json") return WebhookFormat::kJson;
  if (name == "wecom") return WebhookFormat::kWeCom;
  if (name == "dingtalk") return WebhookFormat::kDingTalk;
  return std::nullopt;
}

std::string webhook_body(WebhookFormat format, const propdesk_notification& n) {
  nlohmann::ordered_json j;
  switch (format) {
    case WebhookFormat::kJson:
      return one_line(notification_json(n));
    case WebhookFormat::kWeCom:
      j["msgtype"] = "markdown";
      j["markdown"]["content"] = markdown(n, "**", "**");
      return one_line(j);
    case WebhookFormat::kDingTalk:
      j["msgtype"] = "markdown";
      j["markdown"]["title"] = n.subject.size > 0 ? std::string(sdk::view(n.subject)) : std::string(sdk::view(n.ticket_code));
      j["markdown"]["text"] = markdown(n, "#### ", "");
      return one_line(j);
  }
  return {};
}

RobotAnswer robot_answer(WebhookFormat format, std::string_view body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("errcode") || !j["errcode"].is_number_integer()) {
    return {false, false, "unexpected answer: " + cut(body, 200)};
  }
  const long long code = j["errcode"].get<long long>();
  if (code == 0) return {true, false, {}};
  const std::string message = j.contains("errmsg") && j["errmsg"].is_string() ? j["errmsg"].get<std::string>() : "";
  // -1: the robot service is busy; WeCom 45009 and DingTalk 130101: too many messages too fast.
  const bool retry = code == -1 || (format == WebhookFormat::kWeCom && code == 45009) ||
                     (format == WebhookFormat::kDingTalk && code == 130101);
  return {false, retry, "errcode " + std::to_string(code) + ": " + message};
}

}  // namespace propdesk::plugins
