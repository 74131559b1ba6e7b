// propdesk/ticket.hpp: a ticket of the desk, the person acting on it, and its typed fields.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "propdesk/sla_state.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// A ticket's identity, assigned by the store when the ticket is created; never reused. 0 means
/// "not assigned yet".
using TicketId = std::int64_t;

/// A ticket's typed fields (and a journal entry's input), by field name. Ordered by name, so that
/// iteration (and therefore every encoding of the map) is deterministic. Lookups accept any
/// string-like key without building a std::string.
using Fields = std::map<std::string, Value, std::less<>>;

/// Who acts: a user id (or "system" for timers and escalation) and the role they act in.
struct Actor {
  std::string id;
  std::string role;

  friend bool operator==(const Actor&, const Actor&) = default;
};

/// A ticket: plain data, copyable, no behaviour. The engine decides what a ticket may become; the
/// store keeps it.
struct Ticket {
  TicketId id = 0;           ///< assigned by the store at creation
  std::string code;          ///< human-readable, e.g. "BX-20261126-0001"; assigned by the store
  std::string workflow;      ///< the workflow's name, e.g. "repair"
  int workflow_version = 1;  ///< the workflow version the ticket was created with
  std::string state;         ///< the current state's name
  std::string severity = "general";
  std::string assignee;  ///< user id; empty when nobody is assigned
  Fields fields;         ///< typed fields; a string field "location" is what location queries match
  TimePoint created_at;  ///< set by the caller (the engine's clock); fixed after creation
  TimePoint updated_at;  ///< set by the caller on every change
  /// The number of journal entries of this ticket, which is also the seq of the last one: 1 after
  /// creation, +1 for each committed change. Maintained by the store; used for optimistic
  /// concurrency (an update names the version it was computed from).
  std::int64_t version = 0;
  /// The SLA clocks that have started for this ticket, in the workflow's clock order; maintained
  /// by the engine (propdesk/sla_state.hpp), kept by the store with the ticket.
  std::vector<SlaClockState> clocks;

  friend bool operator==(const Ticket&, const Ticket&) = default;
};

}  // namespace propdesk
