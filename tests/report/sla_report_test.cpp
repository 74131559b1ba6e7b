// sla_report(): runs met and breached per workflow, clock, category and severity; ratings.
#include "propdesk/sla_report.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "report_test_support.hpp"

namespace propdesk {
namespace {

using report_testing::ChangeSpec;
using report_testing::local;
using report_testing::paused;
using report_testing::ReportDesk;
using report_testing::running;
using report_testing::stopped;
using report_testing::TicketSpec;

const Actor kDesk{"wangli", "front_desk"};
const Actor kResident{"owner", "resident"};

ComplianceRow row(std::string workflow, std::string clock, ComplianceRow::Group group,
                  std::string value, std::int64_t runs, std::int64_t met, std::int64_t breached,
                  std::int64_t open, std::optional<double> percent) {
  ComplianceRow r;
  r.workflow = std::move(workflow);
  r.clock = std::move(clock);
  r.group = group;
  r.value = std::move(value);
  r.runs = runs;
  r.met = met;
  r.breached = breached;
  r.open = open;
  r.compliance_percent = percent;
  return r;
}

// November 2026.
class SlaReportTest : public ::testing::Test {
 protected:
  SlaReportTest() {
    // Repair 1: plumbing, general: response met, resolution breached; rated 5 in the app.
    const Ticket r1 = desk_.create(
        TicketSpec("repair", "callback", "2026-11-02 09:00")
            .fields({{"location", "3-2-1502"}, {"category", "plumbing"}})
            .clocks({stopped("response", "2026-11-02 09:00", "2026-11-02 09:20", false),
                     stopped("resolution", "2026-11-02 09:00", "2026-11-05 09:00", true)}));
    desk_.change(r1,
                 ChangeSpec("2026-11-05 10:00", kResident, "rate").input({{"satisfaction", 5}}));
    // Repair 2: plumbing, major: response breached, resolution still running; rated 1 at the
    // callback.
    const Ticket r2 = desk_.create(
        TicketSpec("repair", "in_progress", "2026-11-10 09:00")
            .fields({{"location", "3-2-1503"}, {"category", "plumbing"}})
            .severity("major")
            .clocks({stopped("response", "2026-11-10 09:00", "2026-11-10 10:00", true),
                     running("resolution", "2026-11-10 09:00", local("2026-11-10 13:00"))}));
    desk_.change(r2,
                 ChangeSpec("2026-11-11 10:00", kDesk, "call_back").input({{"satisfaction", 1}}));
    // Repair 3: electrical, general: response met, resolution paused.
    desk_.create(TicketSpec("repair", "on_hold", "2026-11-20 09:00")
                     .fields({{"location", "6-1-1201"}, {"category", "electrical"}})
                     .clocks({stopped("response", "2026-11-20 09:00", "2026-11-20 09:10", false),
                              paused("resolution", "2026-11-20 09:00", "2026-11-20 11:00")}));
    // A complaint: response met; called back twice (2, then 4).
    const Ticket c1 = desk_.create(
        TicketSpec("complaint", "closed", "2026-11-15 09:00")
            .fields({{"description", "噪音"}, {"category", "noise"}})
            .clocks({stopped("response", "2026-11-15 09:00", "2026-11-15 10:00", false)}));
    desk_.change(c1, ChangeSpec("2026-11-16 10:00", kDesk, "call_back")
                         .input({{"satisfaction", 2}, {"reason", "仍有噪音"}}));
    desk_.change(c1,
                 ChangeSpec("2026-11-18 10:00", kDesk, "call_back").input({{"satisfaction", 4}}));
    // An inquiry without clocks or ratings.
    desk_.create(TicketSpec("inquiry", "answered", "2026-11-03 09:00"));
    // Outside the period: October, and December 1st.
    const Ticket old = desk_.create(
        TicketSpec("repair", "closed", "2026-10-31 23:59")
            .fields({{"category", "gas"}})
            .clocks({stopped("response", "2026-10-31 23:59", "2026-11-01 09:00", true)}));
    desk_.change(old,
                 ChangeSpec("2026-11-02 10:00", kDesk, "call_back").input({{"satisfaction", 3}}));
    desk_.create(TicketSpec("paid_service", "closed", "2026-12-01 00:00")
                     .clocks({stopped("quote", "2026-12-01 00:00", "2026-12-01 09:00", true)}));
  }

  SlaReport report() {
    return sla_report(desk_.store(), desk_.lookup(),
                      {local("2026-11-01 00:00"), local("2026-12-01 00:00")});
  }

  ReportDesk desk_;
};

TEST_F(SlaReportTest, CompliancePerWorkflowClockCategoryAndSeverity) {
  using G = ComplianceRow::Group;
  const SlaReport r = report();
  EXPECT_EQ(r.tickets, 5);
  const std::vector<ComplianceRow> expected = {
      row("complaint", "response", G::kAll, "", 1, 1, 0, 0, 100.0),
      row("complaint", "response", G::kCategory, "noise", 1, 1, 0, 0, 100.0),
      row("complaint", "response", G::kSeverity, "general", 1, 1, 0, 0, 100.0),
      // Repair's clocks in the workflow's order: response, then resolution.
      row("repair", "response", G::kAll, "", 3, 2, 1, 0, 200.0 / 3.0),
      row("repair", "response", G::kCategory, "electrical", 1, 1, 0, 0, 100.0),
      row("repair", "response", G::kCategory, "plumbing", 2, 1, 1, 0, 50.0),
      row("repair", "response", G::kSeverity, "general", 2, 2, 0, 0, 100.0),
      row("repair", "response", G::kSeverity, "major", 1, 0, 1, 0, 0.0),
      row("repair", "resolution", G::kAll, "", 3, 0, 1, 2, 0.0),
      row("repair", "resolution", G::kCategory, "electrical", 1, 0, 0, 1, std::nullopt),
      row("repair", "resolution", G::kCategory, "plumbing", 2, 0, 1, 1, 0.0),
      row("repair", "resolution", G::kSeverity, "general", 2, 0, 1, 1, 0.0),
      row("repair", "resolution", G::kSeverity, "major", 1, 0, 0, 1, std::nullopt),
  };
  EXPECT_EQ(r.compliance, expected);
}

TEST_F(SlaReportTest, SatisfactionCountsEveryRatingGivenOnThePeriodsTickets) {
  const SlaReport r = report();
  ASSERT_EQ(r.satisfaction.size(), 3u);  // complaint, inquiry, repair: paid_service had no ticket
  EXPECT_EQ(r.satisfaction[0].workflow, "complaint");
  EXPECT_EQ(r.satisfaction[0].count, 2);
  EXPECT_EQ(r.satisfaction[0].average, 3.0);
  EXPECT_EQ(r.satisfaction[0].distribution, (std::array<std::int64_t, 5>{0, 1, 0, 1, 0}));
  EXPECT_EQ(r.satisfaction[1].workflow, "inquiry");
  EXPECT_EQ(r.satisfaction[1].count, 0);
  EXPECT_EQ(r.satisfaction[1].average, std::nullopt);
  EXPECT_EQ(r.satisfaction[2].workflow, "repair");
  EXPECT_EQ(r.satisfaction[2].count, 2);  // the October ticket's 3 is not counted
  EXPECT_EQ(r.satisfaction[2].average, 3.0);
  EXPECT_EQ(r.satisfaction[2].distribution, (std::array<std::int64_t, 5>{1, 0, 0, 0, 1}));
}

TEST_F(SlaReportTest, APeriodWithoutTicketsIsEmpty) {
  const SlaReport r = sla_report(desk_.store(), desk_.lookup(),
                                 {local("2027-01-01 00:00"), local("2027-02-01 00:00")});
  EXPECT_EQ(r.tickets, 0);
  EXPECT_TRUE(r.compliance.empty());
  EXPECT_TRUE(r.satisfaction.empty());
}

TEST_F(SlaReportTest, APeriodThatDoesNotEndAfterItBeginsIsRefused) {
  EXPECT_THROW(sla_report(desk_.store(), desk_.lookup(),
                          {local("2026-12-01 00:00"), local("2026-11-01 00:00")}),
               std::invalid_argument);
}

TEST(ComplianceGroup, Names) {
  EXPECT_EQ(to_string(ComplianceRow::Group::kAll), "all");
  EXPECT_EQ(to_string(ComplianceRow::Group::kCategory), "category");
  EXPECT_EQ(to_string(ComplianceRow::Group::kSeverity), "severity");
}

}  // namespace
}  // namespace propdesk
