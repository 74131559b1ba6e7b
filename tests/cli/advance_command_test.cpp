// `propdesk advance`: acts on the deadlines due by --to, once, and says what it did.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"
#include "propdesk/value.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

class AdvanceCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CliRun created = ws_.run({"ticket", "create", "repair", "location=1-1-101", "description=门锁坏了",
                              "--as", "wangli:front_desk", "--db", "desk.db", "--json"});
    ASSERT_EQ(created.status, 0) << created.err;
    code_ = created.json()["code"];
    created_at_ = *parse_time(created.json()["created_at"].get<std::string>());
  }

  CliRun advance(const std::string& to) const {
    return ws_.run({"advance", "--db", "desk.db", "--to", to, "--json"});
  }

  int count(const std::string& event) const {
    const CliRun history = ws_.run({"ticket", "history", code_, "--db", "desk.db", "--json"});
    EXPECT_EQ(history.status, 0) << history.err;
    const nlohmann::json parsed = history.json();
    int n = 0;
    for (const auto& entry : parsed["entries"]) n += entry["event"] == event;
    return n;
  }

  Workspace ws_;
  std::string code_;
  TimePoint created_at_;
};

TEST_F(AdvanceCommandTest, ActsOnEveryDeadlineOnceAndSaysWhatItDid) {
  // A month later every clock of the untouched repair has warned, breached and escalated.
  const std::string later = format_time(created_at_ + std::chrono::days(30));
  const CliRun first = advance(later);
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(first.json()["warnings"], 2);  // response and resolution
  EXPECT_EQ(first.json()["breaches"], 2);
  EXPECT_GE(first.json()["escalations"].get<int>(), 3);
  EXPECT_TRUE(first.json()["next_deadline"].is_null());
  EXPECT_EQ(count("sla_breached"), 2);

  const CliRun again = advance(later);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.json()["timers"], 0);
  EXPECT_EQ(count("sla_breached"), 2);
  EXPECT_EQ(ws_.run({"verify", "--db", "desk.db"}).status, 0);
}

TEST_F(AdvanceCommandTest, NothingIsDueBeforeTheFirstDeadline) {
  const CliRun r = advance(format_time(created_at_));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.json()["timers"], 0);
  EXPECT_FALSE(r.json()["next_deadline"].is_null());
  EXPECT_EQ(count("sla_warning"), 0);
}

TEST_F(AdvanceCommandTest, AnUnreadableTimeIsAClearError) {
  const CliRun r = ws_.run({"advance", "--db", "desk.db", "--to", "tomorrow"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("--to: cannot read 'tomorrow' as a time"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace propdesk
