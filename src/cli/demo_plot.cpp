#include "cli/demo_plot.hpp"

#include <algorithm>

namespace propdesk::cli::demo {

Duration minutes(Rng& rng, int lo, int hi) { return std::chrono::minutes(draw(rng, lo, hi)); }

Plot::Plot(const Scene& s, std::string workflow, Fields fields, Actor opened_by)
    : hours_(s.hours), planned_(s.arrival) {
  story_.workflow = std::move(workflow);
  story_.fields = std::move(fields);
  story_.opened_by = std::move(opened_by);
  story_.at = s.arrival;
}

Plot& Plot::feature(std::string name) {
  story_.feature = std::move(name);
  return *this;
}

Plot& Plot::then(Duration after, const Actor& actor, std::string event, Fields input) {
  return at(planned_ + after, actor, std::move(event), std::move(input));
}

Plot& Plot::at(TimePoint when, const Actor& actor, std::string event, Fields input) {
  const TimePoint wanted = std::max(when, planned_);
  // After the last closing the story stops here: the desk does not play beats past the end.
  planned_ = hours_.fit(wanted).value_or(wanted);
  Beat beat;
  beat.at = planned_;
  beat.move = Move{actor, std::move(event), std::move(input)};
  story_.beats.push_back(std::move(beat));
  return *this;
}

Plot& Plot::if_major(const Actor& actor, std::string event, Fields input) {
  story_.beats.back().if_major = Move{actor, std::move(event), std::move(input)};
  return *this;
}

Plot& Plot::expecting(std::string state) {
  story_.beats.back().expect_state = std::move(state);
  return *this;
}

Plot& Plot::mistake(Duration after, const Actor& actor, std::string event, Fields input,
                    Rejection::Reason reason) {
  then(after, actor, std::move(event), std::move(input));
  story_.beats.back().expect = reason;
  return *this;
}

Plot& Plot::fill_in(std::size_t beat, const std::string& field, Value value) {
  story_.beats.at(beat).move.input.insert_or_assign(field, std::move(value));
  return *this;
}

Plot& Plot::spawning(Story child, std::string link_field) {
  Beat& last = story_.beats.back();
  last.spawn.push_back(std::move(child));
  last.link_field = std::move(link_field);
  return *this;
}

}  // namespace propdesk::cli::demo
