// What arrives at the desk over the days played: routine repairs, complaints, inquiries and paid
// services through each day (more in the morning, fewer at the weekend), and the stories the demo
// is there to show, on the days they need.
#pragma once

#include <vector>

#include "cli/demo_desk.hpp"
#include "cli/demo_estate.hpp"
#include "cli/demo_schedule.hpp"
#include "propdesk/calendar.hpp"

namespace propdesk::cli::demo {

/// Every ticket of the days `hours` covers, with what happens to it. Days the office calendar does
/// not work get fewer arrivals. Features for the report: "major_complaint", "breached_repair",
/// "timer_repair" (on the first day).
std::vector<Story> plan_week(Rng& rng, const Staff& staff, const OfficeHours& hours,
                             const Calendar& office);

}  // namespace propdesk::cli::demo
