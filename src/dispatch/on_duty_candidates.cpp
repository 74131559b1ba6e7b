#include "dispatch/on_duty_candidates.hpp"

namespace propdesk::dispatch {

std::vector<std::size_t> on_duty_candidates(std::span<const DispatchCandidate> candidates) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].on_duty) out.push_back(i);
  return out;
}

std::string nobody_on_duty(std::span<const DispatchCandidate> candidates) {
  if (candidates.empty()) return "no candidates";
  std::string names;
  for (const DispatchCandidate& c : candidates) names += (names.empty() ? "" : ", ") + c.id;
  return "nobody is on duty (" + names + (candidates.size() == 1 ? " is" : " are") + " off duty)";
}

}  // namespace propdesk::dispatch
