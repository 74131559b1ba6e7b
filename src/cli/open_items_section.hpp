// The table of unclosed items, as `report daily` and `report handover` print it.
#pragma once

#include "cli/report_document.hpp"
#include "propdesk/daily_report.hpp"

namespace propdesk::cli {

/// Section "open": code, workflow, state, state_label, severity, assignee, location, created_at,
/// age_seconds, next_due, next_clock, breached_clocks, one row per item in the report's order.
ReportSection open_items_section(const DailyReport& report);

}  // namespace propdesk::cli
