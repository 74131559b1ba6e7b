// `propdesk report outbox` end to end: a configuration with a `notifiers:` section makes the CLI's
// own `ticket fire` queue notifications; one no channel takes is a dead letter at once, and a
// delivery that failed for good (recorded here through the library, as a deliverer would) is one
// too. The report lists both with their last error, and what is pending, as text, JSON and CSV.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.hpp"
#include "propdesk/sqlite_store.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;
using Json = nlohmann::ordered_json;

class ReportOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cli_testing::write_field_staff_config(ws_.path("desk.yaml"), "webhook",
                                          "{url: \"http://127.0.0.1:9/notify\"}");
    const CliRun created = run({"ticket", "create", "repair", "location=3-2-1502", "category=plumbing",
                                "description=厨房漏水", "phone=13812345678", "--as", "wangli:front_desk",
                                "--json"});
    ASSERT_EQ(created.status, 0) << created.err;
    code_ = Json::parse(created.out)["code"].get<std::string>();
    fire({"dispatch", "assignee=lishifu"}, "zhouqiang:dispatcher");  // queued for field_staff
    fire({"return", "reason=缺配件"}, "lishifu:repairer");           // the dispatcher: no channel
  }

  CliRun run(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", "desk.db", "--config", "desk.yaml"});
    return ws_.run(args);
  }
  void fire(std::vector<std::string> args, const std::string& actor) const {
    args.insert(args.begin(), {"ticket", "fire", code_});
    args.insert(args.end(), {"--as", actor});
    const CliRun r = run(args);
    EXPECT_EQ(r.status, 0) << r.err;
  }
  CliRun report(std::vector<std::string> args = {}) const {
    args.insert(args.begin(), {"report", "outbox", "--db", "desk.db"});
    return ws_.run(args);
  }

  Workspace ws_;
  std::string code_;
};

TEST_F(ReportOutboxTest, ListsDeadLettersWithTheirErrorsAndWhatIsPending) {
  const CliRun before = report({"--json"});
  ASSERT_EQ(before.status, 0) << before.err;
  Json doc = Json::parse(before.out);
  EXPECT_EQ(doc["report"], "outbox");
  EXPECT_EQ(doc["dead_count"], 1);
  EXPECT_EQ(doc["pending_count"], 1);
  EXPECT_EQ(doc["delivered_count"], 0);
  ASSERT_EQ(doc["dead"].size(), 1u);
  const Json& unrouted = doc["dead"][0];
  EXPECT_EQ(unrouted["ticket"], code_);
  EXPECT_EQ(unrouted["channel"], "");
  EXPECT_EQ(unrouted["recipient"], "dispatcher");
  EXPECT_EQ(unrouted["last_error"], "no notifier takes role 'dispatcher' (see notifiers: in the engine configuration)");
  ASSERT_EQ(doc["pending"].size(), 1u);
  const Json& pending = doc["pending"][0];
  EXPECT_EQ(pending["channel"], "field_staff");
  EXPECT_EQ(pending["recipient"], "lishifu");
  EXPECT_EQ(pending["subject"], "派工单 " + code_);
  EXPECT_EQ(pending["attempts"], 0);
  const std::string key = pending["key"];

  // A deliverer tried it once and the receiver refused it for good.
  {
    SqliteStore store(ws_.path("desk.db"));
    const TimePoint raised = store.outbox({}).at(0).created_at;
    const auto claimed = store.claim_outbox(key, raised, raised + Duration{600});
    ASSERT_TRUE(claimed);
    ASSERT_TRUE(store.fail_outbox(key, 1, claimed->created_at + Duration{5},
                                  "notifier 'webhook' (plugin 'notify_webhook'): HTTP 400: bad request",
                                  std::nullopt));
  }
  const CliRun after = report({"--json"});
  ASSERT_EQ(after.status, 0) << after.err;
  doc = Json::parse(after.out);
  EXPECT_EQ(doc["dead_count"], 2);
  EXPECT_EQ(doc["pending_count"], 0);
  EXPECT_TRUE(doc["pending"].empty());
  ASSERT_EQ(doc["dead"].size(), 2u);
  EXPECT_EQ(doc["dead"][0]["key"], key);  // the dispatch came first
  EXPECT_EQ(doc["dead"][0]["attempts"], 1);
  EXPECT_EQ(doc["dead"][0]["last_error"], "notifier 'webhook' (plugin 'notify_webhook'): HTTP 400: bad request");

  const CliRun text = report();
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("Outbox (通知发送)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Dead letters (未送达通知)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("HTTP 400: bad request"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("no notifier takes role 'dispatcher'"), std::string::npos) << text.out;

  const CliRun csv = report({"--csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("key,ticket,channel,recipient,subject,attempts,created_at,failed_at,last_error\r\n", 0), 0u)
      << csv.out;
  EXPECT_NE(csv.out.find(",no notifier takes role 'dispatcher' (see notifiers: in the engine configuration)\r\n"),
            std::string::npos)
      << csv.out;
  const CliRun pending_csv = report({"--csv", "--section", "pending"});
  ASSERT_EQ(pending_csv.status, 0) << pending_csv.err;
  EXPECT_EQ(pending_csv.out,
            "key,ticket,channel,recipient,subject,attempts,created_at,next_attempt,waiting_seconds,"
            "last_error\r\n");
}

TEST_F(ReportOutboxTest, BadArgumentsAreClearErrors) {
  const CliRun missing = ws_.run({"report", "outbox", "--db", "nowhere.db"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("error: no database at 'nowhere.db'"), std::string::npos) << missing.err;
  const CliRun section = report({"--section", "sent"});
  EXPECT_EQ(section.status, 1);
  EXPECT_NE(section.err.find("the outbox report has no section 'sent' (sections: dead, pending)"), std::string::npos)
      << section.err;
  const CliRun limit = report({"--limit", "0"});
  EXPECT_EQ(limit.status, 1);
  const CliRun typo = ws_.run({"report", "outbx", "--db", "desk.db"});
  EXPECT_EQ(typo.status, 1);
  EXPECT_NE(typo.err.find("unknown report 'outbx' (did you mean 'outbox'?)"), std::string::npos) << typo.err;
}

}  // namespace
}  // namespace propdesk
