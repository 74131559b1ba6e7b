#include "cli/demo_plot.hpp"

namespace propdesk::cli::demo {

Duration minutes(Rng& rng, int lo, int hi) { return std::chrono::minutes(draw(rng, lo, hi)); }

Plot::Plot(std::string workflow, Fields fields, Actor opened_by, TimePoint arrival)
    : planned_(arrival) {
  story_.workflow = std::move(workflow);
  story_.fields = std::move(fields);
  story_.opened_by = std::move(opened_by);
}

Plot& Plot::note(std::string text) {
  story_.note = std::move(text);
  return *this;
}

Plot& Plot::feature(std::string name) {
  story_.feature = std::move(name);
  return *this;
}

Plot& Plot::then(Duration after, const Actor& actor, std::string event, Fields input,
                 std::string note) {
  Beat beat;
  beat.after = after;
  beat.actor = actor;
  beat.event = std::move(event);
  beat.input = std::move(input);
  beat.note = std::move(note);
  story_.beats.push_back(std::move(beat));
  planned_ += after;
  return *this;
}

Plot& Plot::mistake(Duration after, const Actor& actor, std::string event, Fields input,
                    Rejection::Reason reason, std::string note) {
  then(after, actor, std::move(event), std::move(input), std::move(note));
  story_.beats.back().expect = reason;
  return *this;
}

Plot& Plot::spawning(Story child, std::string link_field) {
  Beat& last = story_.beats.back();
  last.spawn.push_back(std::move(child));
  last.link_field = std::move(link_field);
  return *this;
}

Story quiet(Story story) {
  story.note.clear();
  for (Beat& beat : story.beats) {
    if (!beat.expect) beat.note.clear();
    for (Story& child : beat.spawn) child = quiet(std::move(child));
  }
  return story;
}

}  // namespace propdesk::cli::demo
