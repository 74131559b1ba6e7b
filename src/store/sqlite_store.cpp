// SqliteStore: a write connection driven by group commit, a read connection, kept statements.
#include "propdesk/sqlite_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "propdesk/store_error.hpp"
#include "store/commit_batch.hpp"
#include "store/outbox_writer.hpp"
#include "store/sqlite_error.hpp"
#include "store/sqlite_schema.hpp"
#include "store/stored_decode.hpp"
#include "store/ticket_heads.hpp"
#include "store/timer_writer.hpp"

namespace propdesk {
namespace {

constexpr const char* kTicketColumns =
    "id, code, workflow, workflow_version, state, severity, assignee, fields, created_at, "
    "updated_at, version, clocks";
constexpr const char* kEntryColumns =
    "ticket, seq, at, actor_id, actor_role, event, from_state, to_state, input, prev_hash, hash";
constexpr const char* kWorkflowColumns =
    "name, version, source_name, source_text, source_hash, saved_at";
constexpr const char* kTimerColumns = "ticket_id, key, due";
constexpr const char* kOutboxColumns =
    "ticket_id, seq, idx, key, channel, status, attempts, created_at, next_attempt, last_error, "
    "ticket_code, workflow, template, recipient, to_role, subject, body, link, state, state_label, "
    "severity, event, raised_at, fields";

// A kept statement in use: reset when the use ends, so that it holds no snapshot or lock between
// uses and is ready for the next bind.
class Use {
 public:
  explicit Use(SQLite::Statement& statement) : statement_(statement) {}
  ~Use() { statement_.tryReset(); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

void run(SQLite::Statement& statement) {
  Use use(statement);
  use->exec();
}

std::int64_t seconds(TimePoint t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}
TimePoint time_point(std::int64_t s) { return TimePoint{std::chrono::seconds{s}}; }

std::int64_t clamp_to_int64(std::size_t n) {
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(n < kMax ? n : kMax);
}

// Columns in kTicketColumns order.
Ticket read_ticket(SQLite::Statement& s, const std::string& file) {
  Ticket t;
  t.id = s.getColumn(0).getInt64();
  t.code = s.getColumn(1).getString();
  t.workflow = s.getColumn(2).getString();
  t.workflow_version = s.getColumn(3).getInt();
  t.state = s.getColumn(4).getString();
  t.severity = s.getColumn(5).getString();
  t.assignee = s.getColumn(6).getString();
  t.fields =
      decode_stored(s.getColumn(7).getString(), file, "fields of ticket " + std::to_string(t.id));
  t.created_at = time_point(s.getColumn(8).getInt64());
  t.updated_at = time_point(s.getColumn(9).getInt64());
  t.version = s.getColumn(10).getInt64();
  t.clocks = decode_stored_clocks(s.getColumn(11).getString(), file, t.id);
  return t;
}

// Columns in kEntryColumns order.
JournalEntry read_entry(SQLite::Statement& s, const std::string& file) {
  JournalEntry e;
  e.ticket = s.getColumn(0).getInt64();
  e.seq = s.getColumn(1).getInt64();
  e.at = time_point(s.getColumn(2).getInt64());
  e.actor.id = s.getColumn(3).getString();
  e.actor.role = s.getColumn(4).getString();
  e.event = s.getColumn(5).getString();
  e.from_state = s.getColumn(6).getString();
  e.to_state = s.getColumn(7).getString();
  e.input = decode_stored(
      s.getColumn(8).getString(), file,
      "input of entry " + std::to_string(e.seq) + " of ticket " + std::to_string(e.ticket));
  e.prev_hash = s.getColumn(9).getString();
  e.hash = s.getColumn(10).getString();
  return e;
}

// Columns in kTimerColumns order.
Timer read_timer(SQLite::Statement& s) {
  return {s.getColumn(0).getInt64(), s.getColumn(1).getString(),
          time_point(s.getColumn(2).getInt64())};
}

// Columns in kOutboxColumns order.
OutboxMessage read_outbox(SQLite::Statement& s, const std::string& file) {
  OutboxMessage m;
  m.ticket = s.getColumn(0).getInt64();
  m.seq = s.getColumn(1).getInt64();
  m.index = s.getColumn(2).getInt();
  m.key = s.getColumn(3).getString();
  m.channel = s.getColumn(4).getString();
  const std::string status = s.getColumn(5).getString();
  const auto parsed = parse_outbox_status(status);
  if (!parsed)
    throw StoreError(file + ": damaged outbox message " + m.key + ": status '" + status + "'");
  m.status = *parsed;
  m.attempts = s.getColumn(6).getInt();
  m.created_at = time_point(s.getColumn(7).getInt64());
  m.next_attempt = time_point(s.getColumn(8).getInt64());
  m.last_error = s.getColumn(9).getString();
  Notification& n = m.notification;
  n.idempotency_key = m.key;
  n.ticket_id = m.ticket;
  n.ticket_code = s.getColumn(10).getString();
  n.workflow = s.getColumn(11).getString();
  n.template_name = s.getColumn(12).getString();
  n.recipient = s.getColumn(13).getString();
  n.recipient_is_role = s.getColumn(14).getInt() != 0;
  n.subject = s.getColumn(15).getString();
  n.body = s.getColumn(16).getString();
  n.link = s.getColumn(17).getString();
  n.state = s.getColumn(18).getString();
  n.state_label = s.getColumn(19).getString();
  n.severity = s.getColumn(20).getString();
  n.event = s.getColumn(21).getString();
  n.at = time_point(s.getColumn(22).getInt64());
  n.fields = decode_stored_outbox_fields(s.getColumn(23).getString(), file, m.key);
  return m;
}

// Columns in kWorkflowColumns order.
StoredWorkflow read_workflow(SQLite::Statement& s) {
  StoredWorkflow w;
  w.name = s.getColumn(0).getString();
  w.version = s.getColumn(1).getInt();
  w.source_name = s.getColumn(2).getString();
  w.source_text = s.getColumn(3).getString();
  w.source_hash = s.getColumn(4).getString();
  w.saved_at = time_point(s.getColumn(5).getInt64());
  return w;
}

SQLite::Database open_connection(const std::string& file, int flags, const SqliteStoreOptions& o) {
  try {
    SQLite::Database db(file, flags);
    configure_connection(db, static_cast<int>(o.busy_timeout.count()));
    return db;
  } catch (const SQLite::Exception& e) {
    throw_sqlite_failure(file, "cannot open", e);
  }
}

// Conflicts the database itself finds in one item (a duplicate code or journal entry left by
// tampering, the append-only triggers) fail that item only; anything else fails the batch.
bool fails_item_only(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xFF;
  return code == SQLITE_CONSTRAINT || code == SQLITE_TOOBIG || code == SQLITE_MISMATCH;
}

// A reschedule() call's arguments (its timer keys already checked).
struct RescheduleItem {
  TicketId id = 0;
  std::int64_t expected_version = 0;
  const TimerChanges* changes = nullptr;
};

// A change to one outbox message (Store::edit_outbox's arguments).
struct OutboxEditItem {
  std::string key;
  const std::function<bool(OutboxMessage&)>* edit = nullptr;
};

// One commit(), reschedule() or edit_outbox() call waiting in (or being written by) the group
// commit queue.
struct Call {
  std::span<const NewTicket> creates;
  std::span<const Update> updates;
  const PreparedBatch* prepared = nullptr;
  const RescheduleItem* reschedule = nullptr;  // set: the call is this reschedule, no items
  const OutboxEditItem* outbox_edit = nullptr;  // set: the call is this edit, no items
  std::optional<OutboxMessage> edited;          // the edit's result, written by the leader
  std::vector<ItemResult> results;  // written by the leader
  std::string error;                // non-empty: the batch failed, nothing was committed
  bool done = false;
  std::thread::id caller = std::this_thread::get_id();
};

// The write connection; only the current group commit leader uses it.
class Writer final : public ItemWriter, public TimerWriter, public OutboxWriter {
 public:
  Writer(const std::string& file, const SqliteStoreOptions& options)
      : file_(file),
        db_(open_schema_connection(file, options)),
        begin_(db_, "BEGIN IMMEDIATE"),
        commit_(db_, "COMMIT"),
        savepoint_(db_, "SAVEPOINT item"),
        release_(db_, "RELEASE item"),
        rollback_to_(db_, "ROLLBACK TO item"),
        next_number_(db_,
                     "INSERT INTO ticket_counters (prefix, day, last) VALUES (?, ?, 1) "
                     "ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1 RETURNING last"),
        insert_ticket_(db_,
                       "INSERT INTO tickets (code, workflow, workflow_version, state, severity, "
                       "assignee, location, fields, clocks, created_at, updated_at, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
        update_ticket_(db_,
                       "UPDATE tickets SET workflow = ?, workflow_version = ?, state = ?, "
                       "severity = ?, assignee = ?, location = ?, fields = ?, clocks = ?, "
                       "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"),
        ticket_version_(db_, "SELECT version, code FROM tickets WHERE id = ?"),
        data_version_(db_, "PRAGMA data_version"),
        // What an update needs to know before it writes: the version to check, the values it
        // reports back, and the hash its entry chains to (the entry at the current version).
        ticket_head_(db_,
                     "SELECT version, code, created_at, (SELECT hash FROM journal WHERE ticket = "
                     "tickets.id AND seq = tickets.version) FROM tickets WHERE id = ?"),
        insert_entry_(db_, std::string("INSERT INTO journal (") + kEntryColumns +
                               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        cancel_all_timers_(db_, "DELETE FROM timers WHERE ticket_id = ?"),
        cancel_timer_(db_, "DELETE FROM timers WHERE ticket_id = ? AND key = ?"),
        schedule_timer_(db_,
                        "INSERT INTO timers (ticket_id, key, due) VALUES (?, ?, ?) "
                        "ON CONFLICT (ticket_id, key) DO UPDATE SET due = excluded.due"),
        insert_outbox_(db_, std::string("INSERT INTO outbox (") + kOutboxColumns +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                "?, ?, ?, ?, ?)"),
        outbox_by_key_(db_,
                       std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE key = ?"),
        update_outbox_(db_,
                       "UPDATE outbox SET status = ?, attempts = ?, next_attempt = ?, "
                       "last_error = ? WHERE key = ?") {}

  // One transaction, in three steps: open(), then add() the calls (as they come: the group commit
  // leader adds calls that arrive while the transaction is open), then close(), which commits
  // them all or, when anything failed, records the error in each of them.
  //
  // Items are first written without a savepoint each: every item checks what can make it fail
  // (an unknown ticket, another version, a missing journal entry) before it writes anything, so
  // an item that fails that way has changed nothing. Only a statement the database itself refuses
  // after the item has written something (a constraint broken by a tampered file, say) would leave
  // part of an item behind: then the whole transaction is rolled back and the calls added so far
  // written again, each item in a savepoint of its own (and so are the calls added later), so
  // that it fails alone.
  void open() {
    written_.clear();
    error_.clear();
    savepoints_ = false;
    guarded([&] {
      run(begin_);
      forget_heads_if_others_wrote();
    });
  }

  void add(std::span<Call* const> calls) {
    written_.insert(written_.end(), calls.begin(), calls.end());
    if (!error_.empty()) return;  // the transaction failed already: these fail with it
    guarded([&] {
      try {
        write_items(calls);
      } catch (const RedoWithSavepoints&) {
        db_.exec("ROLLBACK");
        heads_.clear();  // the heads of the items written so far were rolled back
        run(begin_);
        savepoints_ = true;
        write_items(written_);
      }
    });
  }

  void close() {
    if (error_.empty()) guarded([&] { run(commit_); });
    savepoints_ = false;
    if (error_.empty()) return;
    fail(written_, error_);
    heads_.clear();  // what this transaction wrote is gone
    db_.tryExec("ROLLBACK");  // SQLite may have rolled back already
  }

  ItemResult write(const NewTicket& item, const PreparedItem& p) override {
    return in_item(0, [&] {
      std::int64_t number = 0;
      {
        Use s(next_number_);
        s->bindNoCopy(1, item.code_prefix);
        s->bindNoCopy(2, p.day);
        s->executeStep();
        number = s->getColumn(0).getInt64();
      }
      std::string code = ticket_code(item, p, number);
      const Ticket& t = item.ticket;
      {
        Use s(insert_ticket_);
        s->bindNoCopy(1, code);
        s->bindNoCopy(2, t.workflow);
        s->bind(3, t.workflow_version);
        s->bindNoCopy(4, t.state);
        s->bindNoCopy(5, t.severity);
        s->bindNoCopy(6, t.assignee);
        bind_location(*s, 7, p);
        s->bindNoCopy(8, p.fields_json);
        s->bindNoCopy(9, p.clocks_json);
        s->bind(10, seconds(t.created_at));
        s->bind(11, seconds(t.updated_at));
        s->exec();
      }
      ItemResult result = seal_creation(item, p, db_.getLastInsertRowid(), std::move(code));
      apply_timer_changes(result.outcome.id, item.timers, *this);
      write_outbox(result, item.entry.at, item.outbox, p, *this);
      insert_entry(item.entry, p, result);  // a failure here rolls the timers back too
      remember_head(result);
      return result;
    });
  }

  ItemResult write(const Update& item, const PreparedItem& p) override {
    const Ticket& t = item.ticket;
    return in_item(t.id, [&]() -> ItemResult {
      // Every check first: an update that fails them has written nothing. The head of the
      // ticket's journal comes from heads_ when this writer wrote it last and nobody else wrote
      // since (see forget_heads_if_others_wrote()), otherwise from the database.
      TicketHead head;
      if (const TicketHead* remembered = heads_.find(t.id)) {
        if (remembered->version != item.expected_version)
          return version_conflict(item, remembered->version);
        head = *remembered;
      } else {
        Use s(ticket_head_);
        s->bind(1, t.id);
        if (!s->executeStep()) return version_conflict(item, std::nullopt);
        const std::int64_t version = s->getColumn(0).getInt64();
        if (version != item.expected_version) return version_conflict(item, version);
        if (s->getColumn(3).isNull())
          return rejection(t.id, "the journal of ticket " + std::to_string(t.id) +
                                     " has no entry " + std::to_string(item.expected_version) +
                                     " (the database was altered; run verify)");
        head = {version, s->getColumn(1).getString(), time_point(s->getColumn(2).getInt64()),
                s->getColumn(3).getString()};
      }
      {
        Use s(update_ticket_);
        s->bindNoCopy(1, t.workflow);
        s->bind(2, t.workflow_version);
        s->bindNoCopy(3, t.state);
        s->bindNoCopy(4, t.severity);
        s->bindNoCopy(5, t.assignee);
        bind_location(*s, 6, p);
        s->bindNoCopy(7, p.fields_json);
        s->bindNoCopy(8, p.clocks_json);
        s->bind(9, seconds(t.updated_at));
        s->bind(10, t.id);
        s->bind(11, item.expected_version);
        // Checked above in this same transaction, so it cannot fail here; nothing was written.
        if (s->exec() != 1) {
          heads_.forget(t.id);
          return version_conflict(item, stored_version(t.id));
        }
      }
      ItemResult result = seal_update(item, p, std::move(head));
      apply_timer_changes(t.id, item.timers, *this);
      write_outbox(result, item.entry.at, item.outbox, p, *this);
      insert_entry(item.entry, p, result);  // a failure here rolls the timers back too
      remember_head(result);
      return result;
    });
  }

  // A reschedule(): the version check and the timer changes, written like an item.
  ItemResult reschedule(const RescheduleItem& r) {
    return in_item(r.id, [&]() -> ItemResult {
      std::optional<std::int64_t> version;
      std::string code;
      {
        Use s(ticket_version_);
        s->bind(1, r.id);
        if (s->executeStep()) {
          version = s->getColumn(0).getInt64();
          code = s->getColumn(1).getString();
        }
      }
      if (version != r.expected_version) return version_conflict(r.id, r.expected_version, version);
      apply_timer_changes(r.id, *r.changes, *this);
      return rescheduled(r.id, std::move(code), *version);
    });
  }

  // An edit_outbox() call in its own savepoint: a message that cannot be read (a damaged row)
  // fails that call alone, not the batch it shares a transaction with.
  void edit_outbox_alone(Call& call) {
    run(savepoint_);
    try {
      call.edited = edit_outbox(*call.outbox_edit);
      run(release_);
    } catch (const SQLite::Exception& e) {
      if (!fails_item_only(e)) throw;
      run(rollback_to_);
      run(release_);
      call.error = sqlite_failure(file_, "cannot change outbox message " + call.outbox_edit->key, e);
    } catch (const StoreError& e) {
      run(rollback_to_);
      run(release_);
      call.error = e.what();
    }
  }

  // An edit_outbox(): read, edit, write back the state columns.
  std::optional<OutboxMessage> edit_outbox(const OutboxEditItem& e) {
    std::optional<OutboxMessage> m;
    {
      Use s(outbox_by_key_);
      s->bindNoCopy(1, e.key);
      if (s->executeStep()) m = read_outbox(*s, file_);
    }
    if (!m || !(*e.edit)(*m)) return std::nullopt;
    const std::string status(to_string(m->status));
    Use s(update_outbox_);
    s->bindNoCopy(1, status);
    s->bind(2, m->attempts);
    s->bind(3, seconds(m->next_attempt));
    s->bindNoCopy(4, m->last_error);
    s->bindNoCopy(5, e.key);
    s->exec();
    return m;
  }

  void insert_outbox(const OutboxMessage& m, const std::string& fields_json) override {
    const Notification& n = m.notification;
    const std::string status(to_string(m.status));
    Use s(insert_outbox_);
    s->bind(1, m.ticket);
    s->bind(2, m.seq);
    s->bind(3, m.index);
    s->bindNoCopy(4, m.key);
    s->bindNoCopy(5, m.channel);
    s->bindNoCopy(6, status);
    s->bind(7, m.attempts);
    s->bind(8, seconds(m.created_at));
    s->bind(9, seconds(m.next_attempt));
    s->bindNoCopy(10, m.last_error);
    s->bindNoCopy(11, n.ticket_code);
    s->bindNoCopy(12, n.workflow);
    s->bindNoCopy(13, n.template_name);
    s->bindNoCopy(14, n.recipient);
    s->bind(15, n.recipient_is_role ? 1 : 0);
    s->bindNoCopy(16, n.subject);
    s->bindNoCopy(17, n.body);
    s->bindNoCopy(18, n.link);
    s->bindNoCopy(19, n.state);
    s->bindNoCopy(20, n.state_label);
    s->bindNoCopy(21, n.severity);
    s->bindNoCopy(22, n.event);
    s->bind(23, seconds(n.at));
    s->bindNoCopy(24, fields_json);
    s->exec();
  }

  void cancel_all_timers(TicketId id) override {
    Use s(cancel_all_timers_);
    s->bind(1, id);
    s->exec();
  }

  void cancel_timer(TicketId id, const std::string& key) override {
    Use s(cancel_timer_);
    s->bind(1, id);
    s->bindNoCopy(2, key);
    s->exec();
  }

  void schedule_timer(TicketId id, const std::string& key, TimePoint due) override {
    Use s(schedule_timer_);
    s->bind(1, id);
    s->bindNoCopy(2, key);
    s->bind(3, seconds(due));
    s->exec();
  }

 private:
  static SQLite::Database open_schema_connection(const std::string& file,
                                                 const SqliteStoreOptions& options) {
    SQLite::Database db =
        open_connection(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, options);
    open_schema(db, file, options.check_integrity_on_open);
    return db;
  }

  static void bind_location(SQLite::Statement& s, int index, const PreparedItem& p) {
    if (p.location)
      s.bindNoCopy(index, *p.location);
    else
      s.bind(index);
  }

  // Thrown out of an item written without a savepoint when the database refused one of its
  // statements: add() then writes the transaction's calls again with savepoints.
  struct RedoWithSavepoints {};

  // The calls' items, in order.
  void write_items(std::span<Call* const> calls) {
    for (Call* call : calls) {
      if (call->reschedule) {
        call->results.clear();
        call->results.push_back(reschedule(*call->reschedule));
      } else if (call->outbox_edit) {
        edit_outbox_alone(*call);
      } else {
        call->results = write_batch(call->creates, call->updates, *call->prepared, *this);
      }
    }
  }

  // Runs `body` for one item. `body` returns a result that is not ok only before it has written
  // anything (see open()); a statement the database refuses is what may come later.
  template <class Body>
  ItemResult in_item(TicketId id, Body&& body) {
    if (savepoints_) return in_savepoint(id, std::forward<Body>(body));
    try {
      return body();
    } catch (const SQLite::Exception& e) {
      if (!fails_item_only(e)) throw;
      throw RedoWithSavepoints{};
    }
  }

  // Runs `body` for one item inside its own savepoint, so that a failing item leaves the
  // transaction as it was before it.
  template <class Body>
  ItemResult in_savepoint(TicketId id, Body&& body) {
    run(savepoint_);
    try {
      ItemResult result = body();
      if (!result.outcome.ok()) run(rollback_to_);
      run(release_);
      return result;
    } catch (const SQLite::Exception& e) {
      if (!fails_item_only(e)) throw;
      run(rollback_to_);
      run(release_);
      return rejection(id, std::string("refused by the database: ") + e.what());
    }
  }

  // Called first in every write transaction: PRAGMA data_version changes when another connection
  // (another SqliteStore, another process, the sqlite3 shell) has committed since this
  // connection's last look, and then the remembered heads may be stale. Holding the write lock, no
  // one can commit until this transaction ends.
  void forget_heads_if_others_wrote() {
    Use s(data_version_);
    s->executeStep();
    const std::int64_t version = s->getColumn(0).getInt64();
    if (version != data_version_seen_) heads_.clear();
    data_version_seen_ = version;
  }

  // Remembers the head of a ticket an item just wrote (the transaction may still roll back:
  // add() and close() then forget every head).
  void remember_head(const ItemResult& written) {
    const CommitOutcome& o = written.outcome;
    heads_.remember(o.id, TicketHead{o.version, o.code, written.created_at, o.hash});
  }

  std::optional<std::int64_t> stored_version(TicketId id) {
    Use s(ticket_version_);
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    return s->getColumn(0).getInt64();
  }

  void insert_entry(const JournalEntry& e, const PreparedItem& p, const ItemResult& sealed) {
    Use s(insert_entry_);
    s->bind(1, sealed.outcome.id);
    s->bind(2, sealed.outcome.version);
    s->bind(3, seconds(e.at));
    s->bindNoCopy(4, e.actor.id);
    s->bindNoCopy(5, e.actor.role);
    s->bindNoCopy(6, e.event);
    s->bindNoCopy(7, e.from_state);
    s->bindNoCopy(8, e.to_state);
    s->bindNoCopy(9, p.input_json);
    s->bindNoCopy(10, sealed.prev_hash);
    s->bindNoCopy(11, sealed.outcome.hash);
    s->exec();
  }

  // Runs a step of the transaction; a failure becomes error_, which fails the whole transaction.
  template <class Step>
  void guarded(Step&& step) {
    try {
      step();
    } catch (const SQLite::Exception& e) {
      error_ = sqlite_failure(file_, "commit failed, nothing was written", e);
    } catch (const std::exception& e) {
      error_ = file_ + ": commit failed, nothing was written: " + e.what();
    } catch (...) {
      error_ = file_ + ": commit failed, nothing was written: unknown exception";
    }
  }

  static void fail(std::span<Call* const> calls, const std::string& message) {
    for (Call* call : calls) {
      call->results.clear();
      call->error = message;
    }
  }

  const std::string& file_;
  SQLite::Database db_;  // declared before the statements: they are finalized first
  SQLite::Statement begin_, commit_, savepoint_, release_, rollback_to_;
  SQLite::Statement next_number_, insert_ticket_, update_ticket_, ticket_version_, data_version_,
      ticket_head_, insert_entry_;
  SQLite::Statement cancel_all_timers_, cancel_timer_, schedule_timer_;
  SQLite::Statement insert_outbox_, outbox_by_key_, update_outbox_;
  bool savepoints_ = false;  // the transaction is being written again, each item in a savepoint
  std::vector<Call*> written_;  // the calls added to the open transaction
  std::string error_;           // non-empty: the open transaction failed
  // The heads of the tickets this connection wrote last, valid while data_version_seen_ holds.
  static constexpr std::size_t kRememberedHeads = 16384;
  TicketHeads heads_{kRememberedHeads};
  std::int64_t data_version_seen_ = -1;
};

// The read connection; callers hold Reader's mutex (see SqliteStore::Impl::read).
class Reader {
 public:
  Reader(const std::string& file, const SqliteStoreOptions& options)
      : file_(file),
        db_(open_connection(file, SQLite::OPEN_READWRITE, options)),
        begin_(db_, "BEGIN"),
        commit_(db_, "COMMIT"),
        by_id_(db_, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?"),
        by_code_(db_, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE code = ?"),
        journal_(db_, std::string("SELECT ") + kEntryColumns +
                          " FROM journal WHERE ticket = ? ORDER BY seq"),
        counts_(db_,
                "SELECT workflow, state, count(*) FROM tickets GROUP BY workflow, state "
                "ORDER BY workflow, state"),
        ids_(db_, "SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT ?"),
        workflows_(db_, std::string("SELECT ") + kWorkflowColumns +
                            " FROM workflows ORDER BY name, version"),
        // Both read timers_by_due in order and stop early: O(log n) to the first row.
        due_timers_(db_, std::string("SELECT ") + kTimerColumns +
                             " FROM timers WHERE due <= ? ORDER BY due, ticket_id, key LIMIT ?"),
        next_timer_(db_, std::string("SELECT ") + kTimerColumns +
                             " FROM timers ORDER BY due, ticket_id, key LIMIT 1"),
        ticket_timers_(db_, std::string("SELECT ") + kTimerColumns +
                                " FROM timers WHERE ticket_id = ? ORDER BY key"),
        // These read the partial indexes of pending messages in order and stop early.
        due_outbox_(db_, std::string("SELECT ") + kOutboxColumns +
                             " FROM outbox WHERE status = 'pending' AND next_attempt <= ? "
                             "ORDER BY next_attempt, ticket_id, seq, idx LIMIT ?"),
        due_channel_outbox_(db_, std::string("SELECT ") + kOutboxColumns +
                                     " FROM outbox WHERE status = 'pending' AND channel = ? AND "
                                     "next_attempt <= ? ORDER BY next_attempt, ticket_id, seq, idx "
                                     "LIMIT ?"),
        next_outbox_(db_,
                     "SELECT next_attempt FROM outbox WHERE status = 'pending' "
                     "ORDER BY next_attempt, ticket_id, seq, idx LIMIT 1"),
        next_channel_outbox_(db_,
                             "SELECT next_attempt FROM outbox WHERE status = 'pending' AND "
                             "channel = ? ORDER BY next_attempt, ticket_id, seq, idx LIMIT 1"),
        outbox_counts_(db_, "SELECT status, count(*) FROM outbox GROUP BY status") {
    db_.exec("PRAGMA query_only = 1");
  }

  std::optional<Ticket> get(TicketId id) {
    Use s(by_id_);
    s->bind(1, id);
    if (!s->executeStep()) return std::nullopt;
    return read_ticket(*s, file_);
  }

  std::optional<Ticket> find(std::string_view code) {
    Use s(by_code_);
    s->bind(1, std::string(code));
    if (!s->executeStep()) return std::nullopt;
    return read_ticket(*s, file_);
  }

  std::vector<Ticket> query(const TicketQuery& q) {
    Use s(query_statement(q));
    if (q.workflow) s->bindNoCopy(":workflow", *q.workflow);
    if (q.state) s->bindNoCopy(":state", *q.state);
    if (q.assignee) s->bindNoCopy(":assignee", *q.assignee);
    if (q.severity) s->bindNoCopy(":severity", *q.severity);
    std::string location_end;
    if (q.location) {
      // Stored text is valid UTF-8, which never contains the byte 0xFF: every string starting
      // with the prefix sorts below prefix + "\xFF", and no other string does.
      location_end = *q.location + '\xFF';
      s->bindNoCopy(":location", *q.location);
      s->bindNoCopy(":location_end", location_end);
    }
    if (q.created_from) s->bind(":created_from", seconds(*q.created_from));
    if (q.created_to) s->bind(":created_to", seconds(*q.created_to));
    if (q.after) s->bind(":after", *q.after);
    s->bind(":limit", clamp_to_int64(q.limit));
    s->bind(":offset", clamp_to_int64(q.offset));
    std::vector<Ticket> found;
    while (s->executeStep()) found.push_back(read_ticket(*s, file_));
    return found;
  }

  std::vector<JournalEntry> history(TicketId id) {
    Use s(journal_);
    s->bind(1, id);
    std::vector<JournalEntry> entries;
    while (s->executeStep()) entries.push_back(read_entry(*s, file_));
    return entries;
  }

  std::optional<TicketHistory> get_with_history(TicketId id) {
    run(begin_);  // one read transaction: one snapshot for both statements
    try {
      std::optional<TicketHistory> result;
      if (auto ticket = get(id)) result = TicketHistory{std::move(*ticket), history(id)};
      run(commit_);
      return result;
    } catch (...) {
      db_.tryExec("ROLLBACK");
      throw;
    }
  }

  std::vector<StateCount> count_by_state() {
    Use s(counts_);
    std::vector<StateCount> counts;
    while (s->executeStep())
      counts.push_back(
          {s->getColumn(0).getString(), s->getColumn(1).getString(), s->getColumn(2).getInt64()});
    return counts;
  }

  std::vector<TicketId> ticket_ids(TicketId after, std::size_t limit) {
    Use s(ids_);
    s->bind(1, after);
    s->bind(2, clamp_to_int64(limit));
    std::vector<TicketId> ids;
    while (s->executeStep()) ids.push_back(s->getColumn(0).getInt64());
    return ids;
  }

  std::vector<StoredWorkflow> workflows() {
    Use s(workflows_);
    std::vector<StoredWorkflow> all;
    while (s->executeStep()) all.push_back(read_workflow(*s));
    return all;
  }

  std::vector<Timer> due_timers(TimePoint until, std::size_t limit) {
    Use s(due_timers_);
    s->bind(1, seconds(until));
    s->bind(2, clamp_to_int64(limit));
    std::vector<Timer> due;
    while (s->executeStep()) due.push_back(read_timer(*s));
    return due;
  }

  std::optional<Timer> next_timer() {
    Use s(next_timer_);
    if (!s->executeStep()) return std::nullopt;
    return read_timer(*s);
  }

  std::vector<Timer> timers(TicketId id) {
    Use s(ticket_timers_);
    s->bind(1, id);
    std::vector<Timer> found;
    while (s->executeStep()) found.push_back(read_timer(*s));
    return found;
  }

  std::vector<OutboxMessage> due_outbox(TimePoint until, std::size_t limit,
                                        std::string_view channel) {
    const std::string name(channel);
    Use s(channel.empty() ? due_outbox_ : due_channel_outbox_);
    int i = 1;
    if (!channel.empty()) s->bindNoCopy(i++, name);
    s->bind(i++, seconds(until));
    s->bind(i, clamp_to_int64(limit));
    std::vector<OutboxMessage> due;
    while (s->executeStep()) due.push_back(read_outbox(*s, file_));
    return due;
  }

  std::optional<TimePoint> next_outbox_attempt(std::string_view channel) {
    const std::string name(channel);
    Use s(channel.empty() ? next_outbox_ : next_channel_outbox_);
    if (!channel.empty()) s->bindNoCopy(1, name);
    if (!s->executeStep()) return std::nullopt;
    return time_point(s->getColumn(0).getInt64());
  }

  std::vector<OutboxMessage> outbox(const OutboxQuery& q) {
    Use s(outbox_statement(q));
    if (q.channel) s->bindNoCopy(":channel", *q.channel);
    if (q.ticket) s->bind(":ticket", *q.ticket);
    s->bind(":limit", clamp_to_int64(q.limit));
    s->bind(":offset", clamp_to_int64(q.offset));
    std::vector<OutboxMessage> found;
    while (s->executeStep()) found.push_back(read_outbox(*s, file_));
    return found;
  }

  OutboxCounts outbox_counts() {
    Use s(outbox_counts_);
    OutboxCounts counts;
    while (s->executeStep()) {
      counts.add(parse_outbox_status(s->getColumn(0).getString()).value_or(OutboxStatus::kDead),
                 s->getColumn(1).getInt64());
    }
    return counts;
  }

 private:
  // One kept statement per combination of filters, prepared on first use: a fixed statement with
  // "(? IS NULL OR column = ?)" terms would keep SQLite from using the indexes.
  SQLite::Statement& query_statement(const TicketQuery& q) {
    const unsigned key = (q.workflow ? 1u : 0u) | (q.state ? 2u : 0u) | (q.assignee ? 4u : 0u) |
                         (q.severity ? 8u : 0u) | (q.location ? 16u : 0u) |
                         (q.created_from ? 32u : 0u) | (q.created_to ? 64u : 0u) |
                         (q.after ? 128u : 0u);
    auto it = queries_.find(key);
    if (it != queries_.end()) return it->second;
    std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE 1";
    if (q.workflow) sql += " AND workflow = :workflow";
    if (q.state) sql += " AND state = :state";
    if (q.assignee) sql += " AND assignee = :assignee";
    if (q.severity) sql += " AND severity = :severity";
    if (q.location) sql += " AND location >= :location AND location < :location_end";
    if (q.created_from) sql += " AND created_at >= :created_from";
    if (q.created_to) sql += " AND created_at < :created_to";
    if (q.after) sql += " AND id > :after";
    sql += " ORDER BY id LIMIT :limit OFFSET :offset";
    return queries_.emplace(key, SQLite::Statement(db_, sql)).first->second;
  }

  // One kept statement per combination of outbox filters, like query_statement(). The status is
  // a literal (one of three), so that SQLite can use the partial indexes of pending and dead rows.
  SQLite::Statement& outbox_statement(const OutboxQuery& q) {
    const unsigned key = (q.status ? 1u + static_cast<unsigned>(*q.status) : 0u) |
                         (q.channel ? 8u : 0u) | (q.ticket ? 16u : 0u);
    auto it = outbox_queries_.find(key);
    if (it != outbox_queries_.end()) return it->second;
    std::string sql = std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE 1";
    if (q.status) sql += " AND status = '" + std::string(to_string(*q.status)) + "'";
    if (q.channel) sql += " AND channel = :channel";
    if (q.ticket) sql += " AND ticket_id = :ticket";
    sql += " ORDER BY ticket_id, seq, idx LIMIT :limit OFFSET :offset";
    return outbox_queries_.emplace(key, SQLite::Statement(db_, sql)).first->second;
  }

  const std::string& file_;
  SQLite::Database db_;  // declared before the statements: they are finalized first
  SQLite::Statement begin_, commit_, by_id_, by_code_, journal_, counts_, ids_, workflows_;
  SQLite::Statement due_timers_, next_timer_, ticket_timers_;
  SQLite::Statement due_outbox_, due_channel_outbox_, next_outbox_, next_channel_outbox_,
      outbox_counts_;
  std::map<unsigned, SQLite::Statement> queries_;
  std::map<unsigned, SQLite::Statement> outbox_queries_;
};

}  // namespace

class SqliteStore::Impl {
 public:
  Impl(const std::filesystem::path& path, const SqliteStoreOptions& options)
      : path_(path), file_(path.string()), options_(options) {
    try {
      writer_.emplace(file_, options_);
      idle_readers_.push_back(std::make_unique<Reader>(file_, options_));
    } catch (const SQLite::Exception& e) {
      throw_sqlite_failure(file_, "cannot prepare the database", e);
    }
  }

  std::vector<CommitOutcome> commit(std::span<NewTicket> creates, std::span<Update> updates) {
    if (creates.empty() && updates.empty()) return {};
    const PreparedBatch prepared = prepare_batch(creates, updates);
    Call call;
    call.creates = creates;
    call.updates = updates;
    call.prepared = &prepared;
    write_through_leader(call);
    if (!call.error.empty()) throw StoreError(call.error);
    return finish_batch(creates, updates, std::move(call.results));
  }

  // Through the group commit queue like commit(): it shares transactions (and fsyncs) with them.
  CommitOutcome reschedule(TicketId id, std::int64_t expected_version,
                           const TimerChanges& changes) {
    const RescheduleItem item{id, expected_version, &changes};
    Call call;
    call.reschedule = &item;
    write_through_leader(call);
    if (!call.error.empty()) throw StoreError(call.error);
    return std::move(call.results.front().outcome);
  }

  // Through the group commit queue like commit(): one read-edit-write in the batch's transaction.
  std::optional<OutboxMessage> edit_outbox(std::string_view key,
                                           const std::function<bool(OutboxMessage&)>& edit) {
    const OutboxEditItem item{std::string(key), &edit};
    Call call;
    call.outbox_edit = &item;
    write_through_leader(call);
    if (!call.error.empty()) throw StoreError(call.error);
    return std::move(call.edited);
  }

  // Runs `body` on a read connection of its own: an idle one, or a new one when every one is in
  // use, so that threads reading at once (the engine reads a ticket before and after every event)
  // do not take turns on one connection.
  template <class Read>
  auto read(std::string_view doing, Read&& body) {
    try {
      ReaderLease lease(*this);
      return body(*lease.reader);
    } catch (const SQLite::Exception& e) {
      throw_sqlite_failure(file_, doing, e);
    }
  }

  SqliteStoreStats stats() {
    std::lock_guard lock(queue_mutex_);
    return stats_;
  }

  // Rare (a maintenance job): a connection of its own and one DELETE in a transaction that takes
  // the file's write lock. The statuses are literals, never 'pending'.
  std::int64_t delete_outbox(TimePoint before, bool delivered, bool dead) {
    if (!delivered && !dead) return 0;
    const std::string statuses = delivered && dead ? "('delivered', 'dead')"
                                 : delivered       ? "('delivered')"
                                                   : "('dead')";
    try {
      SQLite::Database db = open_connection(file_, SQLite::OPEN_READWRITE, options_);
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement purge(
          db, "DELETE FROM outbox WHERE status IN " + statuses + " AND next_attempt < ?");
      purge.bind(1, seconds(before));
      const int deleted = purge.exec();
      transaction.commit();
      return deleted;
    } catch (const SQLite::Exception& e) {
      throw_sqlite_failure(file_, "cannot purge the outbox", e);
    }
  }

  // Rare (once per new workflow version): a connection of its own and a short transaction, which
  // takes the file's write lock and so serializes with every other writer, in any process.
  WorkflowSaveOutcome save_workflow(const StoredWorkflow& w) {
    try {
      SQLite::Database db = open_connection(file_, SQLite::OPEN_READWRITE, options_);
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      std::optional<std::string> stored_hash;
      {
        SQLite::Statement find(db,
                               "SELECT source_hash FROM workflows WHERE name = ? AND version = ?");
        find.bindNoCopy(1, w.name);
        find.bind(2, w.version);
        if (find.executeStep()) stored_hash = find.getColumn(0).getString();
      }
      WorkflowSaveOutcome outcome = workflow_save_outcome(w, stored_hash);
      if (outcome.status == WorkflowSaveOutcome::Status::kSaved) {
        SQLite::Statement insert(db, std::string("INSERT INTO workflows (") + kWorkflowColumns +
                                         ") VALUES (?, ?, ?, ?, ?, ?)");
        insert.bindNoCopy(1, w.name);
        insert.bind(2, w.version);
        insert.bindNoCopy(3, w.source_name);
        insert.bindNoCopy(4, w.source_text);
        insert.bindNoCopy(5, w.source_hash);
        insert.bind(6, seconds(w.saved_at));
        insert.exec();
        transaction.commit();
      }
      return outcome;
    } catch (const SQLite::Exception& e) {
      throw_sqlite_failure(
          file_, "cannot save workflow '" + w.name + "' version " + std::to_string(w.version), e);
    }
  }

  const std::filesystem::path path_;
  const std::string file_;

 private:
  // Group commit (see the header): queue the call; whoever finds no leader becomes it and writes
  // queued calls until its own is done.
  void write_through_leader(Call& call) {
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&call);
    // The gathering leader waits for a number of calls: wake it once, when that many are queued.
    if (gathering_ && queue_.size() >= gather_expected_) leader_wakeup_.notify_one();
    // Each waiting caller has its own condition variable, so that a finished batch wakes exactly
    // its callers (and a handover exactly the next leader), not every queued caller.
    wakeup_.wait(lock, [&] { return call.done || !leader_active_; });
    if (call.done) return;
    leader_active_ = true;
    while (!call.done) {
      std::vector<Call*> batch = take_batch(call);
      std::chrono::steady_clock::duration took{};
      auto timed = [&](auto&& step) {
        lock.unlock();
        const auto start = std::chrono::steady_clock::now();
        step();
        took += std::chrono::steady_clock::now() - start;
        lock.lock();
      };
      timed([&] {
        writer_->open();
        writer_->add(batch);
      });
      // While the transaction is open, the calls likely to come soon are written as they arrive.
      for (const auto deadline = std::chrono::steady_clock::now() + commit_delay();
           gather(lock, batch.size(), deadline);) {
        std::vector<Call*> more = take_more(batch.size());
        if (more.empty()) break;
        timed([&] { writer_->add(more); });
        batch.insert(batch.end(), more.begin(), more.end());
      }
      timed([&] { writer_->close(); });
      // A running average over about the last 8 transactions.
      write_time_ += (std::chrono::duration_cast<std::chrono::microseconds>(took) - write_time_) / 8;
      for (Call* c : batch) c->done = true;
      ++stats_.transactions;
      stats_.calls += static_cast<std::int64_t>(batch.size());
      stats_.largest_batch =
          std::max(stats_.largest_batch, static_cast<std::int64_t>(batch.size()));
      if (call.done) leader_active_ = false;  // hand over: a queued caller takes the lead
      lock.unlock();
      wakeup_.notify_all();
      lock.lock();
    }
  }

  // The commit delay. N threads that each commit again as soon as their last commit returned
  // settle, without it, into two cohorts that take turns: while one cohort's transaction is
  // written, the other queues, so every batch holds about N/2 calls. The threads whose calls were
  // in the last two batches are the ones likely to call again soon; while some of them are not in
  // the transaction yet, the leader keeps it open and writes their calls as they come, for at most
  // half the time a transaction takes lately (and max_commit_delay): a transaction's worth of
  // latency at worst, one transaction for all of them at best. A single caller never waits.
  std::chrono::microseconds commit_delay() const {
    if (!options_.group_commit) return std::chrono::microseconds{0};
    return std::min<std::chrono::microseconds>(
        write_time_ / 2,
        std::chrono::duration_cast<std::chrono::microseconds>(options_.max_commit_delay));
  }

  // The most calls one transaction takes (SqliteStoreOptions::max_batch_calls, at least 1).
  std::size_t batch_limit() const { return std::max<std::size_t>(1, options_.max_batch_calls); }

  // Called by the leader with queue_mutex_ held, its transaction open with `taken` calls in it:
  // waits (until `deadline`) for the expected callers not queued yet, and returns whether there
  // are queued calls to add to the transaction.
  bool gather(std::unique_lock<std::mutex>& lock, std::size_t taken,
              std::chrono::steady_clock::time_point deadline) {
    if (!options_.group_commit) return false;
    const std::size_t most = batch_limit();
    if (taken >= most) return false;
    std::size_t expected = 0;
    for (const auto& [id, batch] : callers_)
      if (batch + 2 >= batches_) ++expected;
    expected = std::min(expected, most);
    if (taken + queue_.size() < expected) {
      gathering_ = true;
      gather_expected_ = expected - taken;
      leader_wakeup_.wait_until(lock, deadline, [&] { return taken + queue_.size() >= expected; });
      gathering_ = false;
    }
    return !queue_.empty();
  }

  // Called with queue_mutex_ held. Without group commit, the leader writes only its own call.
  std::vector<Call*> take_batch(Call& own) {
    if (!options_.group_commit) {
      std::erase(queue_, &own);
      return {&own};
    }
    ++batches_;
    std::erase_if(callers_, [&](const auto& entry) { return entry.second + 2 < batches_; });
    return take_more(0);
  }

  // Called with queue_mutex_ held: queued calls to add to the batch, which holds `taken` calls.
  std::vector<Call*> take_more(std::size_t taken) {
    std::vector<Call*> batch;
    while (!queue_.empty() && taken + batch.size() < batch_limit()) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    // Who called, for gather(): each caller's latest batch; callers gone for a while are dropped
    // (by take_batch()).
    for (const Call* c : batch) {
      const auto it = std::find_if(callers_.begin(), callers_.end(),
                                   [&](const auto& entry) { return entry.first == c->caller; });
      if (it != callers_.end())
        it->second = batches_;
      else
        callers_.emplace_back(c->caller, batches_);
    }
    return batch;
  }

  const SqliteStoreOptions options_;
  std::optional<Writer> writer_;  // used only by the leader

  std::mutex queue_mutex_;
  std::condition_variable leader_wakeup_;  // a call was queued while the leader gathers
  // Signalled (to all) when a batch is done: its callers return, a queued caller may take the lead.
  std::condition_variable wakeup_;
  std::deque<Call*> queue_;
  bool leader_active_ = false;
  bool gathering_ = false;
  std::size_t gather_expected_ = 0;  // while gathering: how many queued calls end the wait
  std::int64_t batches_ = 0;                                  // batches taken so far
  std::vector<std::pair<std::thread::id, std::int64_t>> callers_;  // caller -> its latest batch
  std::chrono::microseconds write_time_{0};  // the average time a transaction took lately
  SqliteStoreStats stats_;

  // Read connections not in use; at most kIdleReaders are kept.
  static constexpr std::size_t kIdleReaders = 16;
  struct ReaderLease {
    explicit ReaderLease(Impl& owner) : impl(owner) {
      {
        std::lock_guard lock(impl.readers_mutex_);
        if (!impl.idle_readers_.empty()) {
          reader = std::move(impl.idle_readers_.back());
          impl.idle_readers_.pop_back();
        }
      }
      if (!reader) reader = std::make_unique<Reader>(impl.file_, impl.options_);
    }
    ~ReaderLease() {
      std::lock_guard lock(impl.readers_mutex_);
      if (impl.idle_readers_.size() < kIdleReaders) impl.idle_readers_.push_back(std::move(reader));
    }
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    Impl& impl;
    std::unique_ptr<Reader> reader;
  };
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Reader>> idle_readers_;
};

SqliteStore::SqliteStore(const std::filesystem::path& file, SqliteStoreOptions options)
    : impl_(std::make_unique<Impl>(file, options)) {}

SqliteStore::~SqliteStore() = default;

std::vector<CommitOutcome> SqliteStore::commit(std::span<NewTicket> creates,
                                               std::span<Update> updates) {
  return impl_->commit(creates, updates);
}

std::optional<Ticket> SqliteStore::get(TicketId id) const {
  return impl_->read("cannot read a ticket", [&](Reader& r) { return r.get(id); });
}

std::optional<Ticket> SqliteStore::find(std::string_view code) const {
  return impl_->read("cannot read a ticket", [&](Reader& r) { return r.find(code); });
}

std::vector<Ticket> SqliteStore::query(const TicketQuery& query) const {
  return impl_->read("cannot query tickets", [&](Reader& r) { return r.query(query); });
}

std::vector<JournalEntry> SqliteStore::history(TicketId id) const {
  return impl_->read("cannot read a journal", [&](Reader& r) { return r.history(id); });
}

std::optional<TicketHistory> SqliteStore::get_with_history(TicketId id) const {
  return impl_->read("cannot read a ticket", [&](Reader& r) { return r.get_with_history(id); });
}

std::vector<StateCount> SqliteStore::count_by_state() const {
  return impl_->read("cannot count tickets", [&](Reader& r) { return r.count_by_state(); });
}

std::vector<TicketId> SqliteStore::ticket_ids(TicketId after, std::size_t limit) const {
  return impl_->read("cannot list tickets", [&](Reader& r) { return r.ticket_ids(after, limit); });
}

WorkflowSaveOutcome SqliteStore::save_workflow(const StoredWorkflow& workflow) {
  if (std::string problem = check_workflow(workflow); !problem.empty())
    return {WorkflowSaveOutcome::Status::kRejected, std::move(problem)};
  return impl_->save_workflow(workflow);
}

std::vector<StoredWorkflow> SqliteStore::workflows() const {
  return impl_->read("cannot read the stored workflows", [](Reader& r) { return r.workflows(); });
}

const std::filesystem::path& SqliteStore::file() const { return impl_->path_; }

SqliteStoreStats SqliteStore::stats() const { return impl_->stats(); }

std::vector<Timer> SqliteStore::due_timers(TimePoint until, std::size_t limit) const {
  return impl_->read("cannot read the timers",
                     [&](Reader& r) { return r.due_timers(until, limit); });
}

std::optional<Timer> SqliteStore::next_timer() const {
  return impl_->read("cannot read the timers", [](Reader& r) { return r.next_timer(); });
}

std::vector<Timer> SqliteStore::timers(TicketId id) const {
  return impl_->read("cannot read the timers", [&](Reader& r) { return r.timers(id); });
}

std::vector<OutboxMessage> SqliteStore::due_outbox(TimePoint until, std::size_t limit,
                                                   std::string_view channel) const {
  return impl_->read("cannot read the outbox",
                     [&](Reader& r) { return r.due_outbox(until, limit, channel); });
}

std::optional<TimePoint> SqliteStore::next_outbox_attempt(std::string_view channel) const {
  return impl_->read("cannot read the outbox",
                     [&](Reader& r) { return r.next_outbox_attempt(channel); });
}

std::vector<OutboxMessage> SqliteStore::outbox(const OutboxQuery& query) const {
  return impl_->read("cannot read the outbox", [&](Reader& r) { return r.outbox(query); });
}

OutboxCounts SqliteStore::outbox_counts() const {
  return impl_->read("cannot read the outbox", [](Reader& r) { return r.outbox_counts(); });
}

std::optional<OutboxMessage> SqliteStore::edit_outbox(std::string_view key, const OutboxEdit& edit) {
  return impl_->edit_outbox(key, edit);
}

std::int64_t SqliteStore::delete_outbox(TimePoint before, bool delivered, bool dead) {
  return impl_->delete_outbox(before, delivered, dead);
}

CommitOutcome SqliteStore::reschedule(TicketId id, std::int64_t expected_version,
                                      const TimerChanges& changes) {
  if (std::string problem = check_timers(changes); !problem.empty())
    return rejection(id, std::move(problem)).outcome;
  return impl_->reschedule(id, expected_version, changes);
}

}  // namespace propdesk
