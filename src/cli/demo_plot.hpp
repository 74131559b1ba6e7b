// Writing a demo story down: the ticket, then each event with its delay, planned from the
// arrival time so that times put into inputs (a callback time, a visit) fit the story.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "cli/demo_desk.hpp"
#include "cli/demo_estate.hpp"

namespace propdesk::cli::demo {

/// A random delay of lo..hi minutes.
Duration minutes(Rng& rng, int lo, int hi);

class Plot {
 public:
  Plot(std::string workflow, Fields fields, Actor opened_by, TimePoint arrival);

  /// A timeline note for the creation.
  Plot& note(std::string text);
  /// A name to find the ticket by in the report.
  Plot& feature(std::string name);
  /// An event `after` the previous one.
  Plot& then(Duration after, const Actor& actor, std::string event, Fields input = {},
             std::string note = {});
  /// A mistake the engine must refuse for `reason` (the story then goes on).
  Plot& mistake(Duration after, const Actor& actor, std::string event, Fields input,
                Rejection::Reason reason, std::string note);
  /// Opens `child` at the moment of the last event; with `link_field`, that event's input gets
  /// the child's code in this field.
  Plot& spawning(Story child, std::string link_field = {});

  /// When the last event is planned to happen.
  [[nodiscard]] TimePoint planned() const { return planned_; }
  [[nodiscard]] const Fields& fields() const { return story_.fields; }
  [[nodiscard]] Story done() && { return std::move(story_); }

 private:
  Story story_;
  TimePoint planned_;
};

/// The story without its timeline notes (routine work, for the extra tickets of a day).
Story quiet(Story story);

}  // namespace propdesk::cli::demo
