// propdesk/daily_report.hpp: the daily list of unclosed items (每日未关闭事项).
//
// "每日将当天未关闭的事项录入": every ticket that is not in a final state, with how old it is, who
// has it and when its next deadline falls, so that the desk can chase departments and call
// residents back before leaving (a daily log of what was not handled or not finished).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/store.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/timer.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace propdesk {

/// One unclosed ticket.
struct OpenItem {
  TicketId id = 0;
  std::string code;
  std::string workflow;
  int workflow_version = 1;
  std::string state;
  std::string state_label;  ///< the state's label in the ticket's workflow version; "" if none
  std::string severity;     ///< "general" or "major"
  std::string assignee;     ///< the owner; "" when nobody is assigned
  std::string location;     ///< the string field "location"; "" when missing
  TimePoint created_at;
  Duration age{0};  ///< report time - created_at
  /// The ticket's next deadline: the earliest `due` among its running clocks
  /// (SlaClockState::Phase::kRunning with a due) and its timed transitions (the instant a
  /// transition with `after:` out of the current state fires, from the ticket's timer); nullopt
  /// when it has neither (paused and stopped clocks have none).
  std::optional<TimePoint> next_due;
  /// What falls due at next_due: the clock's name, or the event the timed transition fires
  /// (e.g. "expire_rating"); a clock comes first when both fall due at the same instant.
  std::string next_clock;
  /// The clocks whose current run is breached (SlaClockState::breached), whatever their phase, in
  /// the ticket's clock order.
  std::vector<std::string> breached_clocks;
  bool workflow_known = true;  ///< false: the lookup did not know the ticket's workflow version

  friend bool operator==(const OpenItem&, const OpenItem&) = default;
};

/// Every unclosed ticket at one moment.
struct DailyReport {
  TimePoint at;                 ///< the report's "now"
  std::vector<OpenItem> items;  ///< sorted: see daily_report()
};

/// Builds the list of unclosed items at `now`: every ticket of `store` whose state is not final in
/// its own workflow version (tickets whose version `workflows` does not know are listed, with
/// workflow_known false), created at or before `now`. Sorted by next_due (items without one
/// last), then oldest first, then id.
///
/// Reads the store a page at a time and only the (workflow, state) groups that can hold open
/// tickets (see Store::count_by_state), so it stays cheap on a store of 100,000 mostly closed
/// tickets. It reads the current state of each ticket: with a past `now`, tickets closed since
/// are not brought back. Throws StoreError when the store fails.
PROPDESK_API DailyReport daily_report(const Store& store, const WorkflowLookup& workflows,
                                      TimePoint now);

/// The OpenItem of one ticket at `now` (`workflow` may be null), as daily_report() lists it.
/// `timers` are the ticket's timers (Store::timers); those of timed transitions out of its current
/// state count as deadlines, named by the event they fire, other timers are ignored.
PROPDESK_API OpenItem open_item(const Ticket& ticket, const Workflow* workflow, TimePoint now,
                                std::span<const Timer> timers = {});

}  // namespace propdesk
