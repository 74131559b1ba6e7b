// propdesk/store.hpp: where tickets and their journals live.
//
// A Store keeps tickets and their hash-chained journals (propdesk/journal.hpp). Every change comes
// in as one item - a NewTicket or an Update - carrying the new ticket and the journal entry that
// describes the change; the store writes both together or neither. Two implementations follow the
// same contract and pass the same test suite: MemoryStore (tests, simulations) and SqliteStore
// (the embedded default).
//
// Contract, for every implementation:
// - Thread safety: every member function may be called concurrently from any number of threads.
// - Atomicity: each item is all-or-nothing (ticket and journal entry, and the code counter for a
//   creation); a batch never leaves one item half-applied, and one failing item does not fail the
//   others.
// - Durability: when commit() reports an item ok, the change survives a crash of the process (for
//   a persistent store) and every later read sees it.
// - Optimistic concurrency: an Update names the version it was computed from; if the stored
//   ticket has moved on, the update is a conflict and nothing is written. Two processes on one
//   database never lose an update.
// - Workflow sources: the store also keeps the YAML text of every workflow version it was given
//   (save_workflow), so that tickets on an old version keep working after its file is replaced.
//   A (name, version) is written once and never changes.
// - Errors: domain outcomes are values (CommitOutcome, WorkflowSaveOutcome); failures of the store
// itself (I/O,
//   corruption) throw StoreError (propdesk/store_error.hpp). After a StoreError from commit(), none
//   of that call's items was committed.
//
// - Timers (propdesk/timer.hpp): each item may carry TimerChanges, applied in the same
//   transaction as its ticket and journal entry (all or nothing: the timers of an item that is a
//   conflict or is refused are not applied, in a batch as alone). due_timers()/next_timer() find
//   what is due in O(log n) of the number of timers; reschedule() changes a ticket's timers alone,
//   under the same version check, and is as durable as commit(). Timers are ordered by (due,
//   ticket, key), keys compared bytewise.
// - SLA clock states (Ticket::clocks) are kept with the ticket and read back exactly.
//
// - Outbox (propdesk/outbox.hpp): each item may carry notifications to deliver (OutboxMessage),
//   written in the same transaction as its ticket, journal entry and timers, so that "ticket +
//   journal + timers + outbox" is one atomic item: the messages of an item that is a conflict or
//   is refused are not written. The store completes each message (key "<ticket>:<seq>:<index>",
//   due at the entry's time). due_outbox()/next_outbox_attempt() find what is due by (next_attempt,
//   ticket, seq, index) in O(log n) of the pending messages; claim_outbox(), acknowledge_outbox()
//   and fail_outbox() move one message along its life atomically (one claim wins however many
//   deliverers race for a message, in one process or several) and are as durable as commit().
//   purge_outbox() deletes delivered and dead messages that ended before a time; pending ones are
//   never purged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/journal.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/timer.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// The largest canonical JSON encoding (see Fields) of a ticket's fields, and separately of an
/// entry's input and of a ticket's clock states, that a store accepts: 1 MiB. Larger items are
/// refused (CommitOutcome kRejected).
inline constexpr std::size_t kMaxEncodedFieldsBytes = std::size_t{1} << 20;

/// The longest name a store accepts for a workflow, state, severity, assignee, event, actor id,
/// actor role, timer key or clock name: 4 KiB of UTF-8. Longer or ill-formed names are refused
/// (kRejected), as are empty timer keys and clock names.
inline constexpr std::size_t kMaxNameBytes = 4096;

/// What a store accepts in an outbox message (kRejected otherwise, naming the message by its
/// index): a channel that is a name as above (empty only for a kDead message), status kPending or
/// kDead; the notification's short texts (recipient, template, workflow, state, state label,
/// severity, event) names as above; subject, body, link and the fields' names and texts UTF-8,
/// together at most kMaxEncodedFieldsBytes.
inline constexpr std::size_t kMaxOutboxMessageBytes = kMaxEncodedFieldsBytes;

/// A filter over tickets. Every member that is set must match; unset members match everything.
struct TicketQuery {
  std::optional<std::string> workflow;  ///< exact
  std::optional<std::string> state;     ///< exact
  std::optional<std::string> assignee;  ///< exact ("" finds unassigned tickets)
  std::optional<std::string> severity;  ///< exact
  /// A prefix of the ticket's string field "location", compared bytewise: "3-2" finds "3-2-1502"
  /// and also "3-20-101"; write "3-2-" for building 3, unit 2 only. Tickets whose "location" is
  /// missing or not a string never match.
  std::optional<std::string> location;
  std::optional<TimePoint> created_from;  ///< inclusive: created_at >= created_from
  std::optional<TimePoint> created_to;    ///< exclusive: created_at < created_to
  /// Only tickets with a greater id. Matches come in id order, so passing the last id of a page
  /// gets the next page at the cost of that page alone (stores seek to it), whatever came before;
  /// `offset` pages by skipping matches, which costs every page before it.
  std::optional<TicketId> after;
  std::size_t limit = 1000;               ///< at most this many tickets
  std::size_t offset = 0;                 ///< skip this many matches first (paging)
};

/// Whether `ticket` passes the filter members of `query` (limit and offset aside). The one
/// definition of the query semantics; MemoryStore uses it directly.
PROPDESK_API bool matches(const TicketQuery& query, const Ticket& ticket);

/// A ticket to create. The caller fills `ticket` (workflow, state, severity, assignee, fields,
/// created_at, updated_at) and `entry` (at, actor, event "create", from_state "", to_state =
/// ticket.state, input). The store assigns ticket.id and ticket.code, sets ticket.version = 1 and
/// seals the entry as seq 1 of the new ticket.
///
/// The code is "<code_prefix>-<YYYYMMDD>-<NNNN>": YYYYMMDD is the business day of created_at at
/// UTC+8 (Asia/Shanghai, the desk's zone, which has no daylight saving), NNNN counts the tickets of
/// that prefix and day from 0001 (more digits after 9999). Counters are persistent and atomic with
/// the creation: codes are unique and gap-free per committed creation within one store.
/// code_prefix must be 1-16 characters of A-Z, a-z, 0-9 and '_'.
struct NewTicket {
  Ticket ticket;
  std::string code_prefix;
  JournalEntry entry;
  TimerChanges timers;  ///< the new ticket's timers (cancel members have nothing to cancel)
  /// Notifications to queue with the creation (see OutboxMessage: the store completes them). Their
  /// text was rendered before the ticket had an id and a code.
  std::vector<OutboxMessage> outbox;
};

/// A change to an existing ticket: `ticket` is the complete new ticket (computed from the stored
/// one at `expected_version`), `entry` the journal entry describing the change (at, actor, event,
/// from_state, to_state = ticket.state, input). The update succeeds only if the stored ticket is
/// still at expected_version; the store then sets ticket.version = expected_version + 1, seals the
/// entry as that seq with the previous entry's hash, and writes both.
///
/// ticket.id selects the ticket. Its code and created_at were fixed at creation: the values given
/// here are ignored, and on success are replaced by the stored ones.
struct Update {
  Ticket ticket;
  std::int64_t expected_version = 0;
  JournalEntry entry;
  TimerChanges timers;  ///< timer changes committed with the update (only if it succeeds)
  /// Notifications to queue with the change (only if it succeeds); see OutboxMessage.
  std::vector<OutboxMessage> outbox;
};

/// The result of one item of a commit.
struct CommitOutcome {
  enum class Status {
    kOk,        ///< committed and durable
    kConflict,  ///< the ticket is unknown or not at the expected version; nothing written
    kRejected,  ///< the item itself is unacceptable (see message); nothing written
  };
  Status status = Status::kOk;
  TicketId id = 0;           ///< the ticket (assigned, for a creation)
  std::string code;          ///< the ticket's code (assigned, for a creation)
  std::int64_t version = 0;  ///< the ticket's version after the commit (= the entry's seq)
  std::string hash;          ///< the sealed entry's hash
  std::string message;       ///< why, when not ok; one line, e.g. "ticket 7 is at version 4, not 3"

  [[nodiscard]] bool ok() const { return status == Status::kOk; }
};

/// "ok", "conflict" or "rejected".
PROPDESK_API std::string_view to_string(CommitOutcome::Status status);

/// How many tickets of a workflow are in a state.
struct StateCount {
  std::string workflow;
  std::string state;
  std::int64_t count = 0;

  friend bool operator==(const StateCount&, const StateCount&) = default;
};

/// A ticket and its journal, read at one instant (the journal has exactly ticket.version entries
/// unless the store was tampered with).
struct TicketHistory {
  Ticket ticket;
  std::vector<JournalEntry> entries;
};

/// The largest workflow source text a store accepts: 8 MiB (LoadLimits' default file size).
inline constexpr std::size_t kMaxWorkflowSourceBytes = std::size_t{8} << 20;

/// One version of a workflow as the store keeps it: its exact YAML text, so that the version can
/// be compiled again by a later process even when its file has been replaced or edited.
struct StoredWorkflow {
  std::string name;         ///< the workflow's `name`
  int version = 1;          ///< its `version` (>= 1)
  std::string source_name;  ///< the file it was loaded from (for messages), e.g. "repair.yaml"
  std::string source_text;  ///< the exact YAML text
  std::string source_hash;  ///< hex SHA-256 of source_text (64 lowercase digits)
  TimePoint saved_at;       ///< when this version was first saved

  friend bool operator==(const StoredWorkflow&, const StoredWorkflow&) = default;
};

/// The result of Store::save_workflow().
struct WorkflowSaveOutcome {
  enum class Status {
    kSaved,             ///< the version was new and is now stored (durably)
    kAlreadyStored,     ///< the same (name, version) with the same hash was stored; nothing written
    kDifferentContent,  ///< the (name, version) is stored with another hash; nothing written
    kRejected,          ///< the item itself is unacceptable (see message); nothing written
  };
  Status status = Status::kSaved;
  /// Why, when not ok; one line. For kDifferentContent: "workflow 'repair' version 1 is already
  /// stored with different content; give the changed workflow a new version".
  std::string message;

  /// The version is stored with exactly this content (kSaved or kAlreadyStored).
  [[nodiscard]] bool ok() const {
    return status == Status::kSaved || status == Status::kAlreadyStored;
  }
};

/// What Store::verify_journals() found.
struct JournalVerification {
  std::int64_t tickets = 0;  ///< tickets checked
  std::int64_t entries = 0;  ///< journal entries read
  std::vector<JournalProblem> problems;  ///< the first problem of each broken ticket, by id

  [[nodiscard]] bool intact() const { return problems.empty(); }
};

/// The storage interface. See the contract at the top of this file.
class PROPDESK_API Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store();
  // StoreWrapper passes the protected outbox halves on to the store it wraps.
  friend class StoreWrapper;

  /// Commits every item, each on its own: returns one outcome per item, the creations first, then
  /// the updates, each in the order given. Items are applied in that order, so two updates of one
  /// ticket in one call behave as if made one after the other. Items that end ok are filled in
  /// (ids, codes, versions, sealed entries) exactly as stored; the others are left as given.
  /// Throws StoreError when the store itself fails; then nothing of this call was committed.
  virtual std::vector<CommitOutcome> commit(std::span<NewTicket> creates,
                                            std::span<Update> updates) = 0;

  /// commit() of one creation.
  CommitOutcome create(NewTicket& item);
  /// commit() of one update.
  CommitOutcome update(Update& item);

  /// The ticket with this id, or nullopt.
  [[nodiscard]] virtual std::optional<Ticket> get(TicketId id) const = 0;
  /// The ticket with this code, or nullopt.
  [[nodiscard]] virtual std::optional<Ticket> find(std::string_view code) const = 0;
  /// The tickets that match `query`, ordered by id, after `offset`, at most `limit`.
  [[nodiscard]] virtual std::vector<Ticket> query(const TicketQuery& query) const = 0;
  /// The journal of a ticket in seq order; empty for an unknown ticket.
  [[nodiscard]] virtual std::vector<JournalEntry> history(TicketId id) const = 0;
  /// The ticket and its journal from one consistent snapshot, or nullopt for an unknown ticket.
  [[nodiscard]] virtual std::optional<TicketHistory> get_with_history(TicketId id) const = 0;
  /// Ticket counts per (workflow, state), ordered by workflow then state; for reports.
  [[nodiscard]] virtual std::vector<StateCount> count_by_state() const = 0;
  /// Up to `limit` ticket ids greater than `after`, ascending: page through every ticket with
  /// after = 0, then after = the last id returned, until the page is empty.
  [[nodiscard]] virtual std::vector<TicketId> ticket_ids(TicketId after,
                                                         std::size_t limit) const = 0;

  /// Timers due at or before `until` (inclusive), ordered by (due, ticket, key), at most `limit`
  /// (0: none).
  [[nodiscard]] virtual std::vector<Timer> due_timers(TimePoint until, std::size_t limit) const = 0;
  /// The earliest timer (by due, ticket, key), or nullopt when there is none. O(log n).
  [[nodiscard]] virtual std::optional<Timer> next_timer() const = 0;
  /// The timers of one ticket, ordered by key.
  [[nodiscard]] virtual std::vector<Timer> timers(TicketId id) const = 0;
  /// Changes a ticket's timers without changing the ticket (no journal entry, no new version):
  /// for a timer that woke the engine early, e.g. after a calendar changed. Applied only if the
  /// ticket is still at `expected_version`: kOk, or kConflict (unknown ticket: "no ticket 7";
  /// another version: "ticket 7 is at version 4, not 3"; nothing written); kRejected for an
  /// unacceptable key (empty, longer than kMaxNameBytes, not UTF-8), checked first. The outcome's
  /// id, code and version are the ticket's; its hash is empty (no entry is written). Durable when
  /// kOk is returned, like commit(). Throws StoreError when the store fails (nothing written).
  virtual CommitOutcome reschedule(TicketId id, std::int64_t expected_version,
                                   const TimerChanges& changes) = 0;

  /// Pending outbox messages of `channel` ("": of every channel) whose next_attempt is at or
  /// before `until` (inclusive), ordered by (next_attempt, ticket, seq, index), at most `limit`.
  /// O(log n) of the pending messages to the first.
  [[nodiscard]] virtual std::vector<OutboxMessage> due_outbox(TimePoint until, std::size_t limit,
                                                              std::string_view channel) const = 0;
  /// The earliest next_attempt of a pending message of `channel` ("": of every channel), or
  /// nullopt when none is pending.
  [[nodiscard]] virtual std::optional<TimePoint> next_outbox_attempt(
      std::string_view channel) const = 0;
  /// The messages that pass the filter, ordered by (ticket, seq, index).
  [[nodiscard]] virtual std::vector<OutboxMessage> outbox(const OutboxQuery& query) const = 0;
  /// How many messages are pending, delivered and dead.
  [[nodiscard]] virtual OutboxCounts outbox_counts() const = 0;

  /// Claims the message `key` for an attempt: only if it is pending and due at `now`
  /// (next_attempt <= now). Its attempts go up by one and its next_attempt becomes `lease_until`,
  /// so no other claim takes it until then (a deliverer that dies while sending leaves it to be
  /// claimed again after the lease). Returns the message as claimed, or nullopt (unknown key, not
  /// pending, not due: typically another deliverer claimed it first). Durable like commit();
  /// throws StoreError when the store fails.
  std::optional<OutboxMessage> claim_outbox(std::string_view key, TimePoint now,
                                            TimePoint lease_until);
  /// Records that the message `key` was delivered at `at`: status kDelivered, next_attempt `at`,
  /// last_error kept. Applies to a message that is not delivered yet (a dead letter that was in
  /// fact delivered becomes delivered); returns whether it did. Durable like commit().
  bool acknowledge_outbox(std::string_view key, TimePoint at);
  /// Records that the attempt numbered `attempt` (OutboxMessage::attempts of its claim) failed at
  /// `at` with `error` (kept cut to kMaxOutboxErrorBytes): pending again from `retry_at`, or,
  /// without one, dead from `at`. Applies only while the message is pending and no later claim
  /// was made (attempts == `attempt`), so a late report of an old attempt changes nothing;
  /// returns whether it applied. Durable like commit().
  bool fail_outbox(std::string_view key, int attempt, TimePoint at, std::string_view error,
                   std::optional<TimePoint> retry_at);

  /// Deletes the messages whose status is one of `statuses` and that ended (were delivered or
  /// given up on: OutboxMessage::next_attempt) strictly before `before`; returns how many. Only
  /// kDelivered and kDead may be purged: throws std::invalid_argument, deleting nothing, when
  /// `statuses` holds kPending (a message not sent yet is never thrown away) or is empty. The
  /// journal keeps the changes that raised them. Atomic and durable like commit(); throws
  /// StoreError when the store fails (nothing deleted).
  std::int64_t purge_outbox(TimePoint before, std::span<const OutboxStatus> statuses);

  /// Keeps one workflow version's source. A (name, version) is stored once: saving it again with
  /// the same source_hash is a no-op (kAlreadyStored, the first saved_at stays); with another hash
  /// it is refused (kDifferentContent) - a changed workflow needs a new version, or tickets on the
  /// old one would silently follow different rules. Refused (kRejected): a name that is empty,
  /// longer than kMaxNameBytes or not UTF-8, a version below 1, a source_hash that is not the
  /// SHA-256 of source_text, a text longer than kMaxWorkflowSourceBytes or not UTF-8. Safe against
  /// concurrent saves of the same version from other threads and processes: exactly one wins.
  /// Throws StoreError when the store itself fails.
  [[nodiscard]] virtual WorkflowSaveOutcome save_workflow(const StoredWorkflow& workflow) = 0;
  /// Every stored workflow version, ordered by name, then version.
  [[nodiscard]] virtual std::vector<StoredWorkflow> workflows() const = 0;

  /// Verifies every ticket's journal: the hash chain (verify_chain()), its length against the
  /// ticket's version (catches entries deleted at the end) and its last to_state against the
  /// ticket's state (catches a ticket row edited behind the journal's back). A ticket whose
  /// records do not decode (DamagedRecordError, e.g. damaged clocks) is a problem at seq 0 with
  /// the error's message, and the other tickets are still checked. Returns the first
  /// problem of each broken ticket, by ticket id; empty when all is intact. Reads through the
  /// interface above, so it is the same for every store; safe to run while others commit.
  [[nodiscard]] std::vector<JournalProblem> verify_all() const;
  /// verify_all(), with how many tickets and journal entries it read (a ticket whose records do
  /// not decode counts as a ticket, its entries do not count).
  [[nodiscard]] JournalVerification verify_journals() const;

 protected:
  /// A change to one outbox message: edits the message in place and returns true, or returns
  /// false to leave it as it is.
  using OutboxEdit = std::function<bool(OutboxMessage&)>;
  /// The storage-specific half of claim_outbox(), acknowledge_outbox() and fail_outbox(), whose
  /// rules are the same for every store: atomically reads the message `key`, calls `edit` on it
  /// and, when it returns true, writes back its status, attempts, next_attempt and last_error
  /// (nothing else may change). Returns the message as written, or nullopt when there is no such
  /// message or `edit` returned false. Durable like commit(); throws StoreError when the store
  /// fails (nothing written).
  virtual std::optional<OutboxMessage> edit_outbox(std::string_view key,
                                                   const OutboxEdit& edit) = 0;
  /// The storage-specific half of purge_outbox(): deletes, in one atomic step, the messages with
  /// `delivered` (kDelivered) or `dead` (kDead) status, as asked, whose next_attempt is before
  /// `before`, and returns how many. Never deletes a pending message. Durable like commit();
  /// throws StoreError when the store fails (nothing deleted).
  virtual std::int64_t delete_outbox(TimePoint before, bool delivered, bool dead) = 0;
};

}  // namespace propdesk
