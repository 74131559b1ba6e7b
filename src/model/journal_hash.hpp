// The journal hash for callers that already hold the canonical input (the stores encode it once
// for storage and reuse it here instead of encoding it again).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "propdesk/journal.hpp"

namespace propdesk {

/// compute_entry_hash() of `entry` as if its ticket, seq and prev_hash were the given ones, with
/// `canonical_input` = encode_fields(entry.input). Ignores entry.ticket, entry.seq,
/// entry.prev_hash, entry.input and entry.hash.
std::string hash_entry(const JournalEntry& entry, TicketId ticket, std::int64_t seq,
                       std::string_view prev_hash, std::string_view canonical_input);

}  // namespace propdesk
