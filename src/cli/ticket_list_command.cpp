// `propdesk ticket list [filters] --db FILE`: tickets matching a query, oldest first.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/exit_status.hpp"
#include "cli/ticket_commands.hpp"
#include "cli/ticket_json.hpp"
#include "cli/ticket_printer.hpp"

namespace propdesk::cli {

namespace {
struct ListOptions : TicketVerbOptions {
  std::string workflow, state, assignee, severity, location;
  std::size_t limit = 100;
  std::size_t offset = 0;
};

TicketQuery to_query(const ListOptions& opt) {
  TicketQuery q;
  auto set = [](std::optional<std::string>& slot, const std::string& value) {
    if (!value.empty()) slot = value;
  };
  set(q.workflow, opt.workflow);
  set(q.state, opt.state);
  set(q.assignee, opt.assignee);
  set(q.severity, opt.severity);
  set(q.location, opt.location);
  q.limit = opt.limit;
  q.offset = opt.offset;
  return q;
}

int run_list(const ListOptions& opt) {
  auto engine = open_engine(opt.session, DbAccess::kRead);
  const std::vector<Ticket> tickets = engine->query(to_query(opt));
  if (opt.json) {
    Json out = Json::array();
    for (const Ticket& t : tickets) {
      out.push_back(
          ticket_json(t, engine->workflow(t.workflow, t.workflow_version).get(), opt.show_pii));
    }
    std::cout << out.dump(2) << '\n';
  } else {
    print_ticket_list(std::cout, *engine, tickets, opt.show_pii);
  }
  return kExitOk;
}
}  // namespace

void add_ticket_list_command(CLI::App& ticket) {
  auto opt = std::make_shared<ListOptions>();
  CLI::App* cmd = ticket.add_subcommand("list", "List tickets, filtered");
  cmd->add_option("--workflow", opt->workflow, "Only this workflow");
  cmd->add_option("--state", opt->state, "Only tickets in this state");
  cmd->add_option("--assignee", opt->assignee, "Only tickets assigned to this user");
  cmd->add_option("--severity", opt->severity, "Only this severity (general, major)");
  cmd->add_option("--location", opt->location,
                  "Only locations starting with this (\"3-2-\": building 3, unit 2)");
  cmd->add_option("--limit", opt->limit, "At most this many tickets")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  cmd->add_option("--offset", opt->offset, "Skip this many matches first");
  add_ticket_verb_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_list(*opt); })); });
}

}  // namespace propdesk::cli
