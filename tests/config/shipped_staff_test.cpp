// The shipped configuration's staff (workflows/propdesk.yaml `staff:`) dispatches the shipped
// repair workflow out of the box: the day team on the office calendar by skill, the duty repairer
// at night for water and power, nobody for a lift at night (said so), and grab within skills.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "propdesk/engine.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/engine_setup.hpp"
#include "propdesk/memory_store.hpp"

namespace propdesk {
namespace {

class ShippedStaff : public ::testing::Test {
 protected:
  void SetUp() override {
    const EngineConfigLoadResult r =
        load_engine_config_file(std::string(PROPDESK_WORKFLOW_DIR) + "/propdesk.yaml");
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r.config->staff.people.empty());
    engine_ = std::make_unique<Engine>(std::make_shared<MemoryStore>(),
                                       engine_options(*r.config, clock_));
    ASSERT_FALSE(has_errors(load_workflows(*engine_, *r.config)));
  }

  Ticket report(const std::string& category) {
    auto t = engine_->create("repair",
                             {{"location", Value("2-1-601")},
                              {"category", Value(category)},
                              {"description", Value("坏了")}},
                             desk_);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.rejection().message);
    return t.ok() ? t.value() : Ticket{};
  }
  // The assignee auto_dispatch chose, or "rejected: <reason>".
  std::string auto_dispatched(const std::string& category) {
    const auto r = engine_->fire(report(category).id, "auto_dispatch", {}, desk_);
    return r.ok() ? r->ticket.assignee : "rejected: " + r.rejection().message;
  }

  // Thursday 2026-11-26 10:00 +08:00: office hours.
  std::shared_ptr<ManualClock> clock_ =
      std::make_shared<ManualClock>(*parse_time("2026-11-26 10:00"));
  std::unique_ptr<Engine> engine_;
  const Actor desk_{"wangli", "front_desk"};
};

TEST_F(ShippedStaff, OfficeHoursGoToTheDayTeamBySkill) {
  EXPECT_EQ(auto_dispatched("plumbing"), "lishifu");  // listed before the duty repairer
  EXPECT_EQ(auto_dispatched("plumbing"), "zhiban");   // lishifu has one open order now
  EXPECT_EQ(auto_dispatched("electrical"), "zhaodian");
  EXPECT_EQ(auto_dispatched("elevator"), "wubo");
  EXPECT_EQ(auto_dispatched("door_window"), "zhangshifu");
  EXPECT_EQ(auto_dispatched("other"), "zhangshifu");
}

TEST_F(ShippedStaff, AtNightOnlyTheDutyRepairerIsSentAndALiftWaitsForTheMorning) {
  clock_->set(*parse_time("2026-11-26 22:30"));
  EXPECT_EQ(auto_dispatched("plumbing"), "zhiban");
  EXPECT_EQ(auto_dispatched("electrical"), "zhiban");
  const std::string lift = auto_dispatched("elevator");
  EXPECT_EQ(lift.rfind("rejected: ", 0), 0u) << lift;
  EXPECT_NE(lift.find("wubo"), std::string::npos) << lift;  // named as off duty
}

TEST_F(ShippedStaff, TheDutyRepairersCapIsFour) {
  clock_->set(*parse_time("2026-11-28 03:00"));  // Saturday night: the day team is off
  for (int i = 0; i < 4; ++i) EXPECT_EQ(auto_dispatched("plumbing"), "zhiban");
  const std::string fifth = auto_dispatched("plumbing");
  EXPECT_NE(fifth.find("zhiban 4 of 4"), std::string::npos) << fifth;
}

TEST_F(ShippedStaff, GrabIsWithinTheRepairersSkills) {
  const auto grabbed =
      engine_->fire(report("door_window").id, "grab", {}, Actor{"zhangshifu", "repairer"});
  ASSERT_TRUE(grabbed.ok()) << grabbed.rejection().message;
  EXPECT_EQ(grabbed->ticket.assignee, "zhangshifu");
  const auto refused = engine_->fire(report("gas").id, "grab", {}, Actor{"zhaodian", "repairer"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.rejection().reason, Rejection::Reason::kNobodyEligible);
}

}  // namespace
}  // namespace propdesk
