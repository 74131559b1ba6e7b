// The reports' store reading: pages through any number of tickets, and leaves the closed bulk of
// a store unread when the store keeps the workflows.
#include "report/ticket_scan.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "model/sha256.hpp"
#include "propdesk/store_wrapper.hpp"
#include "report_test_support.hpp"

namespace propdesk {
namespace {

using report_testing::local;
using report_testing::ReportDesk;

// A Store that passes everything on and counts the tickets query() hands out.
class CountingStore final : public StoreWrapper {
 public:
  using StoreWrapper::StoreWrapper;

  std::vector<Ticket> query(const TicketQuery& q) const override {
    auto page = StoreWrapper::query(q);
    read_ += page.size();
    return page;
  }

  [[nodiscard]] std::size_t tickets_read() const { return read_; }

 private:
  mutable std::atomic<std::size_t> read_{0};
};

// 2,600 closed repairs (more than two pages) and 1,200 open ones.
class TicketScanTest : public ::testing::Test {
 protected:
  TicketScanTest() {
    std::vector<NewTicket> items;
    for (int i = 0; i < 3800; ++i) {
      NewTicket n;
      n.ticket.workflow = "repair";
      n.ticket.workflow_version = desk_.shipped_version("repair");
      n.ticket.state = i < 2600 ? "closed" : "in_progress";
      n.ticket.fields = {{"location", "3-2-" + std::to_string(i)}};
      n.ticket.created_at = n.ticket.updated_at =
          local("2026-11-20 09:00") + std::chrono::minutes(i);
      n.code_prefix = "BX";
      n.entry.at = n.ticket.created_at;
      n.entry.actor = {"wangli", "front_desk"};
      n.entry.event = "create";
      n.entry.to_state = n.ticket.state;
      items.push_back(std::move(n));
    }
    for (const auto& outcome : desk_.mutable_store().commit(items, {})) EXPECT_TRUE(outcome.ok());
  }

  ReportDesk desk_;
};

TEST_F(TicketScanTest, EveryTicketIsVisitedOnceAcrossPages) {
  std::vector<TicketId> seen;
  report::for_each_ticket(desk_.store(), {}, [&](const Ticket& t) { seen.push_back(t.id); });
  ASSERT_EQ(seen.size(), 3800u);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], static_cast<TicketId>(i + 1));
}

TEST_F(TicketScanTest, TheFilterHoldsOnEveryPage) {
  TicketQuery open;
  open.state = "in_progress";
  open.limit = 3;   // ignored: the scan pages by itself
  open.offset = 7;  // ignored
  std::size_t n = 0;
  report::for_each_ticket(desk_.store(), open, [&](const Ticket& t) {
    EXPECT_EQ(t.state, "in_progress");
    ++n;
  });
  EXPECT_EQ(n, 1200u);
}

TEST_F(TicketScanTest, OpenTicketsWithoutStoredWorkflowsReadEveryGroup) {
  CountingStore counting(desk_.shared_store());
  std::size_t open = 0;
  report::for_each_open_ticket(counting, desk_.lookup(), [&](const Ticket&, const Workflow* w) {
    EXPECT_NE(w, nullptr);
    ++open;
  });
  EXPECT_EQ(open, 1200u);
  EXPECT_EQ(counting.tickets_read(), 3800u);  // the closed ones had to be looked at
}

TEST_F(TicketScanTest, OpenTicketsWithStoredWorkflowsSkipTheClosedGroups) {
  desk_.save_workflows();
  CountingStore counting(desk_.shared_store());
  std::size_t open = 0;
  report::for_each_open_ticket(counting, desk_.lookup(),
                               [&](const Ticket&, const Workflow*) { ++open; });
  EXPECT_EQ(open, 1200u);
  EXPECT_EQ(counting.tickets_read(), 1200u);
}

TEST_F(TicketScanTest, AStoredVersionTheLookupDoesNotKnowKeepsItsWorkflowsGroupsRead) {
  desk_.save_workflows();
  // A later version of repair is stored (another process loaded it) but this lookup knows only
  // the shipped one: the closed groups cannot be ruled out for tickets on the later version.
  const int shipped = desk_.shipped_version("repair");
  const auto repair = desk_.lookup()("repair", shipped);
  ASSERT_TRUE(repair);
  std::string text = repair->source_text();
  const std::string version = "version: " + std::to_string(shipped);
  const auto at = text.find(version);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, version.size(), "version: " + std::to_string(shipped + 1));
  const StoredWorkflow later{
      "repair", shipped + 1, "repair.yaml", text, sha256_hex(text), local("2026-11-02 00:00")};
  ASSERT_TRUE(desk_.mutable_store().save_workflow(later).ok());

  CountingStore counting(desk_.shared_store());
  std::size_t open = 0;
  report::for_each_open_ticket(counting, desk_.lookup(),
                               [&](const Ticket&, const Workflow*) { ++open; });
  EXPECT_EQ(open, 1200u);  // the shipped version's tickets in `closed` are still closed
  EXPECT_EQ(counting.tickets_read(), 3800u);
}

}  // namespace
}  // namespace propdesk
