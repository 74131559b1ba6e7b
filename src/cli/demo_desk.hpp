// The demo's front desk: plays stories (a ticket and the events that follow it, with the delays
// between them) through the engine on a manual clock, and keeps what is worth telling.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/demo_schedule.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

struct Story;

/// One event of a story, some time after the previous one.
struct Beat {
  Duration after{0};
  Actor actor;
  std::string event;
  Fields input;
  std::string note;  ///< a notable moment for the timeline; "" for routine work
  /// A deliberate mistake: the engine must turn the event down for this reason, and the story
  /// goes on with the next beat.
  std::optional<Rejection::Reason> expect;
  std::vector<Story> spawn;  ///< tickets opened at this moment, before the event fires
  std::string link_field;    ///< input field that receives the code of the first spawned ticket
};

/// A ticket as it arrives, and what happens to it.
struct Story {
  std::string workflow;
  Fields fields;
  Actor opened_by;
  std::string note;     ///< a notable moment for the timeline at creation; "" for routine ones
  std::string feature;  ///< a name to find the ticket by for the report, or ""
  std::vector<Beat> beats;
};

/// A notable moment.
struct Moment {
  TimePoint at;
  std::string code;
  std::string text;
};

/// Plays stories. Every event goes through Engine::create/fire exactly as an embedding program
/// would call them; a rejection nobody expected is recorded as a failure and ends that story.
class DemoDesk {
 public:
  DemoDesk(Engine& engine, ManualClock& clock, OfficeHours hours);

  /// The story's ticket is created at `arrival` (moved into office hours).
  void open_at(TimePoint arrival, Story story);
  /// Plays everything opened, in time order, until the last office day closes.
  void run();

  [[nodiscard]] const std::vector<Moment>& timeline() const { return timeline_; }
  [[nodiscard]] const std::vector<std::string>& failures() const { return failures_; }
  /// The first ticket opened by a story with this feature.
  [[nodiscard]] std::optional<TicketId> featured(const std::string& feature) const;
  [[nodiscard]] int tickets_opened() const { return tickets_opened_; }
  [[nodiscard]] int events_fired() const { return events_fired_; }
  [[nodiscard]] int expected_rejections() const { return expected_rejections_; }
  [[nodiscard]] const OfficeHours& hours() const { return hours_; }

 private:
  struct Run {
    Story story;
    TicketId id = 0;
    std::string code;
  };
  std::shared_ptr<Run> create(Story story);
  void schedule_beat(std::shared_ptr<Run> run, std::size_t index, TimePoint previous);
  void play_beat(const std::shared_ptr<Run>& run, std::size_t index);
  void note(const std::string& code, const std::string& text);
  void fail(const std::string& code, const std::string& what, const Rejection& r);

  Engine& engine_;
  ManualClock& clock_;
  OfficeHours hours_;
  DemoSchedule schedule_;
  std::vector<Moment> timeline_;
  std::vector<std::string> failures_;
  std::map<std::string, TicketId> featured_;
  int tickets_opened_ = 0;
  int events_fired_ = 0;
  int expected_rejections_ = 0;
};

}  // namespace propdesk::cli::demo
