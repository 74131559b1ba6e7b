// The demo's front desk: plays stories (a ticket and the events that follow it, each at its
// planned instant) through the engine on a manual clock, moved by a Timekeeper so that every
// deadline in between is acted on at its own time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/demo_schedule.hpp"
#include "cli/demo_timekeeper.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

struct Story;

/// Somebody firing an event with some input.
struct Move {
  Actor actor;
  std::string event;
  Fields input;
};

/// One event of a story.
struct Beat {
  TimePoint at;  ///< planned within the desk's hours (see Plot)
  Move move;
  /// What the desk does instead when the ticket is major by then: it reads the severity off the
  /// ticket, as the procedures ask (a major complaint goes to the manager).
  std::optional<Move> if_major;
  /// The state the ticket must be in before the event, when something other than the story (a
  /// timer) should have moved it there; "" for no check.
  std::string expect_state;
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
  TimePoint at;         ///< when the ticket is created
  std::string feature;  ///< a name to find the ticket by for the report, or ""
  std::vector<Beat> beats;
};

/// A moment worth telling: a deliberate mistake and how the engine refused it.
struct Moment {
  TimePoint at;
  std::string code;
  std::string text;
};

/// Plays stories. Every event goes through Engine::create/fire exactly as an embedding program
/// would call them. Anything the script did not expect (a rejection, a mistake accepted, a ticket
/// not where a timer should have moved it, a deadline the engine could not act on) is a failure
/// and stops the demo.
class DemoDesk {
 public:
  DemoDesk(Engine& engine, ManualClock& clock, OfficeHours hours);

  /// The story's ticket is created at story.at; left out when that is after the last closing.
  void open(Story story);
  /// Something else the desk does at `when` (a shift handover).
  void at(TimePoint when, std::function<void()> action);
  /// Plays everything, in time order, then moves the clock to the last closing; stops at the
  /// first failure.
  void run();
  /// Records a failure and stops the demo.
  void fail(std::string what);
  /// fail() for a rejection nobody expected: "<what>: rejected: <reason>: <message>".
  void refused(const std::string& what, const Rejection& r);

  [[nodiscard]] const std::vector<std::string>& failures() const { return failures_; }
  [[nodiscard]] const std::vector<Moment>& mistakes() const { return mistakes_; }
  /// The first ticket opened by a story with this feature.
  [[nodiscard]] std::optional<TicketId> featured(const std::string& feature) const;
  [[nodiscard]] int tickets_opened() const { return tickets_opened_; }
  [[nodiscard]] int events_fired() const { return events_fired_; }
  [[nodiscard]] const OfficeHours& hours() const { return hours_; }

 private:
  struct Run {
    Story story;
    TicketId id = 0;
    std::string code;
  };
  std::shared_ptr<Run> create(Story story);
  void schedule_beat(std::shared_ptr<Run> run, std::size_t index);
  void play_beat(const std::shared_ptr<Run>& run, std::size_t index);
  // The move the beat makes on the ticket as it is now; nullopt (after fail()) when the ticket is
  // not where the beat needs it.
  std::optional<Move> choose_move(const Run& run, const Beat& beat);
  void move_clock(TimePoint t);

  Engine& engine_;
  ManualClock& clock_;
  OfficeHours hours_;
  Timekeeper timekeeper_;
  DemoSchedule schedule_;
  std::vector<std::string> failures_;
  std::vector<Moment> mistakes_;
  std::map<std::string, TicketId> featured_;
  int tickets_opened_ = 0;
  int events_fired_ = 0;
};

}  // namespace propdesk::cli::demo
