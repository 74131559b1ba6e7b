// How a batch of items is committed, whatever the storage: each item is checked and encoded before
// any lock is taken, the store writes the acceptable ones (its only storage-specific part, an
// ItemWriter), entries are sealed here, and afterwards the items that committed are filled in.
// MemoryStore and SqliteStore both commit through these functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "propdesk/store.hpp"
#include "store/ticket_head.hpp"

namespace propdesk {

/// An item's checks and encodings, computed once, outside any lock.
struct PreparedItem {
  std::string rejection;                ///< non-empty: the item is refused with this message
  std::string fields_json;              ///< encode_fields(ticket.fields)
  std::string input_json;               ///< encode_fields(entry.input)
  std::string clocks_json;              ///< encode_sla_states(ticket.clocks)
  std::optional<std::string> location;  ///< the string field "location", if any
  std::string day;                      ///< creations: business_day(created_at), for the code
  /// Per outbox message, the canonical encoding of its notification's fields (string values).
  std::vector<std::string> outbox_fields;
};

struct PreparedBatch {
  std::vector<PreparedItem> creates;
  std::vector<PreparedItem> updates;
};

/// Checks and encodes every item (limits, UTF-8, code prefix, entry consistency, timer keys, clock
/// states, outbox messages).
PreparedBatch prepare_batch(std::span<const NewTicket> creates, std::span<const Update> updates);

/// What became of one item; on ok, everything fill_in() needs.
struct ItemResult {
  CommitOutcome outcome;
  std::string prev_hash;  ///< ok: the sealed entry's prev_hash
  TimePoint created_at;   ///< ok: the ticket's created_at as stored
};

/// The code of the `number`-th creation of the item's prefix on its business day.
std::string ticket_code(const NewTicket& item, const PreparedItem& prepared, std::int64_t number);
/// Seals a creation that the store identified: ticket `id`, with `code` from ticket_code().
ItemResult seal_creation(const NewTicket& item, const PreparedItem& prepared, TicketId id,
                         std::string code);
/// Seals an update whose version check passed against `head`, the stored ticket's journal head
/// (head.version == item.expected_version): its entry chains to head.hash, and the result reports
/// the stored code and created_at.
ItemResult seal_update(const Update& item, const PreparedItem& prepared, TicketHead head);
ItemResult conflict(TicketId id, std::string message);
ItemResult rejection(TicketId id, std::string message);
/// The conflict of an update whose ticket is unknown (nullopt) or at another version.
ItemResult version_conflict(const Update& item, std::optional<std::int64_t> stored_version);
/// The conflict of a change to ticket `id` computed at `expected_version` when the ticket is
/// unknown (nullopt) or at another version: "no ticket 7", "ticket 7 is at version 4, not 3".
ItemResult version_conflict(TicketId id, std::int64_t expected_version,
                            std::optional<std::int64_t> stored_version);
/// A reschedule() that was applied: the ticket's id, code and (unchanged) version; no hash, since
/// no journal entry is written.
ItemResult rescheduled(TicketId id, std::string code, std::int64_t version);

/// `item` as it is once committed with `result` (ok only): the ticket and entry the store keeps.
void fill_in(NewTicket& item, const ItemResult& result);
void fill_in(Update& item, const ItemResult& result);

/// The storage-specific half: writes one acceptable item, or finds it conflicting. Called in
/// batch order inside whatever makes the store's batch atomic (a lock, a transaction). A writer
/// returns a non-ok result only after undoing its own partial writes of that item.
class ItemWriter {
 public:
  virtual ~ItemWriter() = default;
  virtual ItemResult write(const NewTicket& item, const PreparedItem& prepared) = 0;
  virtual ItemResult write(const Update& item, const PreparedItem& prepared) = 0;
};

/// Writes the items in order through `writer`, skipping the refused ones. Results are in
/// commit()'s order: the creations, then the updates.
std::vector<ItemResult> write_batch(std::span<const NewTicket> creates,
                                    std::span<const Update> updates, const PreparedBatch& prepared,
                                    ItemWriter& writer);

/// Fills in the items that committed (call only once the batch is durable) and returns the
/// outcomes.
std::vector<CommitOutcome> finish_batch(std::span<NewTicket> creates, std::span<Update> updates,
                                        std::vector<ItemResult> results);

/// Why a ticket's timer changes cannot be stored (a key that is empty, longer than kMaxNameBytes
/// or not UTF-8), or "" when they can.
std::string check_timers(const TimerChanges& changes);

/// Why an item's outbox messages cannot be stored (see kMaxOutboxMessageBytes), naming the
/// message by its index, or "" when they can; fills `fields_json` with each message's encoded
/// notification fields.
std::string check_outbox(const std::vector<OutboxMessage>& messages,
                         std::vector<std::string>& fields_json);

/// Why a workflow version cannot be stored (see Store::save_workflow), or "" when it can.
std::string check_workflow(const StoredWorkflow& workflow);

/// The outcome of saving `workflow` (already checked) when the store holds `stored_hash` for its
/// name and version (nullopt: nothing yet, so it is saved now).
WorkflowSaveOutcome workflow_save_outcome(const StoredWorkflow& workflow,
                                          const std::optional<std::string>& stored_hash);

}  // namespace propdesk
