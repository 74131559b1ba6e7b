// The shipped `log` notifier (plugins/log, propdesk_notify_log.so), loaded from its real file: a
// notification rendered from the repair workflow goes out as one JSON line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "plugin_test_support.hpp"
#include "propdesk/notification_renderer.hpp"

namespace propdesk {
namespace {

using plugin_testing::failures;
using plugin_testing::repair_ticket;
using plugin_testing::repair_workflow;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;
using plugin_testing::slurp;

class LogPlugin : public testing::Test {
 protected:
  void SetUp() override {
    const PluginLoadReport report =
        load_plugins(registry_, {{shipped("propdesk_notify_log")}, {{"notify_log", {}}}, false});
    ASSERT_TRUE(report.ok()) << failures(report);
    type_ = registry_.notifier_type("log");
    ASSERT_TRUE(type_);
  }

  Notification rendered(bool trusted) {
    Ticket t = repair_ticket();
    t.state = "dispatched";
    t.assignee = "li";
    t.version = 2;
    RenderOptions options;
    options.trusted = trusted;
    options.link_base = "https://desk.example.com/t/";
    return render_notification(*repair_workflow(), t, {"assignee", false, "work_order"},
                               {"dispatch", {"wang", "front_desk"}, *parse_time("2026-11-26T09:05:00+08:00")},
                               options);
  }

  static std::vector<nlohmann::json> lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  ScratchDir dir_;
  PluginRegistry registry_;
  std::shared_ptr<const NotifierType> type_;
};

TEST_F(LogPlugin, DescribesItself) {
  const auto info = registry_.plugin("notify_log");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->version, "0.1.0");
  EXPECT_EQ(info->api_major, 1u);
  const auto provided = registry_.provided_by("notify_log");
  ASSERT_EQ(provided.size(), 1u);
  EXPECT_EQ(provided[0].kind, ProvidedKind::kNotifier);
  EXPECT_EQ(provided[0].name, "log");
}

TEST_F(LogPlugin, WritesOneJsonLinePerNotification) {
  const auto file = dir_.path("notify.jsonl");
  auto log = type_->create({{"path", file.string()}});
  ASSERT_TRUE(log->send(rendered(false)).delivered());
  ASSERT_TRUE(log->send(rendered(true)).delivered());
  const auto all = lines(slurp(file));
  ASSERT_EQ(all.size(), 2u);
  const nlohmann::json& j = all[0];
  EXPECT_EQ(j["key"], "7:2:work_order:assignee");
  EXPECT_EQ(j["at"], "2026-11-26T01:05:00Z");
  EXPECT_EQ(j["ticket"], "BX-20261126-0007");
  EXPECT_EQ(j["ticket_id"], 7);
  EXPECT_EQ(j["workflow"], "repair");
  EXPECT_EQ(j["template"], "work_order");
  EXPECT_EQ(j["to"], "assignee");
  EXPECT_EQ(j["to_role"], false);
  EXPECT_EQ(j["state"], "dispatched");
  EXPECT_EQ(j["state_label"], "已派工");
  EXPECT_EQ(j["event"], "dispatch");
  EXPECT_EQ(j["subject"], "派工单 BX-20261126-0007");
  EXPECT_EQ(j["link"], "https://desk.example.com/t/BX-20261126-0007");
  EXPECT_EQ(j["fields"]["phone"], "138****5678");  // untrusted channel: masked
  EXPECT_EQ(j["fields"]["reporter"], "张*");
  EXPECT_EQ(j["fields"]["description"], "厨房水管漏水");
  EXPECT_EQ(all[1]["fields"]["phone"], "13812345678");  // trusted
  // Keys in a fixed order, one line each.
  EXPECT_EQ(slurp(file).rfind("{\"key\":\"7:2:work_order:assignee\",\"at\":", 0), 0u);
}

TEST_F(LogPlugin, AppendsToWhatIsThereAndSharesTheFileWithoutTornLines) {
  const auto file = dir_.write("notify.jsonl", "{\"earlier\":true}\n");
  auto a = type_->create({{"path", file.string()}});
  auto b = type_->create({{"path", file.string()}});
  const Notification n = rendered(false);
  std::thread ta([&] {
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(a->send(n).delivered());
  });
  std::thread tb([&] {
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(b->send(n).delivered());
  });
  ta.join();
  tb.join();
  const auto all = lines(slurp(file));  // parse() throws on a torn line
  ASSERT_EQ(all.size(), 201u);
  EXPECT_EQ(all[0]["earlier"], true);
}

TEST_F(LogPlugin, BadSettingsAreClearErrors) {
  try {
    (void)type_->create({{"path", dir_.path("no/such/folder/x.jsonl").string()}});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "notifier 'log' (plugin 'notify_log'): setting 'path': cannot open '" +
                                         dir_.path("no/such/folder/x.jsonl").string() +
                                         "' for appending: No such file or directory");
  }
  try {
    (void)type_->create({{"file", "x"}});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "notifier 'log' (plugin 'notify_log'): unknown setting 'file' (known: path)");
  }
  EXPECT_THROW((void)type_->create({{"path", ""}}), std::invalid_argument);
}

TEST_F(LogPlugin, WithoutAPathItWritesToStderr) {
  auto log = type_->create({});
  testing::internal::CaptureStderr();
  const DeliveryResult r = log->send(rendered(false));
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_TRUE(r.delivered());
  ASSERT_EQ(lines(err).size(), 1u);
  EXPECT_EQ(lines(err)[0]["ticket"], "BX-20261126-0007");
}

TEST_F(LogPlugin, AWriteThatFailsIsARetry) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto log = type_->create({{"path", "/dev/full"}});
  const DeliveryResult r = log->send(rendered(false));
  EXPECT_EQ(r.status, DeliveryStatus::kRetry);
  EXPECT_EQ(r.error, "notifier 'log' (plugin 'notify_log'): writing to '/dev/full' failed: No space left on device");
}

}  // namespace
}  // namespace propdesk
