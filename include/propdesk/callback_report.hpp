// propdesk/callback_report.hpp: callbacks (回访) due today, and the ones that were missed.
//
// "对业主诉求要有回访": after handling, the desk calls the resident back at the time the resident
// chose. A workflow says so with a clock whose `due_at` is that time field (`callback_at` in the
// shipped workflows): the clock runs from the state where the callback is waiting until the
// callback is made. This report lists, at one moment, every ticket whose callback clock is
// running:
//  - missing (应做回访但未做回访): due before now, or already breached - handled but not called
//    back in time, with how late;
//  - due today: the others due before the end of the desk's day.
// Each callback appears in one list only. The resident's name and phone are masked unless asked.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/store.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace propdesk {

/// What counts as a callback and how it is shown.
struct CallbackParams {
  /// A clock is a callback clock when its `due_at` names this time field. (Other `due_at` clocks,
  /// such as paid_service's `arrival` at `scheduled_at`, are appointments, not callbacks.)
  std::string due_field = "callback_at";
  /// The desk's offset from UTC, for where "today" begins and ends: Asia/Shanghai, UTC+8.
  std::chrono::minutes utc_offset = std::chrono::hours(8);
  /// Show the resident's `reporter` and `phone` as stored. Otherwise fields the ticket's workflow
  /// declares `pii` are masked (propdesk/pii_mask.hpp); with an unknown workflow, both are.
  bool show_pii = false;
};

/// One callback to make.
struct CallbackItem {
  TicketId id = 0;
  std::string code;
  std::string workflow;
  std::string state;
  std::string state_label;
  std::string severity;
  std::string assignee;
  std::string location;
  std::string clock;  ///< the callback clock's name
  /// When the callback is due: the clock's `due` (SlaClockState), else the ticket's due field.
  /// nullopt only for a breached clock with neither.
  std::optional<TimePoint> due;
  bool breached = false;  ///< the clock's current run is breached
  Duration late{0};       ///< now - due for a missed callback with a due; 0 otherwise
  std::string reporter;   ///< the resident, masked unless CallbackParams::show_pii
  std::string phone;      ///< masked unless CallbackParams::show_pii

  friend bool operator==(const CallbackItem&, const CallbackItem&) = default;
};

/// The callbacks at one moment.
struct CallbackReport {
  TimePoint at;         ///< the report's "now"
  TimePoint day_start;  ///< the desk's day containing `at`: [day_start, day_end)
  TimePoint day_end;
  std::vector<CallbackItem> missing;    ///< due before `at` or breached; earliest due first
  std::vector<CallbackItem> due_today;  ///< the others due before day_end; earliest due first
};

/// Lists the running callback clocks of every unclosed ticket (see the top of this file). A
/// ticket whose workflow version `workflows` does not know is skipped (its clocks cannot be
/// told apart). A running clock with neither a due nor a value in the due field and no breach
/// cannot be placed and is left out. Reads like daily_report(); throws StoreError when the store
/// fails.
PROPDESK_API CallbackReport callback_report(const Store& store, const WorkflowLookup& workflows,
                                            TimePoint now, const CallbackParams& params = {});

}  // namespace propdesk
