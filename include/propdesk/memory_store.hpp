// propdesk/memory_store.hpp: a Store in the process's memory.
#pragma once

#include <memory>

#include "propdesk/export.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// A Store that keeps everything in memory: for tests, simulations and benchmarks of the engine
/// without I/O. It follows the whole Store contract (propdesk/store.hpp) except that "durable"
/// means "until the object is destroyed".
///
/// Thread safety: all members may be called concurrently. Commits take an exclusive lock for the
/// whole batch (so a batch is applied atomically with respect to readers); reads take a shared
/// lock. Items are checked and encoded before the lock is taken.
///
/// Errors: never throws StoreError (there is no I/O); std::bad_alloc when memory runs out.
class PROPDESK_API MemoryStore final : public Store {
 public:
  MemoryStore();
  ~MemoryStore() override;

  std::vector<CommitOutcome> commit(std::span<NewTicket> creates,
                                    std::span<Update> updates) override;
  [[nodiscard]] std::optional<Ticket> get(TicketId id) const override;
  [[nodiscard]] std::optional<Ticket> find(std::string_view code) const override;
  [[nodiscard]] std::vector<Ticket> query(const TicketQuery& query) const override;
  [[nodiscard]] std::vector<JournalEntry> history(TicketId id) const override;
  [[nodiscard]] std::optional<TicketHistory> get_with_history(TicketId id) const override;
  [[nodiscard]] std::vector<StateCount> count_by_state() const override;
  [[nodiscard]] std::vector<TicketId> ticket_ids(TicketId after, std::size_t limit) const override;
  [[nodiscard]] std::vector<Timer> due_timers(TimePoint until, std::size_t limit) const override;
  [[nodiscard]] std::optional<Timer> next_timer() const override;
  [[nodiscard]] std::vector<Timer> timers(TicketId id) const override;
  CommitOutcome reschedule(TicketId id, std::int64_t expected_version,
                           const TimerChanges& changes) override;
  [[nodiscard]] std::vector<OutboxMessage> due_outbox(TimePoint until, std::size_t limit,
                                                      std::string_view channel) const override;
  [[nodiscard]] std::optional<TimePoint> next_outbox_attempt(
      std::string_view channel) const override;
  [[nodiscard]] std::vector<OutboxMessage> outbox(const OutboxQuery& query) const override;
  [[nodiscard]] OutboxCounts outbox_counts() const override;
  [[nodiscard]] WorkflowSaveOutcome save_workflow(const StoredWorkflow& workflow) override;
  [[nodiscard]] std::vector<StoredWorkflow> workflows() const override;

 protected:
  std::optional<OutboxMessage> edit_outbox(std::string_view key, const OutboxEdit& edit) override;
  std::int64_t delete_outbox(TimePoint before, bool delivered, bool dead) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace propdesk
