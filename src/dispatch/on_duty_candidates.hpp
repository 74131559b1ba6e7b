// What the built-in strategies that choose among staff on duty share: which candidates are on
// duty, and the line that says nobody is.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "propdesk/dispatch_strategy.hpp"

namespace propdesk::dispatch {

/// The indexes of the on-duty candidates, in the order offered.
std::vector<std::size_t> on_duty_candidates(std::span<const DispatchCandidate> candidates);

/// Why nobody was chosen when none is on duty: "no candidates" or "nobody is on duty (wang, li
/// are off duty)".
std::string nobody_on_duty(std::span<const DispatchCandidate> candidates);

}  // namespace propdesk::dispatch
