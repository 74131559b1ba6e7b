// Writing a demo story down: the ticket, then each event, planned from the arrival time within the
// desk's hours so that times put into inputs (a callback time, a visit) fit the story and the desk
// plays each event at the instant planned here.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "cli/demo_desk.hpp"
#include "cli/demo_scene.hpp"

namespace propdesk::cli::demo {

/// A random delay of lo..hi minutes.
Duration minutes(Rng& rng, int lo, int hi);

class Plot {
 public:
  /// The ticket, created at s.arrival by `opened_by`.
  Plot(const Scene& s, std::string workflow, Fields fields, Actor opened_by);

  /// A name to find the ticket by in the report.
  Plot& feature(std::string name);
  /// An event `after` the previous one (work that would run past closing continues the next
  /// morning).
  Plot& then(Duration after, const Actor& actor, std::string event, Fields input = {});
  /// An event at `when` (at the earliest with the previous one), within the desk's hours.
  Plot& at(TimePoint when, const Actor& actor, std::string event, Fields input = {});
  /// What the last event becomes when the ticket is major by then.
  Plot& if_major(const Actor& actor, std::string event, Fields input = {});
  /// The last event needs the ticket in `state`, where a timer should have moved it.
  Plot& expecting(std::string state);
  /// A mistake the engine must refuse for `reason` (the story then goes on).
  Plot& mistake(Duration after, const Actor& actor, std::string event, Fields input,
                Rejection::Reason reason);
  /// Puts a value decided later into the input of beat `beat` (0-based): the time a resident chose
  /// when the ticket was registered, once the plan says when the work will be done.
  Plot& fill_in(std::size_t beat, const std::string& field, Value value);
  /// Opens `child` at the moment of the last event; with `link_field`, that event's input gets
  /// the child's code in this field.
  Plot& spawning(Story child, std::string link_field = {});

  /// How many events are planned so far (the index the next one will have).
  [[nodiscard]] std::size_t beats() const { return story_.beats.size(); }
  /// When the last event is planned to happen.
  [[nodiscard]] TimePoint planned() const { return planned_; }
  [[nodiscard]] const Fields& fields() const { return story_.fields; }
  [[nodiscard]] Story done() && { return std::move(story_); }

 private:
  const OfficeHours& hours_;
  Story story_;
  TimePoint planned_;
};

}  // namespace propdesk::cli::demo
