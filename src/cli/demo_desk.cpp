#include "cli/demo_desk.hpp"

#include <algorithm>

namespace propdesk::cli::demo {

namespace {

std::string who(const Actor& actor) { return actor.id + ":" + actor.role; }

std::string refusal(const Rejection& r) {
  return "rejected: " + std::string(to_string(r.reason)) + ": " + r.message;
}

}  // namespace

DemoDesk::DemoDesk(Engine& engine, ManualClock& clock, OfficeHours hours)
    : engine_(engine), clock_(clock), hours_(hours), timekeeper_(engine, clock) {}

void DemoDesk::open(Story story) {
  if (story.at > hours_.end()) return;
  const TimePoint when = story.at;
  schedule_.at(when, [this, story = std::move(story)]() mutable {
    if (auto run = create(std::move(story))) schedule_beat(run, 0);
  });
}

void DemoDesk::at(TimePoint when, std::function<void()> action) {
  schedule_.at(when, std::move(action));
}

void DemoDesk::run() {
  schedule_.run([this](TimePoint t) { move_clock(t); });
  if (failures_.empty()) move_clock(hours_.end());
}

void DemoDesk::move_clock(TimePoint t) {
  timekeeper_.move_to(t);
  for (std::string& problem : timekeeper_.take_problems()) fail("deadline: " + problem);
}

void DemoDesk::fail(std::string what) {
  failures_.push_back(std::move(what));
  schedule_.stop();
}

void DemoDesk::refused(const std::string& what, const Rejection& r) {
  fail(what + ": " + refusal(r));
}

std::optional<TicketId> DemoDesk::featured(const std::string& feature) const {
  auto it = featured_.find(feature);
  return it == featured_.end() ? std::nullopt : std::optional<TicketId>(it->second);
}

std::shared_ptr<DemoDesk::Run> DemoDesk::create(Story story) {
  Result<Ticket> created = engine_.create(story.workflow, story.fields, story.opened_by);
  if (!created) {
    refused(story.workflow + ": create by " + who(story.opened_by), created.rejection());
    return nullptr;
  }
  ++tickets_opened_;
  auto run = std::make_shared<Run>();
  run->id = created->id;
  run->code = created->code;
  if (!story.feature.empty()) featured_.emplace(story.feature, run->id);
  run->story = std::move(story);
  return run;
}

void DemoDesk::schedule_beat(std::shared_ptr<Run> run, std::size_t index) {
  if (index >= run->story.beats.size()) return;
  const TimePoint when = run->story.beats[index].at;
  if (when > hours_.end()) return;  // the rest of the story happens after the days played
  schedule_.at(std::max(when, clock_.now()),
               [this, run = std::move(run), index] { play_beat(run, index); });
}

std::optional<Move> DemoDesk::choose_move(const Run& run, const Beat& beat) {
  const std::optional<Ticket> ticket = engine_.get(run.id);
  if (!ticket) {
    fail(run.code + ": the ticket is gone");
    return std::nullopt;
  }
  if (!beat.expect_state.empty() && ticket->state != beat.expect_state) {
    fail(run.code + ": before " + beat.move.event + " the ticket should be in state '" +
         beat.expect_state + "' (moved there by a timer), but it is in '" + ticket->state + "'");
    return std::nullopt;
  }
  return beat.if_major && ticket->severity == "major" ? *beat.if_major : beat.move;
}

void DemoDesk::play_beat(const std::shared_ptr<Run>& run, std::size_t index) {
  Beat& beat = run->story.beats[index];
  for (Story& spawned : beat.spawn) {
    auto child = create(std::move(spawned));
    if (!child) return;
    if (!beat.link_field.empty() && !beat.move.input.contains(beat.link_field))
      beat.move.input.emplace(beat.link_field, child->code);
    schedule_beat(child, 0);
  }
  const std::optional<Move> move = choose_move(*run, beat);
  if (!move) return;
  const std::string what = move->event + " by " + who(move->actor);
  Result<Transitioned> done = engine_.fire(run->id, move->event, move->input, move->actor);
  if (beat.expect) {
    if (done || done.rejection().reason != *beat.expect) {
      fail(run->code + ": " + what + " should have been rejected (" +
           std::string(to_string(*beat.expect)) + ")");
      return;
    }
    mistakes_.push_back(Moment{clock_.now(), run->code, what + " -> " + refusal(done.rejection())});
  } else if (!done) {
    refused(run->code + ": " + what, done.rejection());
    return;
  } else {
    ++events_fired_;
  }
  schedule_beat(run, index + 1);
}

}  // namespace propdesk::cli::demo
