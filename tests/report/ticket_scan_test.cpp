// The reports' store reading: pages through any number of tickets, and leaves the closed bulk of
// a store unread when the store keeps the workflows.
#include "report/ticket_scan.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "model/sha256.hpp"
#include "report_test_support.hpp"

namespace propdesk {
namespace {

using report_testing::local;
using report_testing::ReportDesk;

// A Store that passes everything on and counts the tickets query() hands out.
class CountingStore final : public Store {
 public:
  explicit CountingStore(const Store& inner) : inner_(inner) {}

  std::vector<CommitOutcome> commit(std::span<NewTicket>, std::span<Update>) override {
    throw std::logic_error("read only");
  }
  std::optional<Ticket> get(TicketId id) const override { return inner_.get(id); }
  std::optional<Ticket> find(std::string_view code) const override { return inner_.find(code); }
  std::vector<Ticket> query(const TicketQuery& q) const override {
    auto page = inner_.query(q);
    read_ += page.size();
    return page;
  }
  std::vector<JournalEntry> history(TicketId id) const override { return inner_.history(id); }
  std::optional<TicketHistory> get_with_history(TicketId id) const override {
    return inner_.get_with_history(id);
  }
  std::vector<StateCount> count_by_state() const override { return inner_.count_by_state(); }
  std::vector<TicketId> ticket_ids(TicketId after, std::size_t limit) const override {
    return inner_.ticket_ids(after, limit);
  }
  std::vector<Timer> due_timers(TimePoint until, std::size_t limit) const override {
    return inner_.due_timers(until, limit);
  }
  std::optional<Timer> next_timer() const override { return inner_.next_timer(); }
  std::vector<Timer> timers(TicketId id) const override { return inner_.timers(id); }
  CommitOutcome reschedule(TicketId, std::int64_t, const TimerChanges&) override {
    throw std::logic_error("read only");
  }
  WorkflowSaveOutcome save_workflow(const StoredWorkflow&) override {
    throw std::logic_error("read only");
  }
  std::vector<StoredWorkflow> workflows() const override { return inner_.workflows(); }
  std::vector<OutboxMessage> due_outbox(TimePoint until, std::size_t limit,
                                        std::string_view channel) const override {
    return inner_.due_outbox(until, limit, channel);
  }
  std::optional<TimePoint> next_outbox_attempt(std::string_view channel) const override {
    return inner_.next_outbox_attempt(channel);
  }
  std::vector<OutboxMessage> outbox(const OutboxQuery& q) const override { return inner_.outbox(q); }
  OutboxCounts outbox_counts() const override { return inner_.outbox_counts(); }

  [[nodiscard]] std::size_t tickets_read() const { return read_; }

 protected:
  std::optional<OutboxMessage> edit_outbox(std::string_view, const OutboxEdit&) override {
    throw std::logic_error("read only");
  }
  std::int64_t delete_outbox(TimePoint, bool, bool) override {
    throw std::logic_error("read only");
  }

 private:
  const Store& inner_;
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
  CountingStore counting(desk_.store());
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
  CountingStore counting(desk_.store());
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

  CountingStore counting(desk_.store());
  std::size_t open = 0;
  report::for_each_open_ticket(counting, desk_.lookup(),
                               [&](const Ticket&, const Workflow*) { ++open; });
  EXPECT_EQ(open, 1200u);  // the shipped version's tickets in `closed` are still closed
  EXPECT_EQ(counting.tickets_read(), 3800u);
}

}  // namespace
}  // namespace propdesk
