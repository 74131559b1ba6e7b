// propdesk/sqlite_store.hpp: the embedded default Store, one SQLite file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "propdesk/export.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// How a SqliteStore runs.
struct SqliteStoreOptions {
  /// Batch concurrent commit() calls into shared transactions (see SqliteStore). Off: every call
  /// is its own transaction, calls taking turns; kept for benchmarking the difference.
  bool group_commit = true;
  /// At most this many commit() calls share one transaction.
  std::size_t max_batch_calls = 256;
  /// The longest a group commit leader keeps its transaction open for callers that are likely to
  /// come (the threads of the last two batches that are not queued yet) before it commits; it
  /// waits at most half the time its transactions have taken lately. 0: never wait.
  std::chrono::microseconds max_commit_delay{2000};
  /// How long to wait for another connection or process that holds the write lock (or, at open,
  /// that is creating or migrating the file) before commit() throws StoreError.
  std::chrono::milliseconds busy_timeout{10000};
  /// Run SQLite's `PRAGMA quick_check` when opening an existing file, so that a damaged file is
  /// refused at once rather than at the first read of a damaged page. It reads the whole file:
  /// turn it off for very large databases that are opened often.
  bool check_integrity_on_open = true;
};

/// Commit statistics, for tests and benchmarks of group commit.
struct SqliteStoreStats {
  std::int64_t transactions = 0;   ///< transactions committed (or attempted)
  std::int64_t calls = 0;          ///< commit() calls they carried
  std::int64_t largest_batch = 0;  ///< most commit() calls carried by one transaction
};

/// A Store in one SQLite database file, following the whole Store contract
/// (propdesk/store.hpp). Several SqliteStore objects, in one process or in several, may use the
/// same file at once; none loses another's update.
///
/// The file. Opened or created by the constructor. A new or empty file gets the propdesk schema;
/// an existing file must carry propdesk's marker (PRAGMA application_id 0x50444B31 "PDK1" and an
/// "application" row in the `meta` table), pass an integrity check and have a schema_version this
/// library knows (older ones are migrated in place, one migration step per version). Anything
/// else - a text file, another application's SQLite database, a damaged file, a newer schema -
/// is refused with StoreError naming the file and the reason, and the file is not modified.
/// The database runs in WAL mode with synchronous=FULL: a commit that returned is on disk and
/// survives a crash of the process or of the machine; readers never wait for writers.
///
/// Group commit. Each commit() call first checks and encodes its items in the calling thread, then
/// queues itself. If no call is being written, the caller becomes the leader: it takes every
/// queued call (up to max_batch_calls) and writes them all in one transaction (BEGIN IMMEDIATE ...
/// COMMIT). After the COMMIT (one fsync for the whole batch) every caller of the batch is
/// released with its own outcomes; the leader goes on with the calls that queued meanwhile until
/// its own call is done, then hands over. So each call returns only once its batch is durable,
/// and under load many calls share one fsync. Before it commits, the leader may keep its
/// transaction open a little (the commit delay, see SqliteStoreOptions::max_commit_delay) for the
/// threads of the last two batches that have not queued again yet, writing their calls as they
/// arrive: threads that commit again as soon as they return would otherwise settle into two
/// cohorts taking turns, each batch holding half of them. If the transaction itself fails (I/O
/// error, disk full, lock timeout), it is rolled back and every call in that batch throws
/// StoreError.
///
/// The writer remembers, for the tickets it wrote last, the version, code and last entry's hash an
/// update checks and chains to, and uses them instead of reading the ticket inside the
/// transaction while `PRAGMA data_version` shows that no other connection (another SqliteStore,
/// another process) has committed since; otherwise, and after any rollback, it reads them again.
/// The `WHERE version = ?` of every update stays the final check.
///
/// Each item is all-or-nothing inside the batch. An item checks everything that can make it a
/// conflict or a refusal (the ticket's version, the journal entry it chains to) before it writes
/// anything, so such an item has changed nothing. Only when the database itself refuses a
/// statement of an item that has already written something (a constraint broken by a tampered
/// file, say) is the transaction rolled back and the batch written again, each item inside its
/// own SAVEPOINT, so that the refused item is rolled back alone and the others commit.
///
/// Concurrency control. Updates carry the version they expect: `UPDATE ... WHERE id = ? AND
/// version = ?`, and no changed row means a conflict. Since every write transaction takes the
/// database's write lock first (BEGIN IMMEDIATE), checks and writes of different connections and
/// processes are serialized; code counters live in a table updated in the same transaction.
///
/// Workflow sources (save_workflow) are written in a short transaction of their own (BEGIN
/// IMMEDIATE, on a connection opened for the call: saves are rare), so they are serialized with
/// every other writer of the file. Schema version 2 added their table; version 1 files are
/// migrated when opened.
///
/// Timers and clocks (schema version 3; version 1 and 2 files are migrated when opened, their
/// tickets getting no clocks and no timers). Timers live in a `timers` table, one row per (ticket,
/// key) with the due time in seconds, indexed by (due, ticket, key): next_timer() and
/// due_timers() read that index in order, O(log n) to the first row. An item's timer changes are
/// written with the item, so a refused or conflicting item leaves no timers.
/// reschedule() goes through the group commit queue like commit() (an item of its own, sharing the
/// batch's transaction and fsync). A ticket's clock states are a JSON text column of the ticket
/// row; a value that does not decode makes the read throw StoreError naming the file and ticket.
///
/// The outbox (schema version 4; older files are migrated when opened, with an empty outbox). An
/// `outbox` table, one row per message keyed by (ticket, seq, index), holding the rendered
/// notification and its delivery state; a trigger keeps the content immutable. An item's messages
/// are written inside its SAVEPOINT with its ticket, entry and timers. due_outbox() and
/// next_outbox_attempt() read partial indexes of the pending rows only. claim, acknowledge and
/// fail go through the group commit queue like reschedule(): each is one read and one update in
/// the batch's transaction, so two deliverers (threads or processes) never both claim a message.
/// purge_outbox() is one DELETE in a transaction of its own connection (a maintenance job, outside
/// the group commit queue); it scans the table, since delivered rows have no index.
///
/// Reads (get, find, query, history, ...) use read connections of their own, so they do not
/// wait for commits; threads that read at once each use a connection of their own (opened when
/// needed, up to 16 kept idle). get_with_history() reads ticket and journal in one read
/// transaction.
///
/// Limits: the encoded fields of a ticket and the input of an entry are each at most
/// kMaxEncodedFieldsBytes (1 MiB); names at most kMaxNameBytes. Values are always bound as
/// parameters and stored verbatim (text that looks like SQL is just text).
///
/// Thread safety: all members may be called concurrently from any threads.
/// Errors: StoreError for any failure of the file or of SQLite, with the file's path in the
/// message; domain outcomes as CommitOutcome values.
class PROPDESK_API SqliteStore final : public Store {
 public:
  /// The schema version this library writes; files with a larger one are refused.
  static constexpr int kSchemaVersion = 4;
  /// PRAGMA application_id of a propdesk database: "PDK1".
  static constexpr std::int32_t kApplicationId = 0x50444B31;

  /// Opens `file`, creating it if it does not exist. Throws StoreError (see above).
  explicit SqliteStore(const std::filesystem::path& file, SqliteStoreOptions options = {});
  ~SqliteStore() override;

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

  /// The database file.
  [[nodiscard]] const std::filesystem::path& file() const;
  /// Commit statistics since this object was opened.
  [[nodiscard]] SqliteStoreStats stats() const;

 protected:
  std::optional<OutboxMessage> edit_outbox(std::string_view key, const OutboxEdit& edit) override;
  std::int64_t delete_outbox(TimePoint before, bool delivered, bool dead) override;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace propdesk
