#include "propdesk/memory_store.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "store/commit_batch.hpp"
#include "store/location_field.hpp"
#include "store/outbox_writer.hpp"
#include "store/timer_writer.hpp"

namespace propdesk {

struct MemoryStore::State final : ItemWriter, TimerWriter, OutboxWriter {
  ItemResult write(const NewTicket& item, const PreparedItem& prepared) override {
    const TicketId id = next_id++;
    const std::int64_t number = ++counters[{item.code_prefix, prepared.day}];
    ItemResult result = seal_creation(item, prepared, id, ticket_code(item, prepared, number));
    NewTicket stored = item;
    fill_in(stored, result);
    by_code.emplace(stored.ticket.code, id);
    if (prepared.location) by_location.emplace(*prepared.location, id);
    tickets.emplace(id, Record{std::move(stored.ticket), {std::move(stored.entry)}});
    apply_timer_changes(id, item.timers, *this);
    write_outbox(result, item.entry.at, item.outbox, prepared, *this);
    return result;
  }

  ItemResult write(const Update& item, const PreparedItem& prepared) override {
    const auto it = tickets.find(item.ticket.id);
    if (it == tickets.end()) return version_conflict(item, std::nullopt);
    Record& record = it->second;
    if (record.ticket.version != item.expected_version)
      return version_conflict(item, record.ticket.version);
    ItemResult result =
        seal_update(item, prepared,
                    {record.ticket.version, record.ticket.code, record.ticket.created_at,
                     record.journal.back().hash});
    Update stored = item;
    fill_in(stored, result);
    const std::string* before = location_of(record.ticket.fields);
    if (before == nullptr || !prepared.location || *before != *prepared.location) {
      if (before != nullptr) by_location.erase({*before, item.ticket.id});
      if (prepared.location) by_location.emplace(*prepared.location, item.ticket.id);
    }
    record.ticket = std::move(stored.ticket);
    record.journal.push_back(std::move(stored.entry));
    apply_timer_changes(item.ticket.id, item.timers, *this);
    write_outbox(result, item.entry.at, item.outbox, prepared, *this);
    return result;
  }

  void insert_outbox(const OutboxMessage& m, const std::string&) override {
    const OutboxId id{m.ticket, m.seq, m.index};
    outbox_keys.emplace(m.key, id);
    if (m.status == OutboxStatus::kPending) pending.insert(due_key(m));
    outbox.emplace(id, m);
  }

  // Where a pending message sorts among the due ones.
  static std::tuple<TimePoint, TicketId, std::int64_t, int> due_key(const OutboxMessage& m) {
    return {m.next_attempt, m.ticket, m.seq, m.index};
  }

  // The timer writes keep both indexes in step (the caller holds the lock).
  void cancel_all_timers(TicketId id) override {
    const auto mine = timers.find(id);
    if (mine == timers.end()) return;
    for (const auto& [key, due] : mine->second) queue.erase({due, id, key});
    timers.erase(mine);
  }

  void cancel_timer(TicketId id, const std::string& key) override {
    const auto mine = timers.find(id);
    if (mine == timers.end()) return;
    const auto it = mine->second.find(key);
    if (it == mine->second.end()) return;
    queue.erase({it->second, id, it->first});
    mine->second.erase(it);
    if (mine->second.empty()) timers.erase(mine);
  }

  void schedule_timer(TicketId id, const std::string& key, TimePoint due) override {
    auto& mine = timers[id];
    const auto [it, inserted] = mine.try_emplace(key, due);
    if (!inserted) {
      queue.erase({it->second, id, key});
      it->second = due;
    }
    queue.insert({due, id, key});
  }

  struct Record {
    Ticket ticket;
    std::vector<JournalEntry> journal;
  };

  mutable std::shared_mutex mutex;
  TicketId next_id = 1;
  std::map<TicketId, Record> tickets;
  std::map<std::string, TicketId, std::less<>> by_code;
  // (location, ticket) for tickets whose "location" is a string: location queries (the complaint
  // rule asks one at every creation) read a range of it instead of every ticket.
  std::set<std::pair<std::string, TicketId>> by_location;
  std::map<std::pair<std::string, std::string>, std::int64_t> counters;  // (prefix, day) -> last
  std::map<std::pair<std::string, int>, StoredWorkflow> workflows;       // (name, version)
  // Timers by ticket, then key; hashed by ticket (no order is needed across tickets, and with
  // millions of tickets a tree walk is a cache miss per level).
  std::unordered_map<TicketId, std::map<std::string, TimePoint, std::less<>>> timers;
  std::set<std::tuple<TimePoint, TicketId, std::string>> queue;  // (due, ticket, key)
  // The outbox by (ticket, seq, index), its keys, and its pending messages in due order.
  using OutboxId = std::tuple<TicketId, std::int64_t, int>;
  std::map<OutboxId, OutboxMessage> outbox;
  std::unordered_map<std::string, OutboxId> outbox_keys;
  std::set<std::tuple<TimePoint, TicketId, std::int64_t, int>> pending;
};

namespace {

bool matches(const OutboxQuery& q, const OutboxMessage& m) {
  return (!q.status || m.status == *q.status) && (!q.channel || m.channel == *q.channel) &&
         (!q.ticket || m.ticket == *q.ticket);
}

}  // namespace

MemoryStore::MemoryStore() : state_(std::make_unique<State>()) {}
MemoryStore::~MemoryStore() = default;

std::vector<CommitOutcome> MemoryStore::commit(std::span<NewTicket> creates,
                                               std::span<Update> updates) {
  const PreparedBatch prepared = prepare_batch(creates, updates);
  std::vector<ItemResult> results;
  {
    std::unique_lock lock(state_->mutex);
    results = write_batch(creates, updates, prepared, *state_);
  }
  return finish_batch(creates, updates, std::move(results));
}

std::optional<Ticket> MemoryStore::get(TicketId id) const {
  std::shared_lock lock(state_->mutex);
  const auto it = state_->tickets.find(id);
  if (it == state_->tickets.end()) return std::nullopt;
  return it->second.ticket;
}

std::optional<Ticket> MemoryStore::find(std::string_view code) const {
  std::shared_lock lock(state_->mutex);
  const auto it = state_->by_code.find(code);
  if (it == state_->by_code.end()) return std::nullopt;
  return state_->tickets.at(it->second).ticket;
}

std::vector<Ticket> MemoryStore::query(const TicketQuery& q) const {
  std::shared_lock lock(state_->mutex);
  std::vector<Ticket> found;
  std::size_t skipped = 0;
  // Each candidate in id order; false once the page is full.
  const auto consider = [&](const Ticket& ticket) {
    if (found.size() >= q.limit) return false;
    if (!matches(q, ticket)) return true;
    if (skipped < q.offset) {
      ++skipped;
      return true;
    }
    found.push_back(ticket);
    return true;
  };
  if (q.location) {
    // The tickets whose location starts with the prefix, from the index, then in id order.
    std::vector<TicketId> ids;
    for (auto it = state_->by_location.lower_bound({*q.location, TicketId{0}});
         it != state_->by_location.end() && it->first.starts_with(*q.location); ++it)
      ids.push_back(it->second);
    std::sort(ids.begin(), ids.end());
    for (TicketId id : ids)
      if (!consider(state_->tickets.at(id).ticket)) break;
    return found;
  }
  for (auto it = q.after ? state_->tickets.upper_bound(*q.after) : state_->tickets.begin();
       it != state_->tickets.end(); ++it)
    if (!consider(it->second.ticket)) break;
  return found;
}

std::vector<JournalEntry> MemoryStore::history(TicketId id) const {
  std::shared_lock lock(state_->mutex);
  const auto it = state_->tickets.find(id);
  if (it == state_->tickets.end()) return {};
  return it->second.journal;
}

std::optional<TicketHistory> MemoryStore::get_with_history(TicketId id) const {
  std::shared_lock lock(state_->mutex);
  const auto it = state_->tickets.find(id);
  if (it == state_->tickets.end()) return std::nullopt;
  return TicketHistory{it->second.ticket, it->second.journal};
}

std::vector<StateCount> MemoryStore::count_by_state() const {
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  {
    std::shared_lock lock(state_->mutex);
    for (const auto& [id, record] : state_->tickets)
      ++counts[{record.ticket.workflow, record.ticket.state}];
  }
  std::vector<StateCount> result;
  result.reserve(counts.size());
  for (const auto& [key, count] : counts) result.push_back({key.first, key.second, count});
  return result;
}

std::vector<TicketId> MemoryStore::ticket_ids(TicketId after, std::size_t limit) const {
  std::shared_lock lock(state_->mutex);
  std::vector<TicketId> ids;
  for (auto it = state_->tickets.upper_bound(after);
       it != state_->tickets.end() && ids.size() < limit; ++it)
    ids.push_back(it->first);
  return ids;
}

std::vector<Timer> MemoryStore::due_timers(TimePoint until, std::size_t limit) const {
  std::shared_lock lock(state_->mutex);
  std::vector<Timer> due;
  for (auto it = state_->queue.begin();
       it != state_->queue.end() && std::get<0>(*it) <= until && due.size() < limit; ++it)
    due.push_back({std::get<1>(*it), std::get<2>(*it), std::get<0>(*it)});
  return due;
}

std::optional<Timer> MemoryStore::next_timer() const {
  std::shared_lock lock(state_->mutex);
  if (state_->queue.empty()) return std::nullopt;
  const auto& [due, id, key] = *state_->queue.begin();
  return Timer{id, key, due};
}

std::vector<Timer> MemoryStore::timers(TicketId id) const {
  std::shared_lock lock(state_->mutex);
  std::vector<Timer> found;
  if (const auto it = state_->timers.find(id); it != state_->timers.end())
    for (const auto& [key, due] : it->second) found.push_back({id, key, due});
  return found;
}

CommitOutcome MemoryStore::reschedule(TicketId id, std::int64_t expected_version,
                                      const TimerChanges& changes) {
  if (std::string problem = check_timers(changes); !problem.empty())
    return rejection(id, std::move(problem)).outcome;
  std::unique_lock lock(state_->mutex);
  const auto it = state_->tickets.find(id);
  if (it == state_->tickets.end()) return version_conflict(id, expected_version, {}).outcome;
  const Ticket& ticket = it->second.ticket;
  if (ticket.version != expected_version)
    return version_conflict(id, expected_version, ticket.version).outcome;
  apply_timer_changes(id, changes, *state_);
  return rescheduled(id, ticket.code, ticket.version).outcome;
}

std::vector<OutboxMessage> MemoryStore::due_outbox(TimePoint until, std::size_t limit,
                                                   std::string_view channel) const {
  std::shared_lock lock(state_->mutex);
  std::vector<OutboxMessage> due;
  for (auto it = state_->pending.begin();
       it != state_->pending.end() && std::get<0>(*it) <= until && due.size() < limit; ++it) {
    const OutboxMessage& m =
        state_->outbox.at({std::get<1>(*it), std::get<2>(*it), std::get<3>(*it)});
    if (channel.empty() || m.channel == channel) due.push_back(m);
  }
  return due;
}

std::optional<TimePoint> MemoryStore::next_outbox_attempt(std::string_view channel) const {
  std::shared_lock lock(state_->mutex);
  for (const auto& [next, ticket, seq, index] : state_->pending)
    if (channel.empty() || state_->outbox.at({ticket, seq, index}).channel == channel) return next;
  return std::nullopt;
}

std::vector<OutboxMessage> MemoryStore::outbox(const OutboxQuery& q) const {
  std::shared_lock lock(state_->mutex);
  std::vector<OutboxMessage> found;
  std::size_t skipped = 0;
  for (const auto& [id, m] : state_->outbox) {
    if (found.size() >= q.limit) break;
    if (!matches(q, m)) continue;
    if (skipped < q.offset) {
      ++skipped;
      continue;
    }
    found.push_back(m);
  }
  return found;
}

OutboxCounts MemoryStore::outbox_counts() const {
  std::shared_lock lock(state_->mutex);
  OutboxCounts counts;
  for (const auto& [id, m] : state_->outbox) counts.add(m.status);
  return counts;
}

std::optional<OutboxMessage> MemoryStore::edit_outbox(std::string_view key, const OutboxEdit& edit) {
  std::unique_lock lock(state_->mutex);
  const auto id = state_->outbox_keys.find(std::string(key));
  if (id == state_->outbox_keys.end()) return std::nullopt;
  OutboxMessage& stored = state_->outbox.at(id->second);
  OutboxMessage changed = stored;
  if (!edit(changed)) return std::nullopt;
  if (stored.status == OutboxStatus::kPending) state_->pending.erase(State::due_key(stored));
  stored.status = changed.status;
  stored.attempts = changed.attempts;
  stored.next_attempt = changed.next_attempt;
  stored.last_error = changed.last_error;
  if (stored.status == OutboxStatus::kPending) state_->pending.insert(State::due_key(stored));
  return stored;
}

std::int64_t MemoryStore::delete_outbox(TimePoint before, bool delivered, bool dead) {
  std::unique_lock lock(state_->mutex);
  std::int64_t deleted = 0;
  for (auto it = state_->outbox.begin(); it != state_->outbox.end();) {
    const OutboxMessage& m = it->second;
    const bool purged = ((delivered && m.status == OutboxStatus::kDelivered) ||
                         (dead && m.status == OutboxStatus::kDead)) &&
                        m.next_attempt < before;
    if (!purged) {
      ++it;
      continue;
    }
    state_->outbox_keys.erase(m.key);
    it = state_->outbox.erase(it);
    ++deleted;
  }
  return deleted;
}

WorkflowSaveOutcome MemoryStore::save_workflow(const StoredWorkflow& workflow) {
  if (std::string problem = check_workflow(workflow); !problem.empty())
    return {WorkflowSaveOutcome::Status::kRejected, std::move(problem)};
  std::unique_lock lock(state_->mutex);
  const std::pair<std::string, int> key{workflow.name, workflow.version};
  const auto it = state_->workflows.find(key);
  WorkflowSaveOutcome outcome = workflow_save_outcome(
      workflow, it == state_->workflows.end() ? std::nullopt
                                              : std::optional<std::string>(it->second.source_hash));
  if (outcome.status == WorkflowSaveOutcome::Status::kSaved)
    state_->workflows.emplace(key, workflow);
  return outcome;
}

std::vector<StoredWorkflow> MemoryStore::workflows() const {
  std::shared_lock lock(state_->mutex);
  std::vector<StoredWorkflow> all;
  all.reserve(state_->workflows.size());
  for (const auto& [key, workflow] : state_->workflows) all.push_back(workflow);
  return all;
}

}  // namespace propdesk
