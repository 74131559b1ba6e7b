#include "cli/demo_handover.hpp"

#include <algorithm>
#include <chrono>

#include "cli/demo_plot.hpp"
#include "cli/report_commands.hpp"
#include "propdesk/handover_report.hpp"

namespace propdesk::cli::demo {

void ShiftHandovers::schedule(Rng& rng) {
  const OfficeHours& hours = desk_.hours();
  for (int day = 0; day < hours.days(); ++day) {
    const Duration after = minutes(rng, 2, 10);
    desk_.at(hours.closing(day), [this, day, after] { record(day, after); });
  }
}

void ShiftHandovers::record(int day, Duration acknowledged_after) {
  const OfficeHours& hours = desk_.hours();
  const Actor& outgoing = staff_.closing_clerk(day);
  const Actor& incoming = staff_.closing_clerk(day + 1);
  // The shift, up to and including the second of the handover.
  const HandoverReport report =
      handover_report(engine_.store(), engine_workflows(engine_),
                      {hours.opening(day), hours.closing(day) + std::chrono::seconds(1)});
  Result<Ticket> created =
      engine_.create(std::string(kHandoverWorkflow),
                     handover_ticket_fields(report, outgoing.id, incoming.id), outgoing);
  if (!created) {
    desk_.refused("handover by " + outgoing.id, created.rejection());
    return;
  }
  ++recorded_;
  const std::string summary = handover_summary(report);
  last_ = created->code + " (" + outgoing.id + " -> " + incoming.id +
          "): " + summary.substr(0, summary.find('\n'));
  const TicketId id = created->id;
  const std::string code = created->code;
  const TimePoint morning = hours.opening(day + 1) + acknowledged_after;
  if (day + 1 >= hours.days()) return;
  desk_.at(morning, [this, id, code, incoming] {
    const std::optional<Ticket> waiting = engine_.get(id);
    const bool late = waiting && std::any_of(waiting->clocks.begin(), waiting->clocks.end(),
                                             [](const SlaClockState& c) { return c.breached; });
    Result<Transitioned> done = engine_.fire(id, "acknowledge", {}, incoming);
    if (!done) {
      desk_.refused(code + ": acknowledge by " + incoming.id, done.rejection());
      return;
    }
    ++acknowledged_;
    acknowledged_late_ += late ? 1 : 0;
  });
}

}  // namespace propdesk::cli::demo
