// The `webhook` notifier (plugin notify_webhook): posts each notification over HTTP(S) with
// libcurl, as generic JSON or in the group-robot formats of WeCom (企业微信) and DingTalk (钉钉).
// Settings:
//   url                 http:// or https:// (required); a robot's webhook address
//   format              json (default) | wecom | dingtalk
//   timeout_ms          the whole request, 1..600000 (default 10000)
//   connect_timeout_ms  1..timeout_ms (default min(5000, timeout_ms))
//   ca_file             a PEM bundle of extra CAs to trust (TLS verification is always on)
//   secret              dingtalk only: the robot's signing secret (加签)
//   header.NAME         json only: an extra request header, e.g. header.Authorization
// Outcomes: 2xx delivered (for robots, only with errcode 0); timeouts, connection failures, 408,
// 425, 429, 5xx and robots' rate limits are retries; TLS failures, other statuses (redirects are
// not followed) and robots' other errcodes are failures. The json format sends the notification's
// idempotency key as the Idempotency-Key header too.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "propdesk/plugin_sdk.hpp"
#include "webhook/dingtalk_sign.hpp"
#include "webhook/http_post.hpp"
#include "webhook/webhook_format.hpp"

namespace {

namespace sdk = propdesk::sdk;
using propdesk::plugins::HttpAnswer;
using propdesk::plugins::HttpOptions;
using propdesk::plugins::HttpPoster;
using propdesk::plugins::WebhookFormat;

bool is_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string excerpt(const std::string& body) {
  if (body.empty()) return {};
  return ": " + (body.size() > 200 ? body.substr(0, 200) + "…" : body);
}

class WebhookNotifier {
 public:
  explicit WebhookNotifier(const sdk::SettingsView& s) {
    read_headers(s);
    url_ = s.require("url");
    if (url_.rfind("http://", 0) != 0 && url_.rfind("https://", 0) != 0)
      throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'url' must start with http:// or https://, not '" + url_ + "'");
    const std::string format = s.get("format", "json");
    const auto f = propdesk::plugins::webhook_format(format);
    if (!f) throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'format' must be json, wecom or dingtalk, not '" + format + "'");
    format_ = *f;
    HttpOptions options;
    options.transfer = propdesk::plugins::read_transfer_options(s);
    secret_ = s.get("secret");
    if (!secret_.empty() && format_ != WebhookFormat::kDingTalk)
      throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'secret' is for format dingtalk only");
    options.headers = headers_;
    timeout_ = options.transfer.timeout;
    poster_ = std::make_unique<HttpPoster>(url_, std::move(options));
  }

  void send(const propdesk_notification& n) {
    const std::string body = propdesk::plugins::webhook_body(format_, n);
    std::string url;
    if (!secret_.empty()) {
      const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch());
      url = propdesk::plugins::dingtalk_signed_url(url_, secret_, now.count());
    }
    std::vector<std::string> headers;
    if (format_ == WebhookFormat::kJson)
      headers.push_back("Idempotency-Key: " + std::string(sdk::view(n.idempotency_key)));
    const HttpAnswer a = poster_->post(body, url, headers);
    if (!a.transport_ok) {
      if (a.tls_failure) throw sdk::Error(PROPDESK_STATUS_FAILED, "TLS verification failed: " + a.error);
      if (a.timed_out)
        throw sdk::Error(PROPDESK_STATUS_RETRY, "no answer within " + std::to_string(timeout_.count()) + " ms: " + a.error);
      throw sdk::Error(PROPDESK_STATUS_RETRY, a.error);
    }
    const std::string status = "HTTP " + std::to_string(a.status);
    if (a.status >= 200 && a.status < 300) {
      if (format_ == WebhookFormat::kJson) return;
      const auto robot = propdesk::plugins::robot_answer(format_, a.body);
      if (robot.ok) return;
      throw sdk::Error(robot.retry ? PROPDESK_STATUS_RETRY : PROPDESK_STATUS_FAILED, robot.message);
    }
    if (a.status == 408 || a.status == 425 || a.status == 429 || a.status >= 500)
      throw sdk::Error(PROPDESK_STATUS_RETRY, status + excerpt(a.body));
    if (a.status >= 300 && a.status < 400)
      throw sdk::Error(PROPDESK_STATUS_FAILED, status + ": redirects are not followed; configure the final URL");
    throw sdk::Error(PROPDESK_STATUS_FAILED, status + excerpt(a.body));
  }

 private:
  // Checks the keys (a typo must not pass silently) and collects the header.NAME settings.
  void read_headers(const sdk::SettingsView& s) {
    static constexpr std::string_view kPrefix = "header.";
    s.allow_only({"url", "format", "timeout_ms", "connect_timeout_ms", "ca_file", "secret"}, {kPrefix});
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::string key(s.key(i));
      if (key.rfind(kPrefix, 0) == 0) {
        const std::string name = key.substr(kPrefix.size());
        const std::string value(s.value(i));
        if (!is_header_name(name) || value.find_first_of("\r\n") != std::string::npos)
          throw sdk::Error(PROPDESK_STATUS_INVALID, "setting '" + key + "' is not a valid header");
        if (s.get("format", "json") != "json")
          throw sdk::Error(PROPDESK_STATUS_INVALID, "setting '" + key + "': extra headers are for format json only");
        headers_.push_back(name + ": " + value);
      }
    }
  }

  std::string url_;
  WebhookFormat format_ = WebhookFormat::kJson;
  std::string secret_;
  std::vector<std::string> headers_;
  std::chrono::milliseconds timeout_{0};
  std::unique_ptr<HttpPoster> poster_;
};

void register_webhook(const propdesk_host& host) {
  propdesk::plugins::curl_init_once();  // before any thread sends
  sdk::add_notifier<WebhookNotifier>(
      host, "webhook", "posts notifications over HTTP(S): generic JSON, WeCom or DingTalk group robots");
}

}  // namespace

PROPDESK_DEFINE_PLUGIN("notify_webhook", PROPDESK_PLUGIN_VERSION,
                       "HTTP(S) webhooks: generic JSON, 企业微信 and 钉钉 group robots", register_webhook)
