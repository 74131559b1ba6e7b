// A Store that passes everything to a MemoryStore and keeps a copy of every change it was asked
// to make, in order: what an Engine writes, recorded once (untimed) so that a benchmark can write
// the same items again - into a baseline, or into another store with batched commits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "propdesk/memory_store.hpp"
#include "propdesk/store.hpp"

namespace propdesk_bench {

class RecordingStore final : public propdesk::Store {
 public:
  /// One call that changed something: a commit() (its items as committed: ids, codes and sealed
  /// entries filled in) or a reschedule().
  struct Change {
    std::vector<propdesk::NewTicket> creates;
    std::vector<propdesk::Update> updates;
    bool reschedule = false;
    propdesk::TicketId ticket = 0;           // reschedule only
    std::int64_t expected_version = 0;       // reschedule only
    propdesk::TimerChanges timers;           // reschedule only
  };

  std::vector<propdesk::CommitOutcome> commit(std::span<propdesk::NewTicket> creates,
                                              std::span<propdesk::Update> updates) override {
    auto outcomes = inner_.commit(creates, updates);
    Change change;
    change.creates.assign(creates.begin(), creates.end());
    change.updates.assign(updates.begin(), updates.end());
    changes.push_back(std::move(change));
    return outcomes;
  }
  propdesk::CommitOutcome reschedule(propdesk::TicketId id, std::int64_t expected_version,
                                     const propdesk::TimerChanges& timers) override {
    Change change;
    change.reschedule = true;
    change.ticket = id;
    change.expected_version = expected_version;
    change.timers = timers;
    changes.push_back(std::move(change));
    return inner_.reschedule(id, expected_version, timers);
  }
  std::optional<propdesk::Ticket> get(propdesk::TicketId id) const override { return inner_.get(id); }
  std::optional<propdesk::Ticket> find(std::string_view code) const override {
    return inner_.find(code);
  }
  std::vector<propdesk::Ticket> query(const propdesk::TicketQuery& q) const override {
    return inner_.query(q);
  }
  std::vector<propdesk::JournalEntry> history(propdesk::TicketId id) const override {
    return inner_.history(id);
  }
  std::optional<propdesk::TicketHistory> get_with_history(propdesk::TicketId id) const override {
    return inner_.get_with_history(id);
  }
  std::vector<propdesk::StateCount> count_by_state() const override {
    return inner_.count_by_state();
  }
  std::vector<propdesk::TicketId> ticket_ids(propdesk::TicketId after,
                                             std::size_t limit) const override {
    return inner_.ticket_ids(after, limit);
  }
  std::vector<propdesk::Timer> due_timers(propdesk::TimePoint until,
                                          std::size_t limit) const override {
    return inner_.due_timers(until, limit);
  }
  std::optional<propdesk::Timer> next_timer() const override { return inner_.next_timer(); }
  std::vector<propdesk::Timer> timers(propdesk::TicketId id) const override {
    return inner_.timers(id);
  }
  propdesk::WorkflowSaveOutcome save_workflow(const propdesk::StoredWorkflow& w) override {
    return inner_.save_workflow(w);
  }
  std::vector<propdesk::StoredWorkflow> workflows() const override { return inner_.workflows(); }
  std::vector<propdesk::OutboxMessage> due_outbox(propdesk::TimePoint until, std::size_t limit,
                                                  std::string_view channel) const override {
    return inner_.due_outbox(until, limit, channel);
  }
  std::optional<propdesk::TimePoint> next_outbox_attempt(std::string_view channel) const override {
    return inner_.next_outbox_attempt(channel);
  }
  std::vector<propdesk::OutboxMessage> outbox(const propdesk::OutboxQuery& q) const override {
    return inner_.outbox(q);
  }
  propdesk::OutboxCounts outbox_counts() const override { return inner_.outbox_counts(); }

  std::vector<Change> changes;

 protected:
  // The benchmarks record no delivery (claims, acknowledgements, failures).
  std::optional<propdesk::OutboxMessage> edit_outbox(std::string_view, const OutboxEdit&) override {
    throw std::logic_error("RecordingStore does not record outbox deliveries");
  }

 private:
  propdesk::MemoryStore inner_;
};

}  // namespace propdesk_bench
