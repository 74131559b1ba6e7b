// The key layout of KvStore (propdesk/kv_store.hpp) and the byte encodings its keys and values are
// built from. Every key starts with a short tag ending in '/', so that one kind of record is one
// contiguous, bytewise-ordered range; integers are big-endian and fixed-width so that bytewise
// order is numeric order (signed ones with the sign bit flipped). The layout (docs/stores.md):
//
//   propdesk/schema                    decimal schema version ("1")
//   i/next                             u64: the next ticket id
//   t/<u64 id>                         ticket record (kv_records.hpp)
//   j/<u64 id><u64 seq>                journal entry record
//   c/<code>                           u64 id (codes are at most 45 bytes)
//   k/<prefix>/<YYYYMMDD>              u64: the last code number of that prefix and day
//   l/<location part><u64 id>          the exact location (string field "location")
//   tm/<u64 id><timer key part>        timer record (exact key, due)
//   tq/<i64 due><u64 id><timer key part>                     the exact timer key
//   o/<u64 id><u64 seq><u32 index>                           outbox message record
//   op/<i64 next_attempt><u64 id><u64 seq><u32 index>        "" (pending messages)
//   oc/<channel digest><i64 next_attempt><u64 id><u64 seq><u32 index>   "" (the same, by channel)
//   w/<name digest><u32 version>       stored workflow record
//
// A digest is the hex SHA-256 of the text. Long texts cannot go into keys verbatim
// (kMaxKvKeyBytes): a timer key part is the key itself when it has at most kTimerKeyPartBytes
// bytes, else its first kTimerKeyPartBytes bytes followed by the digest of the whole key; a
// location part is the location's first kLocationPartBytes bytes. Both keep bytewise order except
// between long keys that share their first part; readers resolve those from the exact text in the
// values (see kv_store.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk::kv {

/// The schema version this library writes and reads.
inline constexpr std::int64_t kSchemaVersion = 1;
inline constexpr std::string_view kSchemaKey = "propdesk/schema";
inline constexpr std::string_view kNextIdKey = "i/next";

inline constexpr std::string_view kTicketTag = "t/";
inline constexpr std::string_view kEntryTag = "j/";
inline constexpr std::string_view kCodeTag = "c/";
inline constexpr std::string_view kCounterTag = "k/";
inline constexpr std::string_view kLocationTag = "l/";
inline constexpr std::string_view kTimerTag = "tm/";
inline constexpr std::string_view kTimerQueueTag = "tq/";
inline constexpr std::string_view kOutboxTag = "o/";
inline constexpr std::string_view kPendingTag = "op/";
inline constexpr std::string_view kChannelPendingTag = "oc/";
inline constexpr std::string_view kWorkflowTag = "w/";

/// How much of a timer key, and of a location, goes into a key verbatim.
inline constexpr std::size_t kTimerKeyPartBytes = 256;
inline constexpr std::size_t kLocationPartBytes = 400;
/// The longest code find() looks up (longer ones cannot exist).
inline constexpr std::size_t kMaxCodeKeyBytes = 256;

// Fixed-width big-endian encodings, appended to `out`.
void put_u32(std::string& out, std::uint32_t v);
void put_u64(std::string& out, std::uint64_t v);
/// A signed integer, sign bit flipped: bytewise order is numeric order.
void put_i64(std::string& out, std::int64_t v);
void put_time(std::string& out, TimePoint t);

/// Reads a fixed-width integer at `pos` of `bytes` and advances `pos`; nullopt when too short.
std::optional<std::uint32_t> get_u32(std::string_view bytes, std::size_t& pos);
std::optional<std::uint64_t> get_u64(std::string_view bytes, std::size_t& pos);
std::optional<std::int64_t> get_i64(std::string_view bytes, std::size_t& pos);
std::optional<TimePoint> get_time(std::string_view bytes, std::size_t& pos);

/// The smallest key greater than every key that starts with `prefix` ("" when there is none: the
/// end of the key space).
std::string prefix_end(std::string_view prefix);

std::string ticket_key(TicketId id);
std::string entry_key(TicketId id, std::int64_t seq);
/// The prefix of every journal entry key of ticket `id`.
std::string entries_prefix(TicketId id);
std::string code_key(std::string_view code);
std::string counter_key(std::string_view prefix, std::string_view day);
std::string location_part(std::string_view location);
std::string location_key(std::string_view location, TicketId id);

/// The timer key part (see above); it has more than kTimerKeyPartBytes bytes only for long keys.
std::string timer_key_part(std::string_view key);
/// Whether `part` (a timer key part) is a long key's, whose order must be resolved from the values.
bool is_long_timer_part(std::string_view part);
std::string timer_key(TicketId id, std::string_view key);
std::string timers_prefix(TicketId id);
std::string timer_queue_key(TimePoint due, TicketId id, std::string_view key);

std::string outbox_record_key(TicketId id, std::int64_t seq, int index);
std::string outbox_ticket_prefix(TicketId id);
std::string pending_key(TimePoint next_attempt, TicketId id, std::int64_t seq, int index);
std::string channel_prefix(std::string_view channel);
std::string channel_pending_key(std::string_view channel, TimePoint next_attempt, TicketId id,
                                std::int64_t seq, int index);
/// The (ticket, seq, index) at the end of a pending key (either index); nullopt when malformed.
struct OutboxId {
  TicketId ticket = 0;
  std::int64_t seq = 0;
  int index = 0;
};
std::optional<OutboxId> pending_id(std::string_view key);
/// The id named by an outbox key "<ticket>:<seq>:<index>" in its canonical form; nullopt otherwise.
std::optional<OutboxId> parse_outbox_key(std::string_view key);

std::string workflow_key(std::string_view name, int version);

}  // namespace propdesk::kv
