#include "cli/demo_timekeeper.hpp"

#include <utility>

#include "cli/local_time.hpp"

namespace propdesk::cli::demo {

void Timekeeper::move_to(TimePoint t) {
  while (const auto next = engine_.next_deadline()) {
    if (*next > t) break;
    if (*next > clock_.now()) clock_.set(*next);
    const AdvanceReport report = engine_.advance(clock_.now());
    problems_.insert(problems_.end(), report.problems.begin(), report.problems.end());
    const auto after = engine_.next_deadline();
    if (report.timers == 0 && after && *after <= clock_.now()) {
      // A deadline advance() neither acted on nor removed: stop rather than spin.
      problems_.push_back("a deadline at " + format_local(*after) + " was not acted on");
      break;
    }
  }
  if (t > clock_.now()) clock_.set(t);
}

}  // namespace propdesk::cli::demo
