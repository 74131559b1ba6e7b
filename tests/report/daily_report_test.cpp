// daily_report(): every unclosed ticket, next deadline first, with its breached clocks.
#include "propdesk/daily_report.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace propdesk {
namespace {

using report_testing::local;
using report_testing::paused;
using report_testing::ReportDesk;
using report_testing::running;
using report_testing::stopped;
using report_testing::TicketSpec;

OpenItem item(TicketId id, std::string code, std::string workflow, std::string state,
              std::string label, std::string severity, std::string assignee, std::string location,
              const char* created, Duration age, std::optional<TimePoint> next_due,
              std::string next_clock, std::vector<std::string> breached) {
  OpenItem i;
  i.id = id;
  i.code = std::move(code);
  i.workflow = std::move(workflow);
  i.workflow_version = ReportDesk().shipped_version(i.workflow);
  i.state = std::move(state);
  i.state_label = std::move(label);
  i.severity = std::move(severity);
  i.assignee = std::move(assignee);
  i.location = std::move(location);
  i.created_at = local(created);
  i.age = age;
  i.next_due = next_due;
  i.next_clock = std::move(next_clock);
  i.breached_clocks = std::move(breached);
  return i;
}

class DailyReportTest : public ::testing::Test {
 protected:
  DailyReportTest() {
    using std::chrono::hours;
    // 1: just reported; the response clock is due first (and already overdue at 10:30).
    desk_.create(
        TicketSpec("repair", "reported", "2026-11-26 09:00")
            .fields({{"location", "3-2-1502"}, {"description", "厨房漏水"}})
            .clocks({running("response", "2026-11-26 09:00", local("2026-11-26 09:30")),
                     running("resolution", "2026-11-26 09:00", local("2026-11-28 09:00"))}));
    // 2: a major complaint whose response was late; its resolution is due at noon.
    desk_.create(
        TicketSpec("complaint", "handling", "2026-11-25 10:00")
            .fields({{"location", "1-1-1103"}, {"description", "楼上漏水"}})
            .severity("major")
            .assignee("magong")
            .clocks({stopped("response", "2026-11-25 10:00", "2026-11-25 11:00", true),
                     running("resolution", "2026-11-25 10:00", local("2026-11-26 12:00"))}));
    // 3: on hold: its resolution clock is paused, so it has no deadline; the oldest.
    desk_.create(TicketSpec("repair", "on_hold", "2026-11-24 08:00")
                     .fields({{"location", "6-1-1201"}, {"description", "等配件"}})
                     .assignee("lishifu")
                     .clocks({stopped("response", "2026-11-24 08:00", "2026-11-24 08:10", false),
                              paused("resolution", "2026-11-24 08:00", "2026-11-24 09:00")}));
    // 4: a question nobody has a clock on.
    desk_.create(TicketSpec("inquiry", "received", "2026-11-26 10:00")
                     .fields({{"question", "游泳池几点开放？"}}));
    // Final states are not open.
    desk_.create(TicketSpec("repair", "closed", "2026-11-26 08:00")
                     .fields({{"location", "2-2-804"}, {"description", "马桶漏水"}})
                     .clocks({stopped("response", "2026-11-26 08:00", "2026-11-26 08:05", true)}));
    desk_.create(TicketSpec("paid_service", "declined", "2026-11-26 08:30")
                     .fields({{"location", "7-2-1503"}, {"description", "安装吊灯"}}));
    // Created after the report's moment.
    desk_.create(TicketSpec("inquiry", "received", "2026-11-26 11:00")
                     .fields({{"question", "停车费多少？"}}));
  }

  ReportDesk desk_;
};

TEST_F(DailyReportTest, ListsEveryUnclosedTicketByNextDeadlineThenAge) {
  using std::chrono::hours;
  using std::chrono::minutes;
  const DailyReport r = daily_report(desk_.store(), desk_.lookup(), local("2026-11-26 10:30"));
  EXPECT_EQ(r.at, local("2026-11-26 10:30"));
  const std::vector<OpenItem> expected = {
      item(1, "BX-20261126-0001", "repair", "reported", "待派单", "general", "", "3-2-1502",
           "2026-11-26 09:00", hours(1) + minutes(30), local("2026-11-26 09:30"), "response", {}),
      item(2, "TS-20261125-0001", "complaint", "handling", "处理中", "major", "magong", "1-1-1103",
           "2026-11-25 10:00", hours(24) + minutes(30), local("2026-11-26 12:00"), "resolution",
           {"response"}),
      item(3, "BX-20261124-0001", "repair", "on_hold", "暂停", "general", "lishifu", "6-1-1201",
           "2026-11-24 08:00", hours(50) + minutes(30), std::nullopt, "", {}),
      item(4, "ZX-20261126-0001", "inquiry", "received", "待答复", "general", "", "",
           "2026-11-26 10:00", minutes(30), std::nullopt, "", {}),
  };
  EXPECT_EQ(r.items, expected);
}

TEST_F(DailyReportTest, ATicketOnAnUnknownWorkflowVersionIsListedAsOpen) {
  desk_.create(TicketSpec("repair", "closed", "2026-11-26 10:10")
                   .fields({{"location", "9-9-909"}})
                   .version(7));
  const DailyReport r = daily_report(desk_.store(), desk_.lookup(), local("2026-11-26 10:30"));
  ASSERT_EQ(r.items.size(), 5u);
  const OpenItem& unknown = r.items.back();  // no deadline, the youngest
  EXPECT_EQ(unknown.location, "9-9-909");
  EXPECT_EQ(unknown.state_label, "");
  EXPECT_FALSE(unknown.workflow_known);
  EXPECT_TRUE(r.items.front().workflow_known);
}

TEST_F(DailyReportTest, TheSameStoreReadsTheSameWithTheWorkflowsStored) {
  // With the workflows in the store, the final (workflow, state) groups are skipped unread; the
  // result must not change.
  const DailyReport before = daily_report(desk_.store(), desk_.lookup(), local("2026-11-26 10:30"));
  desk_.save_workflows();
  const DailyReport after = daily_report(desk_.store(), desk_.lookup(), local("2026-11-26 10:30"));
  EXPECT_EQ(after.items, before.items);
  EXPECT_EQ(after.items.size(), 4u);
}

TEST(DailyReport, AnEmptyStoreHasNothingOpen) {
  ReportDesk desk;
  EXPECT_TRUE(daily_report(desk.store(), desk.lookup(), local("2026-11-26 10:30")).items.empty());
}

}  // namespace
}  // namespace propdesk
