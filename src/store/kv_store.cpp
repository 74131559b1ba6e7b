// KvStore: the Store contract over a KvBackend (key layout: store/kv_keys.hpp, values:
// store/kv_records.hpp).
#include "propdesk/kv_store.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "propdesk/store_error.hpp"
#include "store/commit_batch.hpp"
#include "store/kv_keys.hpp"
#include "store/kv_records.hpp"
#include "store/outbox_writer.hpp"
#include "store/timer_writer.hpp"

namespace propdesk {

using namespace kv;  // NOLINT(google-build-using-namespace): this file is the layout's one user

namespace {

using Visit = std::function<bool(std::string_view key, std::string_view value)>;

void scan_prefix(KvTransaction& tx, std::string_view prefix, const Visit& visit) {
  tx.scan(prefix, prefix_end(prefix), visit);
}

std::string u64_value(std::uint64_t v) {
  std::string out;
  put_u64(out, v);
  return out;
}

std::uint64_t read_u64_value(std::string_view value, const std::string& where,
                             std::string_view what) {
  std::size_t pos = 0;
  const auto v = get_u64(value, pos);
  if (!v || pos != value.size())
    throw DamagedRecordError(where + ": damaged " + std::string(what) + ": not an 8-byte integer");
  return *v;
}

// The id in a ticket or location key (its last 8 bytes).
TicketId trailing_id(std::string_view key) {
  std::size_t pos = key.size() - 8;
  return static_cast<TicketId>(get_u64(key, pos).value_or(0));
}

// The end (exclusive) of an index range ordered by time right after `prefix`, for "at or before
// `until`".
std::string until_end(std::string_view prefix, TimePoint until) {
  if (until == TimePoint::max()) return prefix_end(prefix);
  std::string end(prefix);
  put_time(end, until + Duration{1});
  return end;
}

// Writes items, timers and outbox messages of one write transaction.
class BatchWriter final : public ItemWriter, public TimerWriter, public OutboxWriter {
 public:
  BatchWriter(KvTransaction& tx, const std::string& where) : tx_(tx), where_(where) {}

  ItemResult write(const NewTicket& item, const PreparedItem& p) override {
    // Every check first: a creation that fails them has written nothing.
    const auto next = tx_.get(kNextIdKey);
    const TicketId id =
        next ? static_cast<TicketId>(read_u64_value(*next, where_, "next ticket id")) : 1;
    const std::string counter = counter_key(item.code_prefix, p.day);
    const auto last = tx_.get(counter);
    const std::int64_t number =
        (last ? static_cast<std::int64_t>(read_u64_value(*last, where_, "code counter " + counter))
              : 0) +
        1;
    std::string code = ticket_code(item, p, number);
    if (tx_.get(code_key(code)) || tx_.get(ticket_key(id)))
      return rejection(0, "ticket " + std::to_string(id) + " or code " + code +
                              " is already taken (the store was altered; run verify)");
    ItemResult result = seal_creation(item, p, id, std::move(code));
    NewTicket stored = item;
    fill_in(stored, result);
    tx_.put(kNextIdKey, u64_value(static_cast<std::uint64_t>(id) + 1));
    tx_.put(counter, u64_value(static_cast<std::uint64_t>(number)));
    tx_.put(code_key(stored.ticket.code), u64_value(static_cast<std::uint64_t>(id)));
    tx_.put(ticket_key(id), encode_ticket(stored.ticket, p.fields_json, p.clocks_json, p.location,
                                          stored.entry.hash));
    tx_.put(entry_key(id, 1), encode_entry(stored.entry, p.input_json));
    if (p.location) tx_.put(location_key(*p.location, id), *p.location);
    apply_timer_changes(id, item.timers, *this);
    write_outbox(result, item.entry.at, item.outbox, p, *this);
    return result;
  }

  ItemResult write(const Update& item, const PreparedItem& p) override {
    const TicketId id = item.ticket.id;
    const auto record = tx_.get(ticket_key(id));
    if (!record) return version_conflict(item, std::nullopt);
    StoredHead head;
    try {
      head = decode_ticket_head(*record, where_, id);
    } catch (const DamagedRecordError& e) {
      return rejection(id, e.what());  // this item fails alone, having written nothing
    }
    if (head.journal.version != item.expected_version)
      return version_conflict(item, head.journal.version);
    ItemResult result = seal_update(item, p, std::move(head.journal));
    Update stored = item;
    fill_in(stored, result);
    tx_.put(ticket_key(id), encode_ticket(stored.ticket, p.fields_json, p.clocks_json, p.location,
                                          stored.entry.hash));
    tx_.put(entry_key(id, stored.entry.seq), encode_entry(stored.entry, p.input_json));
    if (head.location != p.location) {
      if (head.location) tx_.erase(location_key(*head.location, id));
      if (p.location) tx_.put(location_key(*p.location, id), *p.location);
    }
    apply_timer_changes(id, item.timers, *this);
    write_outbox(result, item.entry.at, item.outbox, p, *this);
    return result;
  }

  void cancel_all_timers(TicketId id) override {
    std::vector<std::pair<std::string, std::string>> found;  // (timer key, queue key)
    scan_prefix(tx_, timers_prefix(id), [&](std::string_view key, std::string_view value) {
      const Timer t = decode_timer(value, where_, id);
      found.emplace_back(std::string(key), timer_queue_key(t.due, id, t.key));
      return true;
    });
    for (const auto& [key, queued] : found) {
      tx_.erase(key);
      tx_.erase(queued);
    }
  }

  void cancel_timer(TicketId id, const std::string& key) override {
    const std::string k = timer_key(id, key);
    const auto value = tx_.get(k);
    if (!value) return;
    const Timer t = decode_timer(*value, where_, id);
    tx_.erase(k);
    tx_.erase(timer_queue_key(t.due, id, t.key));
  }

  void schedule_timer(TicketId id, const std::string& key, TimePoint due) override {
    const std::string k = timer_key(id, key);
    if (const auto value = tx_.get(k)) {
      const Timer old = decode_timer(*value, where_, id);
      tx_.erase(timer_queue_key(old.due, id, old.key));
    }
    tx_.put(k, encode_timer(key, due));
    tx_.put(timer_queue_key(due, id, key), key);
  }

  void insert_outbox(const OutboxMessage& m, const std::string& fields_json) override {
    tx_.put(outbox_record_key(m.ticket, m.seq, m.index), encode_outbox(m, fields_json));
    if (m.status == OutboxStatus::kPending) index_pending(tx_, m, true);
  }

  // Adds (or removes) a pending message's two index entries.
  static void index_pending(KvTransaction& tx, const OutboxMessage& m, bool add) {
    const std::string all = pending_key(m.next_attempt, m.ticket, m.seq, m.index);
    const std::string mine =
        channel_pending_key(m.channel, m.next_attempt, m.ticket, m.seq, m.index);
    if (add) {
      tx.put(all, "");
      tx.put(mine, "");
    } else {
      tx.erase(all);
      tx.erase(mine);
    }
  }

 private:
  KvTransaction& tx_;
  const std::string& where_;
};

bool matches(const OutboxQuery& q, const OutboxState& m) {
  return (!q.status || m.status == *q.status) && (!q.channel || m.channel == *q.channel);
}

}  // namespace

struct KvStore::State {
  std::shared_ptr<KvBackend> backend;
  std::string where;  // backend->describe(), for messages
  std::mutex write_mutex;

  [[nodiscard]] std::unique_ptr<KvTransaction> read() const { return backend->begin(false); }

  // Runs fn(tx) in one write transaction and commits it; any failure throws StoreError with
  // nothing committed (a DamagedRecordError as it is).
  template <typename F>
  auto write(F&& fn) -> decltype(fn(std::declval<KvTransaction&>())) {
    std::lock_guard lock(write_mutex);
    try {
      const std::unique_ptr<KvTransaction> tx = backend->begin(true);
      auto result = fn(*tx);
      tx->commit();
      return result;
    } catch (const DamagedRecordError&) {
      throw;
    } catch (const std::exception& e) {
      throw StoreError(where + ": commit failed, nothing was written: " + e.what());
    }
  }

  // Whether `tx` holds a propdesk store of this schema (true), or nothing at all (false); throws
  // StoreError otherwise.
  [[nodiscard]] bool holds_store(KvTransaction& tx) const {
    if (const auto schema = tx.get(kSchemaKey)) {
      std::int64_t version = 0;
      const auto [end, ec] =
          std::from_chars(schema->data(), schema->data() + schema->size(), version);
      if (ec != std::errc{} || end != schema->data() + schema->size() || version < 1)
        throw StoreError(where + ": not a propdesk store (unreadable schema version under '" +
                         std::string(kSchemaKey) + "')");
      if (version > kSchemaVersion)
        throw StoreError(where + ": the store has schema version " + std::to_string(version) +
                         ", newer than this library's " + std::to_string(kSchemaVersion) +
                         "; open it with a newer propdesk");
      return true;
    }
    bool any = false;
    tx.scan("", "", [&](std::string_view, std::string_view) {
      any = true;
      return false;
    });
    if (any)
      throw StoreError(where + ": not a propdesk store (it holds keys but no '" +
                       std::string(kSchemaKey) + "' key); refusing to write to it");
    return false;
  }

  [[nodiscard]] std::optional<Ticket> ticket(KvTransaction& tx, TicketId id) const {
    const auto record = tx.get(ticket_key(id));
    if (!record) return std::nullopt;
    return decode_ticket(*record, where, id);
  }

  [[nodiscard]] std::vector<JournalEntry> journal(KvTransaction& tx, TicketId id) const {
    std::vector<JournalEntry> entries;
    scan_prefix(tx, entries_prefix(id), [&](std::string_view, std::string_view value) {
      entries.push_back(decode_entry(value, where, id));
      return true;
    });
    return entries;
  }
};

KvStore::KvStore(std::shared_ptr<KvBackend> backend) : state_(std::make_unique<State>()) {
  if (!backend) throw std::invalid_argument("KvStore: the backend is null");
  state_->where = backend->describe();
  state_->backend = std::move(backend);
  {
    const auto tx = state_->read();
    if (state_->holds_store(*tx)) return;
  }
  state_->write([&](KvTransaction& tx) {
    // Checked again in the write transaction: another process may have initialised it meanwhile.
    if (!state_->holds_store(tx)) tx.put(kSchemaKey, std::to_string(kSchemaVersion));
    return true;
  });
}

KvStore::~KvStore() = default;

std::vector<CommitOutcome> KvStore::commit(std::span<NewTicket> creates,
                                           std::span<Update> updates) {
  const PreparedBatch prepared = prepare_batch(creates, updates);
  std::vector<ItemResult> results = state_->write([&](KvTransaction& tx) {
    BatchWriter writer(tx, state_->where);
    return write_batch(creates, updates, prepared, writer);
  });
  return finish_batch(creates, updates, std::move(results));
}

std::optional<Ticket> KvStore::get(TicketId id) const {
  const auto tx = state_->read();
  return state_->ticket(*tx, id);
}

std::optional<Ticket> KvStore::find(std::string_view code) const {
  if (code.size() > kMaxCodeKeyBytes) return std::nullopt;  // no code is that long
  const auto tx = state_->read();
  const auto id = tx->get(code_key(code));
  if (!id) return std::nullopt;
  return state_->ticket(*tx, static_cast<TicketId>(read_u64_value(
                                 *id, state_->where, "id of code " + std::string(code))));
}

std::vector<Ticket> KvStore::query(const TicketQuery& q) const {
  std::vector<Ticket> found;
  if (q.limit == 0) return found;
  std::size_t skipped = 0;
  // Each candidate in id order; false once the page is full.
  const auto consider = [&](Ticket ticket) {
    if (!matches(q, ticket)) return true;
    if (skipped < q.offset) {
      ++skipped;
      return true;
    }
    found.push_back(std::move(ticket));
    return found.size() < q.limit;
  };
  const auto tx = state_->read();
  if (q.location) {
    // The located tickets whose key part starts with the prefix's part; the exact location (the
    // value) decides. Then in id order.
    const std::string prefix = std::string(kLocationTag) + location_part(*q.location);
    std::vector<TicketId> ids;
    scan_prefix(*tx, prefix, [&](std::string_view key, std::string_view location) {
      if (location.starts_with(*q.location)) ids.push_back(trailing_id(key));
      return true;
    });
    std::sort(ids.begin(), ids.end());
    for (const TicketId id : ids) {
      auto ticket = state_->ticket(*tx, id);
      if (ticket && !consider(std::move(*ticket))) break;
    }
    return found;
  }
  // From the first id after `after` (keys sort by id, and ids are positive), else from the first.
  if (q.after && *q.after == std::numeric_limits<TicketId>::max()) return found;
  const std::string from =
      q.after && *q.after >= 0 ? ticket_key(*q.after + 1) : std::string(kTicketTag);
  tx->scan(from, prefix_end(kTicketTag), [&](std::string_view key, std::string_view record) {
    return consider(decode_ticket(record, state_->where, trailing_id(key)));
  });
  return found;
}

std::vector<JournalEntry> KvStore::history(TicketId id) const {
  const auto tx = state_->read();
  return state_->journal(*tx, id);
}

std::optional<TicketHistory> KvStore::get_with_history(TicketId id) const {
  const auto tx = state_->read();
  auto ticket = state_->ticket(*tx, id);
  if (!ticket) return std::nullopt;
  return TicketHistory{std::move(*ticket), state_->journal(*tx, id)};
}

std::vector<StateCount> KvStore::count_by_state() const {
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  {
    const auto tx = state_->read();
    scan_prefix(*tx, kTicketTag, [&](std::string_view key, std::string_view record) {
      StoredHead head = decode_ticket_head(record, state_->where, trailing_id(key));
      ++counts[{std::move(head.workflow), std::move(head.state)}];
      return true;
    });
  }
  std::vector<StateCount> result;
  result.reserve(counts.size());
  for (const auto& [key, count] : counts) result.push_back({key.first, key.second, count});
  return result;
}

std::vector<TicketId> KvStore::ticket_ids(TicketId after, std::size_t limit) const {
  std::vector<TicketId> ids;
  if (limit == 0 || after == std::numeric_limits<TicketId>::max()) return ids;
  const auto tx = state_->read();
  tx->scan(ticket_key(std::max<TicketId>(after, 0) + 1), prefix_end(kTicketTag),
           [&](std::string_view key, std::string_view) {
             ids.push_back(trailing_id(key));
             return ids.size() < limit;
           });
  return ids;
}

std::vector<Timer> KvStore::due_timers(TimePoint until, std::size_t limit) const {
  std::vector<Timer> due;
  if (limit == 0) return due;
  // Index order is (due, ticket, key) except among long keys that share their first
  // kTimerKeyPartBytes bytes (and due and ticket): such a group is contiguous, so it is read
  // whole, even past the limit, and the sort below puts it in key order.
  constexpr std::size_t kHead = kTimerQueueTag.size() + 16;  // tag, due, ticket
  std::string last_group;
  bool last_long = false;
  const auto tx = state_->read();
  tx->scan(kTimerQueueTag, until_end(kTimerQueueTag, until),
           [&](std::string_view key, std::string_view exact_key) {
             const std::string_view part = key.substr(std::min(kHead, key.size()));
             const bool is_long = is_long_timer_part(part);
             const std::string_view group =
                 key.substr(0, kHead + std::min(part.size(), kTimerKeyPartBytes));
             if (due.size() >= limit && !(is_long && last_long && group == last_group))
               return false;
             std::size_t pos = kTimerQueueTag.size();
             const auto at = get_time(key, pos);
             const auto id = get_u64(key, pos);
             if (!at || !id) throw DamagedRecordError(state_->where + ": damaged timer index key");
             due.push_back({static_cast<TicketId>(*id), std::string(exact_key), *at});
             last_group.assign(group);
             last_long = is_long;
             return true;
           });
  std::sort(due.begin(), due.end(), [](const Timer& a, const Timer& b) {
    return std::tie(a.due, a.ticket, a.key) < std::tie(b.due, b.ticket, b.key);
  });
  if (due.size() > limit) due.resize(limit);
  return due;
}

std::optional<Timer> KvStore::next_timer() const {
  auto due = due_timers(TimePoint::max(), 1);
  if (due.empty()) return std::nullopt;
  return std::move(due.front());
}

std::vector<Timer> KvStore::timers(TicketId id) const {
  std::vector<Timer> found;
  {
    const auto tx = state_->read();
    scan_prefix(*tx, timers_prefix(id), [&](std::string_view, std::string_view value) {
      found.push_back(decode_timer(value, state_->where, id));
      return true;
    });
  }
  // Key order (long keys that share a first part are in digest order in the index).
  std::sort(found.begin(), found.end(),
            [](const Timer& a, const Timer& b) { return a.key < b.key; });
  return found;
}

CommitOutcome KvStore::reschedule(TicketId id, std::int64_t expected_version,
                                  const TimerChanges& changes) {
  if (std::string problem = check_timers(changes); !problem.empty())
    return rejection(id, std::move(problem)).outcome;
  return state_->write([&](KvTransaction& tx) {
    const auto record = tx.get(ticket_key(id));
    if (!record) return version_conflict(id, expected_version, std::nullopt).outcome;
    StoredHead head = decode_ticket_head(*record, state_->where, id);
    if (head.journal.version != expected_version)
      return version_conflict(id, expected_version, head.journal.version).outcome;
    BatchWriter writer(tx, state_->where);
    apply_timer_changes(id, changes, writer);
    return rescheduled(id, std::move(head.journal.code), head.journal.version).outcome;
  });
}

std::vector<OutboxMessage> KvStore::due_outbox(TimePoint until, std::size_t limit,
                                               std::string_view channel) const {
  std::vector<OutboxMessage> due;
  if (limit == 0) return due;
  const std::string prefix = channel.empty() ? std::string(kPendingTag) : channel_prefix(channel);
  const auto tx = state_->read();
  std::vector<std::string> keys;
  tx->scan(prefix, until_end(prefix, until), [&](std::string_view key, std::string_view) {
    const auto id = pending_id(key);
    if (!id) throw DamagedRecordError(state_->where + ": damaged outbox index key");
    keys.push_back(outbox_record_key(id->ticket, id->seq, id->index));
    return keys.size() < limit;
  });
  for (const std::string& key : keys) {
    const auto record = tx->get(key);
    if (!record)
      throw DamagedRecordError(state_->where + ": the outbox index names a missing message");
    OutboxMessage m = decode_outbox(*record, state_->where);
    if (channel.empty() || m.channel == channel) due.push_back(std::move(m));
  }
  return due;
}

std::optional<TimePoint> KvStore::next_outbox_attempt(std::string_view channel) const {
  const std::string prefix = channel.empty() ? std::string(kPendingTag) : channel_prefix(channel);
  std::optional<TimePoint> next;
  const auto tx = state_->read();
  scan_prefix(*tx, prefix, [&](std::string_view key, std::string_view) {
    std::size_t pos = prefix.size();
    next = get_time(key, pos);
    if (!next) throw DamagedRecordError(state_->where + ": damaged outbox index key");
    return false;
  });
  return next;
}

std::vector<OutboxMessage> KvStore::outbox(const OutboxQuery& q) const {
  std::vector<OutboxMessage> found;
  if (q.limit == 0) return found;
  std::size_t skipped = 0;
  const std::string prefix = q.ticket ? outbox_ticket_prefix(*q.ticket) : std::string(kOutboxTag);
  const auto tx = state_->read();
  scan_prefix(*tx, prefix, [&](std::string_view, std::string_view record) {
    if (!matches(q, decode_outbox_state(record, state_->where))) return true;
    if (skipped < q.offset) {
      ++skipped;
      return true;
    }
    found.push_back(decode_outbox(record, state_->where));
    return found.size() < q.limit;
  });
  return found;
}

OutboxCounts KvStore::outbox_counts() const {
  OutboxCounts counts;
  const auto tx = state_->read();
  scan_prefix(*tx, kOutboxTag, [&](std::string_view, std::string_view record) {
    counts.add(decode_outbox_state(record, state_->where).status);
    return true;
  });
  return counts;
}

std::optional<OutboxMessage> KvStore::edit_outbox(std::string_view key, const OutboxEdit& edit) {
  const auto id = parse_outbox_key(key);
  if (!id) return std::nullopt;  // not a key the store gives out
  return state_->write([&](KvTransaction& tx) -> std::optional<OutboxMessage> {
    const std::string record_key = outbox_record_key(id->ticket, id->seq, id->index);
    const auto record = tx.get(record_key);
    if (!record) return std::nullopt;
    OutboxMessage stored = decode_outbox(*record, state_->where);
    if (stored.key != key) return std::nullopt;
    OutboxMessage changed = stored;
    if (!edit(changed)) return std::nullopt;
    if (stored.status == OutboxStatus::kPending) BatchWriter::index_pending(tx, stored, false);
    stored.status = changed.status;
    stored.attempts = changed.attempts;
    stored.next_attempt = changed.next_attempt;
    stored.last_error = changed.last_error;
    tx.put(record_key, rewrite_outbox_state(*record, stored, state_->where));
    if (stored.status == OutboxStatus::kPending) BatchWriter::index_pending(tx, stored, true);
    return stored;
  });
}

std::int64_t KvStore::delete_outbox(TimePoint before, bool delivered, bool dead) {
  return state_->write([&](KvTransaction& tx) {
    std::vector<std::string> purged;
    scan_prefix(tx, kOutboxTag, [&](std::string_view key, std::string_view record) {
      const OutboxState m = decode_outbox_state(record, state_->where);
      if (((delivered && m.status == OutboxStatus::kDelivered) ||
           (dead && m.status == OutboxStatus::kDead)) &&
          m.next_attempt < before)
        purged.emplace_back(key);
      return true;
    });
    for (const std::string& key : purged) tx.erase(key);  // not pending: not in the indexes
    return static_cast<std::int64_t>(purged.size());
  });
}

WorkflowSaveOutcome KvStore::save_workflow(const StoredWorkflow& workflow) {
  if (std::string problem = check_workflow(workflow); !problem.empty())
    return {WorkflowSaveOutcome::Status::kRejected, std::move(problem)};
  return state_->write([&](KvTransaction& tx) {
    const std::string key = workflow_key(workflow.name, workflow.version);
    std::optional<std::string> stored_hash;
    if (const auto record = tx.get(key)) {
      StoredWorkflow stored = decode_workflow(*record, state_->where);
      if (stored.name != workflow.name || stored.version != workflow.version)
        throw DamagedRecordError(state_->where + ": damaged workflow record of '" + workflow.name +
                                 "' version " + std::to_string(workflow.version));
      stored_hash = std::move(stored.source_hash);
    }
    WorkflowSaveOutcome outcome = workflow_save_outcome(workflow, stored_hash);
    if (outcome.status == WorkflowSaveOutcome::Status::kSaved)
      tx.put(key, encode_workflow(workflow));
    return outcome;
  });
}

std::vector<StoredWorkflow> KvStore::workflows() const {
  std::vector<StoredWorkflow> all;
  {
    const auto tx = state_->read();
    scan_prefix(*tx, kWorkflowTag, [&](std::string_view, std::string_view record) {
      all.push_back(decode_workflow(record, state_->where));
      return true;
    });
  }
  std::sort(all.begin(), all.end(), [](const StoredWorkflow& a, const StoredWorkflow& b) {
    return std::tie(a.name, a.version) < std::tie(b.name, b.version);
  });
  return all;
}

}  // namespace propdesk
