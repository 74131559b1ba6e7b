#include "cli/demo_desk.hpp"

namespace propdesk::cli::demo {

DemoDesk::DemoDesk(Engine& engine, ManualClock& clock, OfficeHours hours)
    : engine_(engine), clock_(clock), hours_(hours) {}

void DemoDesk::open_at(TimePoint arrival, Story story) {
  auto when = hours_.fit(arrival);
  if (!when) return;
  schedule_.at(*when, [this, story = std::move(story)]() mutable {
    if (auto run = create(std::move(story))) schedule_beat(run, 0, clock_.now());
  });
}

void DemoDesk::run() {
  schedule_.run([this](TimePoint t) { clock_.set(t); });
}

std::optional<TicketId> DemoDesk::featured(const std::string& feature) const {
  auto it = featured_.find(feature);
  return it == featured_.end() ? std::nullopt : std::optional<TicketId>(it->second);
}

std::shared_ptr<DemoDesk::Run> DemoDesk::create(Story story) {
  Result<Ticket> created = engine_.create(story.workflow, story.fields, story.opened_by);
  if (!created) {
    fail(story.workflow, "create", created.rejection());
    return nullptr;
  }
  ++tickets_opened_;
  auto run = std::make_shared<Run>();
  run->id = created->id;
  run->code = created->code;
  if (!story.feature.empty()) featured_.emplace(story.feature, run->id);
  if (!story.note.empty()) note(run->code, story.note);
  run->story = std::move(story);
  return run;
}

void DemoDesk::schedule_beat(std::shared_ptr<Run> run, std::size_t index, TimePoint previous) {
  if (index >= run->story.beats.size()) return;
  auto when = hours_.fit(previous + run->story.beats[index].after);
  if (!when) return;  // the rest of the story happens after the days played
  schedule_.at(*when, [this, run = std::move(run), index] { play_beat(run, index); });
}

void DemoDesk::play_beat(const std::shared_ptr<Run>& run, std::size_t index) {
  Beat& beat = run->story.beats[index];
  for (Story& spawned : beat.spawn) {
    auto child = create(std::move(spawned));
    if (!child) continue;
    if (!beat.link_field.empty() && !beat.input.contains(beat.link_field))
      beat.input.emplace(beat.link_field, child->code);
    schedule_beat(child, 0, clock_.now());
  }
  Result<Transitioned> done = engine_.fire(run->id, beat.event, beat.input, beat.actor);
  if (beat.expect) {
    if (done || done.rejection().reason != *beat.expect) {
      failures_.push_back(run->code + ": " + beat.event + " by " + beat.actor.role +
                          " should have been rejected (" + std::string(to_string(*beat.expect)) +
                          ")");
      return;
    }
    ++expected_rejections_;
    note(run->code, beat.note + " -> rejected: " + std::string(to_string(done.rejection().reason)) +
                        ": " + done.rejection().message);
  } else if (!done) {
    fail(run->code, beat.event + " by " + beat.actor.id + ":" + beat.actor.role, done.rejection());
    return;
  } else {
    ++events_fired_;
    if (!beat.note.empty()) note(run->code, beat.note);
  }
  schedule_beat(run, index + 1, clock_.now());
}

void DemoDesk::note(const std::string& code, const std::string& text) {
  timeline_.push_back(Moment{clock_.now(), code, text});
}

void DemoDesk::fail(const std::string& code, const std::string& what, const Rejection& r) {
  failures_.push_back(code + ": " + what + ": rejected: " + std::string(to_string(r.reason)) +
                      ": " + r.message);
}

}  // namespace propdesk::cli::demo
