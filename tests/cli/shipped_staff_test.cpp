// The shipped configuration dispatches out of the box: `ticket fire ... auto_dispatch` with the
// default --config (workflows/propdesk.yaml and its staff:) gives the repair an assignee, at
// whatever hour the test runs (the duty repairer is on duty around the clock for water).
#include <gtest/gtest.h>

#include <set>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

TEST(ShippedStaffCli, AutoDispatchFindsARepairerWithTheShippedConfiguration) {
  Workspace ws;
  const CliRun created = ws.run({"ticket", "create", "repair", "location=3-2-1502",
                                 "category=plumbing", "description=厨房水槽下水管漏水", "--db",
                                 "desk.db", "--as", "wangli:front_desk", "--json"});
  ASSERT_EQ(created.status, 0) << created.err;
  const std::string code = created.json()["code"];
  EXPECT_EQ(created.json()["assignee"], "");

  const CliRun fired = ws.run({"ticket", "fire", code, "auto_dispatch", "--db", "desk.db", "--as",
                               "zhouqiang:dispatcher", "--json"});
  ASSERT_EQ(fired.status, 0) << fired.err << fired.out;
  const auto j = fired.json();
  EXPECT_EQ(j["to_state"], "dispatched");
  // The plumber in office hours, the duty repairer otherwise: nobody else handles plumbing.
  const std::string assignee = j["ticket"]["assignee"];
  EXPECT_TRUE((std::set<std::string>{"lishifu", "zhiban"}.count(assignee) == 1)) << assignee;
  ASSERT_EQ(j["notifications"].size(), 1u);
  EXPECT_EQ(j["notifications"][0]["template"], "work_order");

  // Journaled, and the same assignee in the database.
  const CliRun shown = ws.run({"ticket", "show", code, "--db", "desk.db", "--json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.json()["assignee"], assignee);
  const CliRun history = ws.run({"ticket", "history", code, "--db", "desk.db"});
  EXPECT_NE(history.out.find("auto_dispatch"), std::string::npos) << history.out;
}

TEST(ShippedStaffCli, GrabIsHeldToTheShippedStaffsSkills) {
  Workspace ws;
  const auto create = [&](const char* category) {
    const CliRun r = ws.run({"ticket", "create", "repair", "location=1-1-302",
                             std::string("category=") + category, "description=门锁坏了", "--db",
                             "desk.db", "--as", "wangli:front_desk", "--json"});
    EXPECT_EQ(r.status, 0) << r.err;
    return r.json()["code"].get<std::string>();
  };
  const std::string door = create("door_window");
  const CliRun wrong =
      ws.run({"ticket", "fire", door, "grab", "--db", "desk.db", "--as", "lishifu:repairer"});
  EXPECT_EQ(wrong.status, 2) << wrong.out;
  EXPECT_NE(wrong.err.find("rejected: nobody-eligible: "), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("door_window"), std::string::npos) << wrong.err;
  const CliRun right = ws.run(
      {"ticket", "fire", door, "grab", "--db", "desk.db", "--as", "zhangshifu:repairer", "--json"});
  ASSERT_EQ(right.status, 0) << right.err;
  EXPECT_EQ(right.json()["ticket"]["assignee"], "zhangshifu");
}

}  // namespace
}  // namespace propdesk
