#include "cli/demo_tally.hpp"

#include <chrono>

#include "propdesk/handover_report.hpp"

namespace propdesk::cli::demo {

DayCounts& DayCounts::operator+=(const DayCounts& other) {
  arrivals += other.arrivals;
  closed += other.closed;
  warnings += other.warnings;
  breaches += other.breaches;
  escalations += other.escalations;
  major += other.major;
  return *this;
}

DayTally::DayTally(EventBus& bus, const OfficeHours& hours)
    : first_midnight_(hours.first_midnight()),
      days_(static_cast<std::size_t>(hours.days())),
      subscription_(bus.subscribe_all([this](const TicketEvent& e) { count(e); })) {}

DayCounts DayTally::total() const {
  DayCounts sum;
  for (const DayCounts& d : days_) sum += d;
  return sum;
}

void DayTally::count(const TicketEvent& e) {
  const auto day =
      std::chrono::floor<std::chrono::days>(e.ticket.updated_at - first_midnight_).count();
  if (day < 0 || day >= static_cast<std::int64_t>(days_.size())) return;
  DayCounts& d = days_[static_cast<std::size_t>(day)];
  const bool residents = e.ticket.workflow != kHandoverWorkflow;
  switch (e.kind) {
    case TicketEvent::Kind::kCreated:
      d.arrivals += residents ? 1 : 0;
      break;
    case TicketEvent::Kind::kClosed:
      d.closed += residents ? 1 : 0;
      break;
    case TicketEvent::Kind::kSlaWarning:
      ++d.warnings;
      break;
    case TicketEvent::Kind::kSlaBreached:
      ++d.breaches;
      break;
    case TicketEvent::Kind::kEscalated:
      ++d.escalations;
      break;
    case TicketEvent::Kind::kTransitioned:
    case TicketEvent::Kind::kSeverityRaised:
      break;
  }
  if (e.ticket.severity == "major" && major_.insert(e.ticket.id).second) ++d.major;
}

}  // namespace propdesk::cli::demo
