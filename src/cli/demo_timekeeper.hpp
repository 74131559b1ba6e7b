// Moving the demo's manual clock: every deadline the engine knows of (SLA warnings and breaches,
// escalation steps, timed transitions such as the 48-hour no-rating timer) is acted on at its own
// instant, by Engine::advance(), before the clock moves past it. Nothing sleeps.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

class Timekeeper {
 public:
  Timekeeper(Engine& engine, ManualClock& clock) : engine_(engine), clock_(clock) {}

  /// Moves the clock to `t` (never backwards): while the engine's next deadline is at or before
  /// `t`, sets the clock to it and advances the engine to it.
  void move_to(TimePoint t);
  /// What advance() could not act on (AdvanceReport::problems), since the last take_problems().
  [[nodiscard]] std::vector<std::string> take_problems() { return std::exchange(problems_, {}); }

 private:
  Engine& engine_;
  ManualClock& clock_;
  std::vector<std::string> problems_;
};

}  // namespace propdesk::cli::demo
