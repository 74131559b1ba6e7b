// The encoding of a ticket's SLA clock states (Ticket::clocks, propdesk/sla_state.hpp): what a
// persistent store keeps in the ticket's row.
//
// One JSON array, one object per clock in list order, members always in this order:
//   [{"name":"response","phase":"running","started_at":1795658400,"since":1795658400,
//     "elapsed":0,"target":7200,"due":1795665600,"warned":false,"breached":false,"steps_done":0}]
//   name        the clock's name (UTF-8, escaped as JSON requires)
//   phase       "running", "paused" or "stopped"
//   started_at, since, due   instants as integer seconds since the Unix epoch, UTC; due is null
//               when absent
//   elapsed, target          durations as integer seconds
//   warned, breached         true/false
//   steps_done  the step bits as an unsigned decimal integer (all 64 bits)
// No whitespace; the empty list is "[]".
//
// Deterministic: equal lists always give the same bytes. Every member round-trips exactly, over
// the whole range of its type. Decoding is strict: anything encode_sla_states() cannot have
// written (a missing, extra or mistyped member, an unknown phase, an integer out of range,
// malformed JSON or UTF-8) is refused with SlaStateCodecError saying which clock and member.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/sla_state.hpp"

namespace propdesk {

/// Clock states that cannot be encoded, or text that is not an encoding of clock states.
class SlaStateCodecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The encoding. Throws SlaStateCodecError for a name that is not valid UTF-8 or a phase outside
/// the enumeration.
std::string encode_sla_states(const std::vector<SlaClockState>& clocks);

/// The inverse of encode_sla_states(); accepts any member order and whitespace. Throws
/// SlaStateCodecError (see above).
std::vector<SlaClockState> decode_sla_states(std::string_view text);

}  // namespace propdesk
