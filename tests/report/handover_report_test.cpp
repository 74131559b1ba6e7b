// handover_report(): what is open at the end of the shift and what happened during it; the summary
// and the fields of the handover ticket.
#include "propdesk/handover_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "report_test_support.hpp"

namespace propdesk {
namespace {

using report_testing::ChangeSpec;
using report_testing::local;
using report_testing::ReportDesk;
using report_testing::running;
using report_testing::stopped;
using report_testing::TicketSpec;

const Actor kDesk{"wangli", "front_desk"};
const Actor kDispatcher{"zhouqiang", "dispatcher"};
const Actor kSystem{"system", "system"};

// The day shift, 09:00-18:00.
class HandoverReportTest : public ::testing::Test {
 protected:
  HandoverReportTest() {
    // 1 (BX-20261126-0001): reported before the shift, dispatched in it, then breached its response
    // clock and escalated.
    const Ticket a = desk_.create(
        TicketSpec("repair", "reported", "2026-11-26 08:00")
            .fields({{"location", "3-2-1502"}, {"description", "厨房漏水"}})
            .clocks({running("response", "2026-11-26 08:00", local("2026-11-26 09:30"))}));
    desk_.change(
        a, ChangeSpec("2026-11-26 09:40", kSystem, "sla_breached")
               .input({{"clock", "response"}})
               .clocks({running("response", "2026-11-26 08:00", local("2026-11-26 09:30"), true)}));
    desk_.change(a, ChangeSpec("2026-11-26 09:40", kSystem, "escalation")
                        .input({{"clock", "response"}, {"step", 1}}));
    desk_.change(a, ChangeSpec("2026-11-26 09:50", kDispatcher, "dispatch")
                        .to("dispatched")
                        .input({{"assignee", "lishifu"}}));
    // 2 (TS-20261126-0001): a complaint registered and classified during the shift.
    const Ticket b = desk_.create(TicketSpec("complaint", "registered", "2026-11-26 10:15")
                                      .fields({{"location", "1-1-1103"}, {"description", "噪音"}}));
    desk_.change(b, ChangeSpec("2026-11-26 10:20", kDesk, "classify_general")
                        .to("assigned")
                        .input({{"dept", "security"}}));
    // 3 (ZX-20261125-0001): yesterday's question, answered in the shift.
    const Ticket c = desk_.create(TicketSpec("inquiry", "received", "2026-11-25 16:00")
                                      .fields({{"question", "游泳池几点开放？"}}));
    desk_.change(c, ChangeSpec("2026-11-26 11:00", kDesk, "answer")
                        .to("answered")
                        .input({{"answer", "早九点"}}));
    // 4 (BX-20261125-0001): open, untouched during the shift.
    desk_.create(TicketSpec("repair", "on_hold", "2026-11-25 09:00")
                     .fields({{"location", "6-1-1201"}, {"description", "等配件"}}));
    // 5 (BX-20261126-0002): reported late in the shift; cancelled after it.
    const Ticket e =
        desk_.create(TicketSpec("repair", "reported", "2026-11-26 17:30")
                         .fields({{"location", "2-2-804"}, {"description", "灯不亮"}}));
    desk_.change(e, ChangeSpec("2026-11-26 18:30", kDesk, "cancel")
                        .to("cancelled")
                        .input({{"reason", "业主自行修好"}}));
    // 6 (ZX-20261126-0001): after the shift.
    desk_.create(
        TicketSpec("inquiry", "received", "2026-11-26 19:00").fields({{"question", "快递放哪？"}}));
  }

  HandoverReport report() {
    return handover_report(desk_.store(), desk_.lookup(),
                           {local("2026-11-26 09:00"), local("2026-11-26 18:00")});
  }

  ReportDesk desk_;
};

// "code #seq event from->to by actor"
std::vector<std::string> lines(const std::vector<ShiftEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) {
    out.push_back(e.code + " #" + std::to_string(e.seq) + " " + e.event + " " + e.from_state +
                  "->" + e.to_state + " by " + e.actor.id);
  }
  return out;
}

TEST_F(HandoverReportTest, ChangesAreTheShiftsJournalEntriesByTicket) {
  const HandoverReport r = report();
  EXPECT_EQ(lines(r.changes),
            (std::vector<std::string>{
                "BX-20261126-0001 #2 sla_breached reported->reported by system",
                "BX-20261126-0001 #3 escalation reported->reported by system",
                "BX-20261126-0001 #4 dispatch reported->dispatched by zhouqiang",
                "TS-20261126-0001 #1 create ->registered by wangli",
                "TS-20261126-0001 #2 classify_general registered->assigned by wangli",
                "ZX-20261125-0001 #2 answer received->answered by wangli",
                "BX-20261126-0002 #1 create ->reported by wangli",
            }));
}

TEST_F(HandoverReportTest, AnEntryCarriesLabelsLocationAndClock) {
  const HandoverReport r = report();
  ShiftEntry breach;
  breach.ticket = 1;
  breach.code = "BX-20261126-0001";
  breach.workflow = "repair";
  breach.location = "3-2-1502";
  breach.seq = 2;
  breach.at = local("2026-11-26 09:40");
  breach.actor = kSystem;
  breach.event = "sla_breached";
  breach.from_state = "reported";
  breach.from_label = "待派单";
  breach.to_state = "reported";
  breach.to_label = "待派单";
  breach.clock = "response";
  ASSERT_FALSE(r.changes.empty());
  EXPECT_EQ(r.changes[0], breach);
  EXPECT_EQ(r.breaches, std::vector<ShiftEntry>{breach});
}

TEST_F(HandoverReportTest, NewClosedAndEscalatedTicketsOfTheShift) {
  const HandoverReport r = report();
  EXPECT_EQ(lines(r.created),
            (std::vector<std::string>{"TS-20261126-0001 #1 create ->registered by wangli",
                                      "BX-20261126-0002 #1 create ->reported by wangli"}));
  EXPECT_EQ(lines(r.closed),
            (std::vector<std::string>{"ZX-20261125-0001 #2 answer received->answered by wangli"}));
  EXPECT_EQ(
      lines(r.escalations),
      (std::vector<std::string>{"BX-20261126-0001 #3 escalation reported->reported by system"}));
  EXPECT_EQ(r.closed[0].to_label, "已答复");
}

TEST_F(HandoverReportTest, OpenIsWhatIsOpenAtTheEndOfTheShift) {
  const HandoverReport r = report();
  EXPECT_EQ(r.open.at, local("2026-11-26 18:00"));
  std::vector<std::string> open;
  for (const OpenItem& i : r.open.items) open.push_back(i.code);
  // The ticket created after the shift is not there; the one cancelled after it is not either
  // (the store holds current states: run the report at the end of the shift).
  EXPECT_EQ(open,
            (std::vector<std::string>{"BX-20261126-0001", "BX-20261125-0001", "TS-20261126-0001"}));
}

TEST_F(HandoverReportTest, TheSummaryCountsAndNamesWhatNeedsAttention) {
  const HandoverReport r = report();
  EXPECT_EQ(handover_summary(r),
            "未关闭 3 项（已超时 1 项）；本班新增 2 项，关闭 1 项，超时 1 次，升级 1 次。\n"
            "BX-20261126-0001 已派工 3-2-1502 超时: response");
}

TEST_F(HandoverReportTest, TheHandoverTicketRecordsTheReport) {
  const HandoverReport r = report();
  const Fields fields = handover_ticket_fields(r, "wangli", "chenjing");
  const Fields expected = {{"shift_from", local("2026-11-26 09:00")},
                           {"shift_to", local("2026-11-26 18:00")},
                           {"outgoing", "wangli"},
                           {"incoming", "chenjing"},
                           {"assignee", "chenjing"},
                           {"summary", handover_summary(r)},
                           {"open_count", 3},
                           {"breach_count", 1}};
  EXPECT_EQ(fields, expected);
  // Every field is one the shipped workflow declares (assignee is built in).
  const auto handover = desk_.lookup()("handover", desk_.shipped_version("handover"));
  ASSERT_TRUE(handover);
  for (const auto& [name, value] : fields) {
    const auto id = handover->find_field(name);
    ASSERT_TRUE(id) << name;
    EXPECT_EQ(handover->field(*id).check(value), "") << name;
  }
}

TEST_F(HandoverReportTest, DueSoonItemsAreNamedWithTheTimeLeft) {
  desk_.create(TicketSpec("complaint", "assigned", "2026-11-26 17:00")
                   .fields({{"location", "5-1-302"}, {"description", "电梯异响"}})
                   .clocks({running("response", "2026-11-26 17:00", local("2026-11-26 19:15")),
                            running("resolution", "2026-11-26 17:00", local("2026-11-29 17:00"))}));
  const std::string summary = handover_summary(report());
  EXPECT_NE(summary.find("\nTS-20261126-0002 已转部门 5-1-302 response 剩余 1h15m"),
            std::string::npos)
      << summary;
}

TEST_F(HandoverReportTest, TheSummaryNamesAtMostTwentyItemsAndCountsTheRest) {
  for (int i = 0; i < 24; ++i) {
    desk_.create(TicketSpec("repair", "reported", "2026-11-26 12:00")
                     .fields({{"location", "4-1-" + std::to_string(100 + i)}})
                     .clocks({running("response", "2026-11-26 12:00", local("2026-11-26 12:30"),
                                      /*breached=*/true)}));
  }
  const std::string summary = handover_summary(report());
  EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 21) << summary;  // 20 + the rest
  EXPECT_TRUE(summary.ends_with("\n……另有 5 项")) << summary;  // 25 breached items in all
  EXPECT_TRUE(summary.starts_with("未关闭 27 项（已超时 25 项）")) << summary;
}

TEST_F(HandoverReportTest, AnItemPastItsDueButNotYetMarkedBreachedIsNamedAsDue) {
  desk_.create(
      TicketSpec("inquiry", "forwarded", "2026-11-26 08:00")
          .clocks({running("dept_answer", "2026-11-26 08:00", local("2026-11-26 17:20"))}));
  const std::string summary = handover_summary(report());
  EXPECT_NE(summary.find("\nZX-20261126-0002 已转部门 dept_answer 已到期 40m"), std::string::npos)
      << summary;
}

TEST_F(HandoverReportTest, AShiftThatDoesNotEndAfterItBeginsIsRefused) {
  EXPECT_THROW(handover_report(desk_.store(), desk_.lookup(),
                               {local("2026-11-26 18:00"), local("2026-11-26 09:00")}),
               std::invalid_argument);
  EXPECT_THROW(handover_report(desk_.store(), desk_.lookup(),
                               {local("2026-11-26 18:00"), local("2026-11-26 18:00")}),
               std::invalid_argument);
}

}  // namespace
}  // namespace propdesk
