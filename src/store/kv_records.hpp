// The values KvStore keeps under its keys (kv_keys.hpp): tickets, journal entries, timers, outbox
// messages and workflow sources as length-prefixed binary records. Typed fields, entry inputs,
// clock states and notification fields stay in their canonical encodings (fields_codec.hpp,
// sla_state_codec.hpp), computed once by prepare_batch(); integers are big-endian, texts a u32
// length then the bytes. Each record starts with a format byte (1). A record that does not decode
// throws DamagedRecordError naming the store (`where`) and the record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propdesk/journal.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/store.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/timer.hpp"
#include "store/ticket_head.hpp"

namespace propdesk::kv {

/// What an update needs of the stored ticket, read without decoding its fields: its journal head
/// (the version to check, the code and created_at it reports back, the hash its entry chains to),
/// the location the location index holds for it, and its workflow and state (for counts).
struct StoredHead {
  TicketId id = 0;
  TicketHead journal;
  std::optional<std::string> location;
  std::string workflow;
  std::string state;
};

/// `ticket` as stored: its fields and clocks already encoded, `location` its string field
/// "location", `last_hash` the hash of its latest entry.
std::string encode_ticket(const Ticket& ticket, std::string_view fields_json,
                          std::string_view clocks_json, const std::optional<std::string>& location,
                          std::string_view last_hash);
StoredHead decode_ticket_head(std::string_view record, const std::string& where, TicketId id);
Ticket decode_ticket(std::string_view record, const std::string& where, TicketId id);

std::string encode_entry(const JournalEntry& entry, std::string_view input_json);
JournalEntry decode_entry(std::string_view record, const std::string& where, TicketId id);

/// The value under a timer key: the exact timer key and its due time.
std::string encode_timer(std::string_view key, TimePoint due);
Timer decode_timer(std::string_view record, const std::string& where, TicketId id);

/// `message` (complete) with its notification's fields in their canonical encoding.
std::string encode_outbox(const OutboxMessage& message, std::string_view fields_json);
OutboxMessage decode_outbox(std::string_view record, const std::string& where);
/// `record` with the state members (status, attempts, next_attempt, last_error) of `message`; the
/// rest of the record is kept byte for byte.
std::string rewrite_outbox_state(std::string_view record, const OutboxMessage& message,
                                 const std::string& where);
/// The status, channel and next_attempt of an outbox record, read without decoding the rest.
struct OutboxState {
  OutboxStatus status = OutboxStatus::kPending;
  TimePoint next_attempt;
  std::string channel;
  std::string key;
};
OutboxState decode_outbox_state(std::string_view record, const std::string& where);

std::string encode_workflow(const StoredWorkflow& workflow);
StoredWorkflow decode_workflow(std::string_view record, const std::string& where);

}  // namespace propdesk::kv
