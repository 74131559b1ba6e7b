// propdesk/journal.hpp: the append-only, hash-chained history of a ticket.
//
// Every change of a ticket is one JournalEntry: who, when, which event, from which state to which,
// with what input. Each entry carries the SHA-256 of itself and of the previous entry's hash, so
// the entries of one ticket form a chain: editing, deleting, inserting or reordering any entry
// breaks the chain at that entry, and verify_chain() says where.
//
// The chain proves that nobody rewrote history *without recomputing every later hash*; it is not a
// signature (whoever can write the database can forge a whole new chain). It catches quiet edits,
// botched manual repairs and storage faults.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// The prev_hash of a ticket's first entry: 64 '0' characters.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The event name of a ticket's first journal entry.
inline constexpr std::string_view kCreateEvent = "create";

/// The events the engine journals by itself, as the system actor (id and role "system"), besides
/// the workflows' own events. Their input says which clock (`clock`), at which `percent`, and the
/// exact instant it was reached (`reached_at`); an escalation step also its `step` (1-based
/// ladder position) and the roles it notified (`notify`); a severity raise the `rule` and its
/// `reason`. Workflows cannot declare events of these names.
inline constexpr std::string_view kSlaWarningEvent = "sla_warning";
inline constexpr std::string_view kSlaBreachedEvent = "sla_breached";
inline constexpr std::string_view kEscalationEvent = "escalation";
inline constexpr std::string_view kSeverityRaisedEvent = "severity_raised";
/// The actor id and role of what the engine does by itself (timers, escalation, severity rules).
inline constexpr std::string_view kSystemActor = "system";
/// The input of an entry whose change let a dispatch strategy choose the assignee
/// (`{assign: {strategy: ...}}`) holds, besides the event's input, `assignee` (who was chosen),
/// `assigned_by` (the strategy's name) and `assignment_reason` (the strategy's one line, e.g.
/// "fewest open orders (1) among 3 on duty"). Workflows cannot declare fields of these names.
inline constexpr std::string_view kAssignedByInput = "assigned_by";
inline constexpr std::string_view kAssignmentReasonInput = "assignment_reason";

/// One change of one ticket.
struct JournalEntry {
  TicketId ticket = 0;     ///< the ticket it belongs to
  std::int64_t seq = 0;    ///< 1 for the creation, then +1 per change; equals the ticket's version
  TimePoint at;            ///< when it happened (the engine's clock)
  Actor actor;             ///< who did it, in which role
  std::string event;       ///< "create" for the first entry, else the event fired
  std::string from_state;  ///< "" for the creation
  std::string to_state;    ///< the state after the change (== from_state when the state stays)
  Fields input;            ///< the event's input (for the creation: the initial fields)
  std::string prev_hash;   ///< hash of the previous entry; kGenesisHash for seq 1
  std::string hash;        ///< compute_entry_hash() of this entry, lower-case hex SHA-256

  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;
};

/// The hash an entry should carry: lower-case hex SHA-256 over a canonical, unambiguous encoding
/// of every member except `hash` (a version tag, then each member length-prefixed; `input` in the
/// canonical fields JSON, keys sorted, types kept). The encoding is part of the journal format:
/// changing it invalidates stored journals.
///
/// Thread-safe (pure function). Throws std::invalid_argument when `input` cannot be encoded: a
/// string or key that is not valid UTF-8, or a number that is NaN or infinite.
PROPDESK_API std::string compute_entry_hash(const JournalEntry& entry);

/// Links `entry` to its predecessor: sets entry.prev_hash = prev_hash, then entry.hash =
/// compute_entry_hash(entry). Set ticket and seq before sealing; they are part of the hash.
/// Throws like compute_entry_hash().
PROPDESK_API void seal(JournalEntry& entry, std::string_view prev_hash);

/// What is wrong with a ticket's journal, at which entry.
struct JournalProblem {
  TicketId ticket = 0;
  /// The entry at which the chain breaks (a missing entry's expected seq); 0 when the ticket's
  /// records do not decode (Store::verify_all(), DamagedRecordError), so no entry is to blame.
  std::int64_t seq = 0;
  std::string
      reason;  ///< one line, e.g. "hash mismatch: the entry was edited after it was written"

  friend bool operator==(const JournalProblem&, const JournalProblem&) = default;
};

/// Checks the journal of ticket `ticket`, given in seq order as stored. Returns the first problem,
/// or nullopt when the chain is intact:
/// - an entry of another ticket;
/// - a chain that does not start at seq 1 with a "create" entry from state "" and prev_hash
///   kGenesisHash;
/// - a seq that is not the previous seq + 1 (an entry deleted, inserted or moved);
/// - a prev_hash that is not the previous entry's hash (deleted, inserted or reordered);
/// - a hash that is not compute_entry_hash() of the entry (edited).
/// An empty span is intact here; a store's verify_all() also checks the journal against the
/// ticket (its length against the ticket's version, its last state against the ticket's state).
///
/// Thread-safe (pure function); never throws for any content (an input that cannot be encoded is
/// reported as a problem).
PROPDESK_API std::optional<JournalProblem> verify_chain(TicketId ticket,
                                                        std::span<const JournalEntry> entries);

}  // namespace propdesk
