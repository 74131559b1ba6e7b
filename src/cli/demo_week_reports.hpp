// The week through the library's reports, each cut down to what fits a screen and printed like
// `propdesk report ...` prints it: SLA compliance per workflow and clock and residents'
// satisfaction (sla_report), the callbacks missed (callback_report), the items still open
// (daily_report).
#pragma once

#include <ostream>

#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

/// sla_report() for the tickets created in [from, to): the runs of each workflow's clocks (the
/// report's "all" rows) and the ratings residents gave.
void print_sla_summary(std::ostream& out, Engine& engine, TimePoint from, TimePoint to);

/// callback_report() at `at`: the callbacks handled but not made by their due time.
void print_missing_callbacks(std::ostream& out, Engine& engine, TimePoint at);

/// daily_report() at `at`: every ticket not closed, next deadline first.
void print_open_items(std::ostream& out, Engine& engine, TimePoint at);

}  // namespace propdesk::cli::demo
