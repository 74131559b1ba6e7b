// Repair reports (报事报修) in the demo, written against the shipped repair workflow's events and
// inputs: dispatched or grabbed, held, paid, returned, cancelled, urgent; then rated in the app,
// called back at the time the resident chose (or not), reopened when the resident is unhappy, or
// moved to the callback by the 48-hour no-rating timer.
#pragma once

#include "cli/demo_desk.hpp"
#include "cli/demo_scene.hpp"

namespace propdesk::cli::demo {

/// Dispatched by the dispatcher, accepted, done.
Story dispatched_repair(const Scene& s);
/// Reported in the app and grabbed from the pool by a repairer.
Story grabbed_repair(const Scene& s);
/// People trapped in a lift: marked urgent (major), fixed within the hour.
Story urgent_lift(const Scene& s);
/// Waiting for a part: on hold (the resolution clock stands still), then resumed.
Story held_repair(const Scene& s);
/// Paid work inside the flat, paid in cash at the desk; with `mistake`, the desk first enters the
/// payment without its receipt number, which the engine refuses.
Story paid_repair(const Scene& s, bool mistake);
/// Rated 2/5 in the app: reopened, back to the repairer.
Story reopened_repair(const Scene& s);
/// Dispatched to the wrong trade and returned.
Story returned_repair(const Scene& s);
/// Urged, then cancelled by the resident.
Story cancelled_repair(const Scene& s);
/// Feature "breached_repair": dispatched late (response breached: supervisor), then waiting for a
/// part without being put on hold, so that the around-the-clock resolution clock breaches
/// (supervisor) and reaches 200% (manager) before the work is done four days later.
Story slow_repair(const Scene& s);
/// Feature "timer_repair": done, the resident names a time for the callback but never rates; after
/// 48 hours the engine moves the order to the callback by itself, and the desk calls at that time.
Story unrated_repair(const Scene& s);
/// Rated in the app with a callback time the desk forgets: still missing when the demo ends.
Story forgotten_callback_repair(const Scene& s);
/// The flat above `below` leaks into it: an urgent repair (opened from the flood complaint).
Story leak_upstairs(const Scene& s, const Resident& below);
/// A broken balcony door at `r`'s flat (a question that turned out to be a repair).
Story balcony_door_repair(const Scene& s, const Resident& r);

}  // namespace propdesk::cli::demo
