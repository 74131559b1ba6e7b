// StoreWrapper: a Store that passes every call on to another store. Derive from it to change or
// observe a few calls (count reads, record commits, inject a failure) and keep the rest as the
// target store does them, the way leveldb's EnvWrapper wraps an Env.
//
//   class ReadCounter final : public propdesk::StoreWrapper {
//    public:
//     using StoreWrapper::StoreWrapper;
//     std::optional<propdesk::Ticket> get(propdesk::TicketId id) const override {
//       ++reads;
//       return StoreWrapper::get(id);
//     }
//     mutable std::atomic<int> reads{0};
//   };
//
// Contract: every member of Store, including the protected halves of the outbox calls
// (edit_outbox, delete_outbox), is forwarded unchanged to the target, so a wrapper that overrides
// nothing behaves exactly as its target and passes the same contract tests. The target must
// outlive the wrapper (it is held by shared_ptr). Thread safety is the target's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

class PROPDESK_API StoreWrapper : public Store {
 public:
  /// Wraps `target`, which must not be null (std::invalid_argument).
  explicit StoreWrapper(std::shared_ptr<Store> target);

  /// The store calls are passed on to.
  [[nodiscard]] Store& target() const { return *target_; }

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
  std::shared_ptr<Store> target_;
};

}  // namespace propdesk
