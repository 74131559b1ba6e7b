// The shipped `webhook` notifier (plugins/webhook, propdesk_notify_webhook.so) against a real
// HTTP(S) receiver on 127.0.0.1: generic JSON, WeCom and DingTalk robots, a receiver that fails the
// first requests, one that never answers, TLS verification.
#include <gtest/gtest.h>

#include <chrono>

#include "plugin_test_support.hpp"
#include "propdesk/notification_renderer.hpp"
#include "webhook_receiver.hpp"

namespace propdesk {
namespace {

using plugin_testing::failures;
using plugin_testing::repair_ticket;
using plugin_testing::repair_workflow;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;
using plugin_testing::WebhookReceiver;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class WebhookPlugin : public testing::Test {
 protected:
  void SetUp() override {
    const PluginLoadReport report = load_plugins(registry_, {{shipped("propdesk_notify_webhook")}, {}, true});
    ASSERT_TRUE(report.ok()) << failures(report);
    type_ = registry_.notifier_type("webhook");
    ASSERT_TRUE(type_);
    receiver_ = std::make_unique<WebhookReceiver>(dir_.path("requests.jsonl"));
  }

  static Notification notification() {
    Ticket t = repair_ticket();
    t.state = "dispatched";
    t.assignee = "li";
    t.version = 2;
    RenderOptions options;
    options.link_base = "https://desk.example.com/t/";
    return render_notification(*repair_workflow(), t, {"assignee", false, "work_order"},
                               {"dispatch", {"wang", "front_desk"}, *parse_time("2026-11-26T09:05:00+08:00")},
                               options);
  }

  std::unique_ptr<Notifier> webhook(Settings settings) { return type_->create(settings); }

  std::string create_error(const Settings& settings) {
    try {
      (void)type_->create(settings);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(no error)";
  }

  ScratchDir dir_;
  PluginRegistry registry_;
  std::shared_ptr<const NotifierType> type_;
  std::unique_ptr<WebhookReceiver> receiver_;
};

TEST_F(WebhookPlugin, PostsTheNotificationAsJsonWithItsIdempotencyKey) {
  auto hook = webhook({{"url", receiver_->url("/ok")}, {"header.Authorization", "Bearer t0ken"}});
  const DeliveryResult r = hook->send(notification());
  ASSERT_TRUE(r.delivered()) << r.error;
  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& h = requests[0]["headers"];
  EXPECT_EQ(requests[0]["path"], "/ok");
  EXPECT_EQ(h["Content-Type"], "application/json; charset=utf-8");
  EXPECT_EQ(h["Idempotency-Key"], "7:2:work_order:assignee");
  EXPECT_EQ(h["Authorization"], "Bearer t0ken");
  EXPECT_EQ(h["User-Agent"], "propdesk-webhook/0.1.0");
  const auto body = nlohmann::json::parse(requests[0]["body"].get<std::string>());
  EXPECT_EQ(body["key"], "7:2:work_order:assignee");
  EXPECT_EQ(body["ticket"], "BX-20261126-0007");
  EXPECT_EQ(body["state_label"], "已派工");
  EXPECT_EQ(body["fields"]["phone"], "138****5678");
  EXPECT_EQ(body["link"], "https://desk.example.com/t/BX-20261126-0007");
}

TEST_F(WebhookPlugin, WeComRobotGetsMarkdown) {
  auto hook = webhook({{"url", receiver_->url("/wecom")}, {"format", "wecom"}});
  const DeliveryResult r = hook->send(notification());
  ASSERT_TRUE(r.delivered()) << r.error;
  const auto body = nlohmann::json::parse(receiver_->requests().at(0)["body"].get<std::string>());
  EXPECT_EQ(body["msgtype"], "markdown");
  const std::string content = body["markdown"]["content"];
  EXPECT_EQ(content.rfind("**派工单 BX-20261126-0007**\n\n3-2-1201（plumbing）：厨房水管漏水。", 0), 0u) << content;
  EXPECT_TRUE(contains(content, "> 已派工 · BX-20261126-0007")) << content;
  EXPECT_TRUE(contains(content, "[查看工单](https://desk.example.com/t/BX-20261126-0007)")) << content;
}

TEST_F(WebhookPlugin, DingTalkRobotGetsSignedMarkdown) {
  auto hook = webhook({{"url", receiver_->url("/dingtalk?access_token=abc")}, {"format", "dingtalk"},
                       {"secret", "SEC-test"}});
  const DeliveryResult r = hook->send(notification());
  ASSERT_TRUE(r.delivered()) << r.error;  // the receiver checked the signature
  const auto request = receiver_->requests().at(0);
  EXPECT_TRUE(contains(request["path"], "/dingtalk?access_token=abc&timestamp=")) << request["path"];
  const auto body = nlohmann::json::parse(request["body"].get<std::string>());
  EXPECT_EQ(body["msgtype"], "markdown");
  EXPECT_EQ(body["markdown"]["title"], "派工单 BX-20261126-0007");
  EXPECT_EQ(body["markdown"]["text"].get<std::string>().rfind("#### 派工单 BX-20261126-0007\n\n", 0), 0u);

  auto wrong = webhook({{"url", receiver_->url("/dingtalk")}, {"format", "dingtalk"}, {"secret", "SEC-wrong"}});
  const DeliveryResult refused = wrong->send(notification());
  EXPECT_EQ(refused.status, DeliveryStatus::kFailed);
  EXPECT_EQ(refused.error, "notifier 'webhook' (plugin 'notify_webhook'): errcode 310000: sign not match");
}

TEST_F(WebhookPlugin, RobotErrorsAreFailuresAndRateLimitsRetries) {
  const DeliveryResult limited =
      webhook({{"url", receiver_->url("/wecom-limited")}, {"format", "wecom"}})->send(notification());
  EXPECT_EQ(limited.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(contains(limited.error, "errcode 45009: api freq out of limit")) << limited.error;
  const DeliveryResult refused =
      webhook({{"url", receiver_->url("/robot-error")}, {"format", "wecom"}})->send(notification());
  EXPECT_EQ(refused.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(refused.error, "errcode 310000: keywords not in content")) << refused.error;
  const DeliveryResult not_a_robot =
      webhook({{"url", receiver_->url("/ok")}, {"format", "dingtalk"}})->send(notification());
  EXPECT_EQ(not_a_robot.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(not_a_robot.error, "unexpected answer: {}")) << not_a_robot.error;
}

TEST_F(WebhookPlugin, AReceiverThatFailsTheFirstRequestsGetsItOnTheThird) {
  auto hook = webhook({{"url", receiver_->url("/fail-first/2")}});
  const Notification n = notification();
  const DeliveryResult first = hook->send(n);
  EXPECT_EQ(first.status, DeliveryStatus::kRetry);
  EXPECT_EQ(first.error, "notifier 'webhook' (plugin 'notify_webhook'): HTTP 503: try later");
  EXPECT_EQ(hook->send(n).status, DeliveryStatus::kRetry);
  EXPECT_TRUE(hook->send(n).delivered());
  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& r : requests) EXPECT_EQ(r["headers"]["Idempotency-Key"], "7:2:work_order:assignee");
}

TEST_F(WebhookPlugin, AReceiverThatNeverAnswersTimesOut) {
  auto hook = webhook({{"url", receiver_->url("/hang")}, {"timeout_ms", "700"}});
  const auto start = std::chrono::steady_clock::now();
  const DeliveryResult r = hook->send(notification());
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(contains(r.error, "no answer within 700 ms")) << r.error;
  EXPECT_GE(took, std::chrono::milliseconds(600));
  EXPECT_LT(took, std::chrono::seconds(5));
  // The same channel still works afterwards.
  auto ok = webhook({{"url", receiver_->url("/ok")}, {"timeout_ms", "5000"}});
  EXPECT_TRUE(ok->send(notification()).delivered());
}

TEST_F(WebhookPlugin, StatusesDecideBetweenRetryAndFailure) {
  const auto send_to = [&](const std::string& path) { return webhook({{"url", receiver_->url(path)}})->send(notification()); };
  const DeliveryResult bad = send_to("/status/400");
  EXPECT_EQ(bad.status, DeliveryStatus::kFailed);
  EXPECT_EQ(bad.error, "notifier 'webhook' (plugin 'notify_webhook'): HTTP 400: status 400");
  EXPECT_EQ(send_to("/status/404").status, DeliveryStatus::kFailed);
  EXPECT_EQ(send_to("/status/429").status, DeliveryStatus::kRetry);
  EXPECT_EQ(send_to("/status/500").status, DeliveryStatus::kRetry);
  const DeliveryResult moved = send_to("/redirect");
  EXPECT_EQ(moved.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(moved.error, "HTTP 302: redirects are not followed")) << moved.error;
  EXPECT_EQ(receiver_->requests().size(), 5u);  // the redirect was not followed to /ok
}

TEST_F(WebhookPlugin, NobodyListeningIsARetry) {
  // A port that was free a moment ago: bind, note, close.
  int port = 0;
  {
    WebhookReceiver gone(dir_.path("gone.jsonl"));
    port = std::stoi(gone.url("").substr(std::string("http://127.0.0.1:").size()));
  }
  const DeliveryResult r =
      webhook({{"url", "http://127.0.0.1:" + std::to_string(port) + "/ok"}})->send(notification());
  EXPECT_EQ(r.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(contains(r.error, "onnect")) << r.error;
}

TEST_F(WebhookPlugin, TlsIsVerified) {
  const auto [cert, key] = plugin_testing::make_test_certificate(dir_);
  WebhookReceiver https(dir_.path("tls.jsonl"), cert, key);
  const std::string url = https.url("/ok", "https");

  const DeliveryResult untrusted = webhook({{"url", url}})->send(notification());
  EXPECT_EQ(untrusted.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(untrusted.error, "TLS verification failed: ")) << untrusted.error;

  const DeliveryResult trusted = webhook({{"url", url}, {"ca_file", cert}})->send(notification());
  EXPECT_TRUE(trusted.delivered()) << trusted.error;

  // The certificate is for 127.0.0.1, not for "localhost": the host name is checked too.
  const DeliveryResult wrong_host =
      webhook({{"url", https.url("/ok", "https", "localhost")}, {"ca_file", cert}})->send(notification());
  EXPECT_FALSE(wrong_host.delivered());
  EXPECT_EQ(https.requests().size(), 1u);
}

TEST_F(WebhookPlugin, BadSettingsAreClearErrors) {
  const std::string who = "notifier 'webhook' (plugin 'notify_webhook'): ";
  EXPECT_EQ(create_error({}), who + "setting 'url' is required");
  EXPECT_EQ(create_error({{"url", "ftp://x"}}), who + "setting 'url' must start with http:// or https://, not 'ftp://x'");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"format", "slack"}}),
            who + "setting 'format' must be json, wecom or dingtalk, not 'slack'");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"timeout_ms", "0"}}),
            who + "setting 'timeout_ms' must be an integer from 1 to 600000, not '0'");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"timeout_ms", "1000"}, {"connect_timeout_ms", "2000"}}),
            who + "setting 'connect_timeout_ms' must be an integer from 1 to 1000, not '2000'");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"secret", "s"}}), who + "setting 'secret' is for format dingtalk only");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"format", "wecom"}, {"header.X-A", "1"}}),
            who + "setting 'header.X-A': extra headers are for format json only");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"header.Bad Name", "1"}}), who + "setting 'header.Bad Name' is not a valid header");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"header.X-A", "a\r\nInjected: yes"}}),
            who + "setting 'header.X-A' is not a valid header");
  EXPECT_EQ(create_error({{"url", "http://x"}, {"verify_tls", "false"}}),
            who + "unknown setting 'verify_tls' (known: url, format, timeout_ms, connect_timeout_ms, ca_file, secret, "
                  "header.NAME)");
}

}  // namespace
}  // namespace propdesk
