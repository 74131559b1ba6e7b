// Decoding what a persistent store read back: the canonical encodings (model/fields_codec.hpp,
// model/sla_state_codec.hpp) with their errors turned into DamagedRecordError naming the store and
// the record. SqliteStore and KvStore both read their records through these.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/sla_state.hpp"
#include "propdesk/ticket.hpp"

namespace propdesk {

/// decode_fields(json); throws DamagedRecordError "<where>: damaged <what>: <why>".
Fields decode_stored(std::string_view json, const std::string& where, std::string_view what);

/// decode_sla_states(text) of ticket `id`; throws DamagedRecordError
/// "<where>: damaged clocks of ticket <id>: <why>".
std::vector<SlaClockState> decode_stored_clocks(std::string_view text, const std::string& where,
                                                TicketId id);

/// The fields of outbox message `key` (Notification::fields) from their canonical encoding
/// (PreparedItem::outbox_fields); throws DamagedRecordError.
std::map<std::string, std::string, std::less<>> decode_stored_outbox_fields(
    std::string_view json, const std::string& where, std::string_view key);

}  // namespace propdesk
