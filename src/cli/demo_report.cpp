#include "cli/demo_report.hpp"

#include <map>

#include "cli/local_time.hpp"
#include "cli/text_columns.hpp"
#include "cli/ticket_printer.hpp"

namespace propdesk::cli::demo {

void print_timeline(std::ostream& out, const std::vector<Moment>& moments, bool with_date) {
  TextTable table("  ");
  for (const Moment& m : moments) {
    const std::string when = with_date ? format_local(m.at).substr(5) : format_local_clock(m.at);
    table.add_row({when, m.code, m.text});
  }
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
    const auto state = workflow ? workflow->find_state(c.state) : std::nullopt;
    const bool final = state && workflow->state(*state).final;
    (final ? totals[c.workflow].finished : totals[c.workflow].open) += c.count;
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

void print_ticket_story(std::ostream& out, Engine& engine, TicketId id, const std::string& title) {
  auto snapshot = engine.store().get_with_history(id);
  if (!snapshot) return;
  const Ticket& t = snapshot->ticket;
  const auto workflow = engine.workflow(t.workflow, t.workflow_version);
  out << t.code << "  " << title << "  (" << t.workflow << ", severity " << t.severity << ", now "
      << state_text(workflow.get(), t.state) << ")\n";
  print_history(out, snapshot->entries, workflow.get(), /*show_pii=*/false, "  ", 60);
}

}  // namespace propdesk::cli::demo
