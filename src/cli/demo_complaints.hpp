// Complaints (投诉) in the demo, written against the shipped complaint workflow: classified,
// handed to a department, answered, resolved, called back at the time the resident chose, closed
// by the desk when general and signed off by the manager when major. The complaint_severity rule
// (workflows/propdesk.yaml) makes some major by itself: a keyword, a third complaint at one
// location within a week, a resident who asks for the manager, a missed deadline.
#pragma once

#include "cli/demo_desk.hpp"
#include "cli/demo_scene.hpp"

namespace propdesk::cli::demo {

/// Noise from upstairs, handled by security; the callback at the resident's time, or missed (a
/// breach, which makes the complaint major: the manager signs it off).
Story noise_complaint(const Scene& s, Callback how);
/// A parking space taken again: unsatisfied at the callback, back to security, then closed.
Story parking_complaint(const Scene& s);
/// Rubbish bins: withdrawn once cleaned.
Story withdrawn_complaint(const Scene& s);
/// A smell of gas in the stairwell: major by the keyword 煤气.
Story gas_smell_complaint(const Scene& s);
/// Feature "major_complaint": water from upstairs flooded a flat and the resident demands the
/// manager (major by a keyword and by wants_manager). The upstairs flat gets an urgent repair; the
/// desk tries to close the complaint itself and is refused; the manager signs it off.
Story flood_complaint(const Scene& s);
/// The property fee went up and the resident wants the manager to explain: major by wants_manager.
Story manager_requested_complaint(const Scene& s);
/// Branches at a window, handed to landscaping, which does not answer before `answered`: the
/// response clock warns (supervisor) and breaches (manager), the breach makes it major.
Story unanswered_complaint(const Scene& s, TimePoint answered);
/// Renovation noise from upstairs, the `nth` complaint (1-based) of `r` about it; the third
/// within a week is major by the repeat criterion.
Story renovation_noise_complaint(const Scene& s, const Resident& r, int nth);

}  // namespace propdesk::cli::demo
