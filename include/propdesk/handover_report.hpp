// propdesk/handover_report.hpp: the shift handover (交接班).
//
// At the end of a shift the outgoing person hands over to the incoming one what is still open and
// what happened during the shift (procedures 4.2.1.1-4.2.1.2: hand over the repair register, read
// each other's duty log). The report covers a window [from, to):
//  - open: the unclosed items at `to` (as daily_report(), with `to` as its "now");
//  - changes: every journal entry in the window, by ticket (id order), then in seq order;
//  - created, closed: the entries that created a ticket, or moved one into a final state;
//  - breaches, escalations: the entries the engine journals when a clock passes its target
//    (kSlaBreachedEvent) or an escalation step or a severity rule acts (kEscalationEvent,
//    kSeverityRaisedEvent).
// The incoming person's acknowledgement is a ticket of the shipped `handover` workflow
// (workflows/handover.yaml, prefix JJ): created with handover_ticket_fields() and acknowledged
// by the incoming person with the event `acknowledge`, so it is in the journal like every change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/daily_report.hpp"
#include "propdesk/export.hpp"
#include "propdesk/journal.hpp"
#include "propdesk/store.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace propdesk {

/// The name of the shipped handover workflow (workflows/handover.yaml).
inline constexpr std::string_view kHandoverWorkflow = "handover";

/// The shift.
struct HandoverParams {
  TimePoint from;  ///< inclusive
  TimePoint to;    ///< exclusive; must be after `from`
};

/// One journal entry of the shift, with the ticket it belongs to.
struct ShiftEntry {
  TicketId ticket = 0;
  std::string code;
  std::string workflow;
  std::string location;  ///< the ticket's current location
  std::int64_t seq = 0;
  TimePoint at;
  Actor actor;
  std::string event;
  std::string from_state;  ///< "" for a creation
  std::string from_label;
  std::string to_state;
  std::string to_label;
  /// For clock entries (sla_warning, sla_breached, escalation): the string input "clock", else "".
  std::string clock;

  friend bool operator==(const ShiftEntry&, const ShiftEntry&) = default;
};

/// The handover for one shift.
struct HandoverReport {
  TimePoint from;
  TimePoint to;
  DailyReport open;                     ///< unclosed at `to`
  std::vector<ShiftEntry> changes;      ///< every entry in [from, to)
  std::vector<ShiftEntry> created;      ///< the "create" entries among them
  std::vector<ShiftEntry> closed;       ///< the entries that entered a final state
  std::vector<ShiftEntry> breaches;     ///< the kSlaBreachedEvent entries
  std::vector<ShiftEntry> escalations;  ///< the kEscalationEvent and kSeverityRaisedEvent entries
};

/// Builds the handover for [params.from, params.to). Throws std::invalid_argument when `to` is not
/// after `from`; StoreError when the store fails.
///
/// Cost: the open items as daily_report(); for the changes, one paged pass over the tickets
/// created before `to` and the journal of each ticket changed at or after `from` (its
/// updated_at). The store holds current states: `open` does not bring back tickets closed after
/// `to`, so the report is meant to be run at the end of the shift.
PROPDESK_API HandoverReport handover_report(const Store& store, const WorkflowLookup& workflows,
                                            const HandoverParams& params);

/// A short text for the handover ticket's `summary` (and for people): the counts, then one line per
/// open item that is breached or due before the next shift could look at it (due within 12 hours
/// of `to`), at most 20 such lines, e.g.
///   "未关闭 12 项（超时 2 项）；本班新增 5 项，关闭 3 项，超时 1 次，升级 0 次。
///    BX-20261126-0003 处理中 3-2-1502 超时: resolution"
PROPDESK_API std::string handover_summary(const HandoverReport& report);

/// The fields of a handover ticket (workflow `handover`) recording this report: shift_from,
/// shift_to, outgoing, incoming, summary (handover_summary()), open_count (open items) and
/// breach_count (breaches during the shift). The incoming person is also the assignee.
PROPDESK_API Fields handover_ticket_fields(const HandoverReport& report, std::string_view outgoing,
                                           std::string_view incoming);

}  // namespace propdesk
