// The shift handover (交接班) in the demo: each evening at closing the clerk who closes the desk
// records the day's handover for the clerk who opens it the next morning: the library's handover
// report for the shift (handover_report), a ticket of the shipped `handover` workflow with
// handover_ticket_fields(). The incoming clerk acknowledges it the next morning, so that who handed
// over to whom is in the journal.
#pragma once

#include <string>

#include "cli/demo_desk.hpp"
#include "cli/demo_estate.hpp"
#include "propdesk/engine.hpp"

namespace propdesk::cli::demo {

class ShiftHandovers {
 public:
  ShiftHandovers(Engine& engine, DemoDesk& desk, const Staff& staff)
      : engine_(engine), desk_(desk), staff_(staff) {}

  /// Plans the handover at every closing and the acknowledgement a few minutes after the next
  /// opening (the last evening's waits for a morning the demo does not play).
  void schedule(Rng& rng);

  [[nodiscard]] int recorded() const { return recorded_; }
  [[nodiscard]] int acknowledged() const { return acknowledged_; }
  /// Acknowledged after an SLA clock of the handover had breached.
  [[nodiscard]] int acknowledged_late() const { return acknowledged_late_; }
  /// The last handover recorded: its code, who handed over to whom, and the first line of its
  /// summary (handover_summary()).
  [[nodiscard]] const std::string& last() const { return last_; }

 private:
  void record(int day, Duration acknowledged_after);

  Engine& engine_;
  DemoDesk& desk_;
  const Staff& staff_;
  int recorded_ = 0;
  int acknowledged_ = 0;
  int acknowledged_late_ = 0;
  std::string last_;
};

}  // namespace propdesk::cli::demo
