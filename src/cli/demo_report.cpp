#include "cli/demo_report.hpp"

#include <chrono>
#include <map>

#include "cli/local_time.hpp"
#include "cli/text_columns.hpp"
#include "cli/ticket_printer.hpp"

namespace propdesk::cli::demo {

namespace {

// "Thu 2026-11-26" for the desk's local date of `t`.
std::string day_label(TimePoint t) {
  static const char* const kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const std::chrono::weekday weekday{std::chrono::floor<std::chrono::days>(t + kDeskOffset)};
  return std::string(kWeekdays[weekday.c_encoding()]) + " " + format_local(t).substr(0, 10);
}

bool is_final(const Workflow* workflow, const std::string& state) {
  const auto id = workflow ? workflow->find_state(state) : std::nullopt;
  return id && workflow->state(*id).final;
}

std::vector<std::string> count_cells(std::string label, const DayCounts& c) {
  return {std::move(label),           std::to_string(c.arrivals), std::to_string(c.closed),
          std::to_string(c.warnings), std::to_string(c.breaches), std::to_string(c.escalations),
          std::to_string(c.major)};
}

}  // namespace

void print_days(std::ostream& out, const DayTally& tally, const OfficeHours& hours) {
  TextTable table("  ");
  table.add_row({"DAY", "ARRIVALS", "CLOSED", "WARNINGS", "BREACHES", "ESCALATIONS", "MAJOR"});
  for (std::size_t day = 0; day < tally.days().size(); ++day)
    table.add_row(count_cells(day_label(hours.opening(static_cast<int>(day))), tally.days()[day]));
  table.add_row(count_cells("total", tally.total()));
  table.print(out);
}

void print_moments(std::ostream& out, const std::vector<Moment>& moments) {
  TextTable table("  ");
  for (const Moment& m : moments) table.add_row({format_local(m.at).substr(5), m.code, m.text});
  table.print(out);
}

std::int64_t print_state_counts(std::ostream& out, Engine& engine) {
  struct Totals {
    std::int64_t finished = 0;
    std::int64_t open = 0;
  };
  std::map<std::string, Totals> totals;
  TextTable table("  ");
  std::string previous;
  for (const StateCount& c : engine.store().count_by_state()) {
    const auto workflow = engine.workflow(c.workflow);
    (is_final(workflow.get(), c.state) ? totals[c.workflow].finished : totals[c.workflow].open) +=
        c.count;
    table.add_row({c.workflow == previous ? "" : c.workflow, state_text(workflow.get(), c.state),
                   std::to_string(c.count)});
    previous = c.workflow;
  }
  table.print(out);
  std::int64_t open = 0;
  std::string line;
  for (const auto& [workflow, t] : totals) {
    line += (line.empty() ? "" : "; ") + workflow + " " + std::to_string(t.finished) +
            " finished, " + std::to_string(t.open) + " open";
    open += t.open;
  }
  out << "  " << line << '\n';
  return open;
}

void print_raised_to_major(std::ostream& out, Engine& engine) {
  TicketQuery query;
  query.severity = "major";
  TextTable table("  ");
  table.add_row({"CODE", "WHY (the rule's reason)", "NOW", "CLOSED BY"});
  for (const Ticket& t : engine.query(query)) {
    std::string reason;
    std::string outcome;
    for (const JournalEntry& e : engine.history(t.id)) {
      const auto it = e.input.find("reason");
      if (e.event == kSeverityRaisedEvent && it != e.input.end() &&
          it->second.kind() == Value::Kind::kString)
        reason = it->second.as_string();
      outcome = e.event + " by " + e.actor.id + ":" + e.actor.role;
    }
    if (reason.empty()) continue;  // made major by an action, not by a rule
    const auto workflow = engine.workflow(t.workflow, t.workflow_version);
    table.add_row({t.code, reason, state_text(workflow.get(), t.state),
                   is_final(workflow.get(), t.state) ? outcome : "-"});
  }
  out << "Raised to major by the severity rule (severity_raised), and who closed them\n";
  table.print(out);
}

void print_ticket_story(std::ostream& out, Engine& engine, TicketId id, const std::string& title) {
  auto snapshot = engine.store().get_with_history(id);
  if (!snapshot) return;
  const Ticket& t = snapshot->ticket;
  const auto workflow = engine.workflow(t.workflow, t.workflow_version);
  out << t.code << "  " << title << "  (" << t.workflow << ", severity " << t.severity << ", now "
      << state_text(workflow.get(), t.state) << ")\n";
  print_history(out, snapshot->entries, workflow.get(), /*show_pii=*/false, "  ", 60);
  // The rule's reason in full: the history cuts long inputs.
  for (const JournalEntry& e : snapshot->entries) {
    const auto reason = e.input.find("reason");
    if (e.event == kSeverityRaisedEvent && reason != e.input.end() &&
        reason->second.kind() == Value::Kind::kString)
      out << "  #" << e.seq << " severity_raised: " << reason->second.as_string() << '\n';
  }
}

}  // namespace propdesk::cli::demo
