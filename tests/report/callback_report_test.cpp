// callback_report(): callbacks due today and the ones missed, residents' data masked.
#include "propdesk/callback_report.hpp"

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

const Fields kResident = {{"location", "3-2-1502"},
                          {"description", "厨房漏水"},
                          {"reporter", "王建国"},
                          {"phone", "13812345678"}};

Fields with(Fields fields, const char* name, Value value) {
  fields[name] = std::move(value);
  return fields;
}

class CallbackReportTest : public ::testing::Test {
 protected:
  CallbackReportTest() {
    // 1: a repair to call back at 16:00 today.
    desk_.create(
        TicketSpec("repair", "callback", "2026-11-25 09:00")
            .fields(with(kResident, "callback_at", local("2026-11-26 16:00")))
            .assignee("lishifu")
            .clocks({running("callback_due", "2026-11-26 08:00", local("2026-11-26 16:00"))}));
    // 2: a complaint the resident wanted answered at 10:00: missed by 4 hours.
    desk_.create(
        TicketSpec("complaint", "callback", "2026-11-24 09:00")
            .fields({{"location", "1-1-1103"},
                     {"description", "楼上漏水"},
                     {"reporter", "李秀英"},
                     {"phone", "13987654321"}})
            .severity("major")
            .clocks({running("callback_due", "2026-11-25 15:00", local("2026-11-26 10:00"))}));
    // 3: an inquiry whose callback clock has breached (due 13:00).
    desk_.create(TicketSpec("inquiry", "callback", "2026-11-26 08:00")
                     .fields({{"question", "装修押金多少？"}, {"phone", "010-1234"}})
                     .clocks({running("callback_due", "2026-11-26 09:00", local("2026-11-26 13:00"),
                                      /*breached=*/true)}));
    // 4: due tomorrow: not today's business.
    desk_.create(
        TicketSpec("paid_service", "callback", "2026-11-26 08:00")
            .fields({{"location", "7-2-1503"}, {"description", "安装吊灯"}})
            .clocks({running("callback_due", "2026-11-26 09:00", local("2026-11-27 10:00"))}));
    // 5: an appointment clock with due_at (arrival at scheduled_at) is not a callback.
    desk_.create(TicketSpec("paid_service", "scheduled", "2026-11-26 08:00")
                     .fields({{"location", "7-2-1504"}, {"description", "疏通下水道"}})
                     .clocks({running("arrival", "2026-11-26 09:00", local("2026-11-26 11:00"))}));
    // 6: a paused callback clock is not running.
    desk_.create(TicketSpec("repair", "callback", "2026-11-26 08:00")
                     .fields(kResident)
                     .clocks({paused("callback_due", "2026-11-26 09:00", "2026-11-26 10:00")}));
    // 7: closed after a late callback: not missing any more.
    desk_.create(
        TicketSpec("repair", "closed", "2026-11-25 08:00")
            .fields(kResident)
            .clocks({stopped("callback_due", "2026-11-25 09:00", "2026-11-26 11:00", true)}));
    // 8: the engine has not computed the due yet: the time the resident chose is used.
    desk_.create(TicketSpec("complaint", "callback", "2026-11-26 09:00")
                     .fields({{"description", "噪音"}, {"callback_at", local("2026-11-26 17:30")}})
                     .clocks({running("callback_due", "2026-11-26 12:00", std::nullopt)}));
  }

  CallbackReport report(bool show_pii = false) {
    CallbackParams p;
    p.show_pii = show_pii;
    return callback_report(desk_.store(), desk_.lookup(), local("2026-11-26 14:00"), p);
  }

  ReportDesk desk_;
};

std::vector<std::string> codes(const std::vector<CallbackItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.code);
  return out;
}

TEST_F(CallbackReportTest, TheDeskDayRunsFromMidnightToMidnightAtUtcPlus8) {
  const CallbackReport r = report();
  EXPECT_EQ(r.at, local("2026-11-26 14:00"));
  EXPECT_EQ(r.day_start, local("2026-11-26 00:00"));
  EXPECT_EQ(r.day_end, local("2026-11-27 00:00"));
  // 07:30 at the desk is still 23:30 of the day before in UTC.
  const CallbackReport early =
      callback_report(desk_.store(), desk_.lookup(), local("2026-11-26 07:30"));
  EXPECT_EQ(early.day_start, local("2026-11-26 00:00"));
}

TEST_F(CallbackReportTest, MissedCallbacksWithHowLateAndTodaysInOrder) {
  const CallbackReport r = report();
  EXPECT_EQ(codes(r.missing), (std::vector<std::string>{"TS-20261124-0001", "ZX-20261126-0001"}));
  EXPECT_EQ(codes(r.due_today), (std::vector<std::string>{"BX-20261125-0001", "TS-20261126-0001"}));

  CallbackItem complaint;
  complaint.id = 2;
  complaint.code = "TS-20261124-0001";
  complaint.workflow = "complaint";
  complaint.state = "callback";
  complaint.state_label = "待回访";
  complaint.severity = "major";
  complaint.location = "1-1-1103";
  complaint.clock = "callback_due";
  complaint.due = local("2026-11-26 10:00");
  complaint.late = std::chrono::hours(4);
  complaint.reporter = "李**";
  complaint.phone = "139****4321";
  EXPECT_EQ(r.missing[0], complaint);

  const CallbackItem& inquiry = r.missing[1];
  EXPECT_TRUE(inquiry.breached);
  EXPECT_EQ(inquiry.due, local("2026-11-26 13:00"));
  EXPECT_EQ(inquiry.late, std::chrono::hours(1));
  EXPECT_EQ(inquiry.state_label, "待回复");
  EXPECT_EQ(inquiry.phone, "010*1234");  // eight characters: the first three and last four stay
}

TEST_F(CallbackReportTest, TodaysCallbacksAreNotLateAndUseTheChosenTimeWithoutADue) {
  const CallbackReport r = report();
  ASSERT_EQ(r.due_today.size(), 2u);
  CallbackItem repair;
  repair.id = 1;
  repair.code = "BX-20261125-0001";
  repair.workflow = "repair";
  repair.state = "callback";
  repair.state_label = "待回访";
  repair.severity = "general";
  repair.assignee = "lishifu";
  repair.location = "3-2-1502";
  repair.clock = "callback_due";
  repair.due = local("2026-11-26 16:00");
  repair.reporter = "王**";
  repair.phone = "138****5678";
  EXPECT_EQ(r.due_today[0], repair);
  EXPECT_EQ(r.due_today[1].due, local("2026-11-26 17:30"));  // from callback_at
  EXPECT_EQ(r.due_today[1].late, Duration{0});
}

TEST_F(CallbackReportTest, ResidentsDataIsShownOnlyWhenAskedFor) {
  const CallbackReport r = report(/*show_pii=*/true);
  EXPECT_EQ(r.due_today[0].reporter, "王建国");
  EXPECT_EQ(r.due_today[0].phone, "13812345678");
  EXPECT_EQ(r.missing[0].phone, "13987654321");
}

TEST_F(CallbackReportTest, AnotherDueFieldMakesOtherClocksCallbacks) {
  CallbackParams p;
  p.due_field = "scheduled_at";  // paid_service's arrival
  const CallbackReport r =
      callback_report(desk_.store(), desk_.lookup(), local("2026-11-26 14:00"), p);
  EXPECT_EQ(codes(r.missing), (std::vector<std::string>{"YC-20261126-0002"}));
  EXPECT_TRUE(r.due_today.empty());
}

}  // namespace
}  // namespace propdesk
