#include "propdesk/store_wrapper.hpp"

#include <stdexcept>
#include <utility>

namespace propdesk {

StoreWrapper::StoreWrapper(std::shared_ptr<Store> target) : target_(std::move(target)) {
  if (!target_) throw std::invalid_argument("StoreWrapper: the target store is null");
}

std::vector<CommitOutcome> StoreWrapper::commit(std::span<NewTicket> creates,
                                                std::span<Update> updates) {
  return target_->commit(creates, updates);
}
std::optional<Ticket> StoreWrapper::get(TicketId id) const { return target_->get(id); }
std::optional<Ticket> StoreWrapper::find(std::string_view code) const {
  return target_->find(code);
}
std::vector<Ticket> StoreWrapper::query(const TicketQuery& query) const {
  return target_->query(query);
}
std::vector<JournalEntry> StoreWrapper::history(TicketId id) const { return target_->history(id); }
std::optional<TicketHistory> StoreWrapper::get_with_history(TicketId id) const {
  return target_->get_with_history(id);
}
std::vector<StateCount> StoreWrapper::count_by_state() const { return target_->count_by_state(); }
std::vector<TicketId> StoreWrapper::ticket_ids(TicketId after, std::size_t limit) const {
  return target_->ticket_ids(after, limit);
}
std::vector<Timer> StoreWrapper::due_timers(TimePoint until, std::size_t limit) const {
  return target_->due_timers(until, limit);
}
std::optional<Timer> StoreWrapper::next_timer() const { return target_->next_timer(); }
std::vector<Timer> StoreWrapper::timers(TicketId id) const { return target_->timers(id); }
CommitOutcome StoreWrapper::reschedule(TicketId id, std::int64_t expected_version,
                                       const TimerChanges& changes) {
  return target_->reschedule(id, expected_version, changes);
}
std::vector<OutboxMessage> StoreWrapper::due_outbox(TimePoint until, std::size_t limit,
                                                    std::string_view channel) const {
  return target_->due_outbox(until, limit, channel);
}
std::optional<TimePoint> StoreWrapper::next_outbox_attempt(std::string_view channel) const {
  return target_->next_outbox_attempt(channel);
}
std::vector<OutboxMessage> StoreWrapper::outbox(const OutboxQuery& query) const {
  return target_->outbox(query);
}
OutboxCounts StoreWrapper::outbox_counts() const { return target_->outbox_counts(); }
WorkflowSaveOutcome StoreWrapper::save_workflow(const StoredWorkflow& workflow) {
  return target_->save_workflow(workflow);
}
std::vector<StoredWorkflow> StoreWrapper::workflows() const { return target_->workflows(); }
std::optional<OutboxMessage> StoreWrapper::edit_outbox(std::string_view key,
                                                       const OutboxEdit& edit) {
  return target_->edit_outbox(key, edit);  // Store befriends StoreWrapper for these two
}
std::int64_t StoreWrapper::delete_outbox(TimePoint before, bool delivered, bool dead) {
  return target_->delete_outbox(before, delivered, dead);
}

}  // namespace propdesk
