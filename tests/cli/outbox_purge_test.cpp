// `propdesk outbox purge` end to end: messages queued through the CLI, delivered or given up on
// (recorded through the library, as a deliverer would), purged by age and status from the real
// SQLite file; pending messages are never purged.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.hpp"
#include "propdesk/sqlite_store.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;
using Json = nlohmann::ordered_json;

class OutboxPurgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cli_testing::write_field_staff_config(ws_.path("desk.yaml"), "webhook",
                                          "{url: \"http://127.0.0.1:9/\"}");
    // Three repairs dispatched: three work orders for field_staff.
    for (int i = 0; i < 3; ++i) {
      const CliRun created =
          run({"ticket", "create", "repair", "location=3-2-1502", "category=plumbing",
               "description=漏水", "--as", "wangli:front_desk", "--json"});
      ASSERT_EQ(created.status, 0) << created.err;
      const CliRun fired = run({"ticket", "fire", created.json()["code"], "dispatch",
                                "assignee=lishifu", "--as", "zhouqiang:dispatcher"});
      ASSERT_EQ(fired.status, 0) << fired.err;
    }
    // The first delivered on 2026-11-01, the second given up on on 2026-11-02; the third pending.
    SqliteStore store(ws_.path("desk.db"));
    const auto keys = store.outbox({});
    ASSERT_EQ(keys.size(), 3u);
    const TimePoint nov1 = *parse_time("2026-11-01 10:00");
    const TimePoint nov2 = *parse_time("2026-11-02 10:00");
    ASSERT_TRUE(
        store.claim_outbox(keys[0].key, keys[0].next_attempt, keys[0].next_attempt + Duration{60}));
    ASSERT_TRUE(store.acknowledge_outbox(keys[0].key, nov1));
    ASSERT_TRUE(
        store.claim_outbox(keys[1].key, keys[1].next_attempt, keys[1].next_attempt + Duration{60}));
    ASSERT_TRUE(store.fail_outbox(keys[1].key, 1, nov2, "HTTP 404", std::nullopt));
  }

  CliRun run(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", "desk.db", "--config", "desk.yaml"});
    return ws_.run(args);
  }
  CliRun purge(std::vector<std::string> args) const {
    args.insert(args.begin(), {"outbox", "purge", "--db", "desk.db"});
    return ws_.run(args);
  }
  OutboxCounts counts() const { return SqliteStore(ws_.path("desk.db")).outbox_counts(); }

  Workspace ws_;
};

TEST_F(OutboxPurgeTest, PurgesDeliveredMessagesOlderThanTheAgeByDefault) {
  // Counted from 2026-11-20: 30 days ago is before both; 7 days ago is after both.
  CliRun r = purge({"--older-than", "30d", "--at", "2026-11-20 10:00"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "purged 0 messages delivered before 2026-10-21 10:00; the outbox keeps 1 pending, 1 "
            "delivered, 1 dead\n");
  r = purge({"--older-than", "7d", "--at", "2026-11-20 10:00"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "purged 1 message delivered before 2026-11-13 10:00; the outbox keeps 1 pending, 0 "
            "delivered, 1 dead\n");
  EXPECT_EQ(counts(), (OutboxCounts{1, 0, 1}));
}

TEST_F(OutboxPurgeTest, DeadLettersOnlyWhenAskedAndNeverPending) {
  // Before 11-03 00:00: both ended earlier, but only the dead letter is asked for.
  CliRun r =
      purge({"--older-than", "17d", "--at", "2026-11-20 00:00", "--status", "dead", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_EQ(j["purged"], 1);
  EXPECT_EQ(j["statuses"], Json::array({"dead"}));
  EXPECT_EQ(j["before"], "2026-11-02T16:00:00Z");
  EXPECT_EQ(counts(), (OutboxCounts{1, 1, 0}));

  r = purge({"--older-than", "1s", "--status", "pending"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("never purged"), std::string::npos) << r.err;
  r = purge({"--older-than", "1s", "--status", "delivered", "--status", "dead"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(counts(), (OutboxCounts{1, 0, 0}));  // the pending message is still there, due
  EXPECT_EQ(SqliteStore(ws_.path("desk.db")).due_outbox(TimePoint::max(), 10, "").size(), 1u);
}

TEST_F(OutboxPurgeTest, BadArgumentsAreUsageErrors) {
  CliRun r = purge({"--older-than", "a month"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("--older-than expects a duration such as 30d"), std::string::npos) << r.err;
  r = purge({"--older-than", "30d", "--status", "sent"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("--status expects delivered or dead, got 'sent'"), std::string::npos)
      << r.err;
  r = ws_.run({"outbox", "purge", "--older-than", "30d", "--db", "missing.db"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no database at 'missing.db'"), std::string::npos) << r.err;
  EXPECT_EQ(counts(), (OutboxCounts{1, 1, 1}));
}

}  // namespace
}  // namespace propdesk
