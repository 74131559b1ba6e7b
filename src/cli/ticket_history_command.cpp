// `propdesk ticket history TICKET --db FILE`: the journal of one ticket, oldest first.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/exit_status.hpp"
#include "cli/ticket_commands.hpp"
#include "cli/ticket_json.hpp"
#include "cli/ticket_printer.hpp"
#include "cli/ticket_ref.hpp"

namespace propdesk::cli {

namespace {
struct HistoryOptions : TicketVerbOptions {
  std::string ticket;
};

int run_history(const HistoryOptions& opt) {
  auto engine = open_engine(opt.session, DbAccess::kRead);
  Result<Ticket> ticket = resolve_ticket(*engine, opt.ticket);
  if (!ticket) return report_rejection(ticket.rejection(), opt.json);
  // Ticket and journal from one snapshot, so the two agree even while others write.
  std::optional<TicketHistory> snapshot = engine->store().get_with_history(ticket->id);
  if (!snapshot) {
    return report_rejection({Rejection::Reason::kUnknownTicket, "no ticket " + opt.ticket, {}, {}},
                            opt.json);
  }
  const Ticket& t = snapshot->ticket;
  const auto workflow = engine->workflow(t.workflow, t.workflow_version);
  if (opt.json) {
    Json entries = Json::array();
    for (const JournalEntry& e : snapshot->entries)
      entries.push_back(entry_json(e, workflow.get(), opt.show_pii));
    Json out;
    out["ticket"] = ticket_json(t, workflow.get(), opt.show_pii);
    out["entries"] = std::move(entries);
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << t.code << "  " << t.workflow << " v" << t.workflow_version << "  now "
              << state_text(workflow.get(), t.state) << "  (" << snapshot->entries.size()
              << " entries)\n";
    print_history(std::cout, snapshot->entries, workflow.get(), opt.show_pii, "  ");
  }
  return kExitOk;
}
}  // namespace

void add_ticket_history_command(CLI::App& ticket) {
  auto opt = std::make_shared<HistoryOptions>();
  CLI::App* cmd = ticket.add_subcommand("history", "Show a ticket's journal");
  cmd->add_option("ticket", opt->ticket, "Ticket id or code (BX-20261126-0001)")->required();
  add_ticket_verb_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_history(*opt); })); });
}

}  // namespace propdesk::cli
