// What happens at the desk in a day of the demo: the stories of repair reports, complaints,
// inquiries and paid services, written against the shipped workflows' events and inputs.
#pragma once

#include <vector>

#include "cli/demo_desk.hpp"
#include "cli/demo_estate.hpp"

namespace propdesk::cli::demo {

/// A story and when its ticket arrives.
struct Arrival {
  TimePoint at;
  Story story;
};

/// The tickets of day `day` (0-based), which opens at `opening`. The first day shows every kind of
/// story at a plausible hour, with notes for the timeline; every day adds a random mix of routine
/// ones. Features for the report: "major_complaint", "reopened_repair", "paid_service".
std::vector<Arrival> plan_day(int day, TimePoint opening, Rng& rng, const Staff& staff);

}  // namespace propdesk::cli::demo
