// `propdesk ticket show TICKET --db FILE`: one ticket in full.
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
struct ShowOptions : TicketVerbOptions {
  std::string ticket;
  std::string role;
};

int run_show(const ShowOptions& opt) {
  auto engine = open_engine(opt.session, DbAccess::kRead);
  Result<Ticket> ticket = resolve_ticket(*engine, opt.ticket);
  if (!ticket) return report_rejection(ticket.rejection(), opt.json);
  const auto workflow = engine->workflow(ticket->workflow, ticket->workflow_version);
  if (opt.json) {
    std::cout << ticket_json(ticket.value(), workflow.get(), opt.show_pii).dump(2) << '\n';
  } else {
    print_ticket(std::cout, *engine, ticket.value(), opt.show_pii,
                 opt.role.empty() ? std::nullopt : std::optional<std::string>(opt.role));
  }
  return kExitOk;
}
}  // namespace

void add_ticket_show_command(CLI::App& ticket) {
  auto opt = std::make_shared<ShowOptions>();
  CLI::App* cmd = ticket.add_subcommand("show", "Show one ticket");
  cmd->add_option("ticket", opt->ticket, "Ticket id or code (BX-20261126-0001)")->required();
  cmd->add_option("--role", opt->role, "List the next events for this role only");
  add_ticket_verb_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_show(*opt); })); });
}

}  // namespace propdesk::cli
