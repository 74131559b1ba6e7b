// `propdesk ticket fire TICKET EVENT [KEY=VALUE...] --db FILE --as USER:ROLE`: move a ticket on.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/actor_argument.hpp"
#include "cli/exit_status.hpp"
#include "cli/field_arguments.hpp"
#include "cli/ticket_commands.hpp"
#include "cli/ticket_json.hpp"
#include "cli/ticket_printer.hpp"
#include "cli/ticket_ref.hpp"

namespace propdesk::cli {

namespace {
struct FireOptions : TicketVerbOptions {
  std::string ticket;
  std::string event;
  std::vector<std::string> input;
  std::string actor;
};

void print_transition(const Transitioned& done, const Workflow* workflow) {
  const std::string move =
      done.from_state == done.to_state
          ? state_text(workflow, done.to_state) + " (stays)"
          : state_text(workflow, done.from_state) + " -> " + state_text(workflow, done.to_state);
  std::cout << done.ticket.code << ": " << done.event
            << (done.transition.empty() ? std::string() : " (" + done.transition + ")") << "  "
            << move << (done.closed ? "  (closed)" : "") << '\n';
  for (const NotificationRequest& n : done.notifications) {
    std::cout << "  notify " << (n.to_role ? "role " : "") << n.to << ": " << n.template_name
              << '\n';
  }
}

int run_fire(const FireOptions& opt) {
  const Actor actor = parse_actor(opt.actor);
  auto engine = open_engine(opt.session, DbAccess::kExisting);
  Result<Ticket> ticket = resolve_ticket(*engine, opt.ticket);
  if (!ticket) return report_rejection(ticket.rejection(), opt.json);
  const auto workflow = engine->workflow(ticket->workflow, ticket->workflow_version);
  // Without its workflow version the engine rejects the event (unknown-workflow) by itself.
  Fields input = workflow ? parse_field_arguments(*workflow, opt.input) : Fields{};
  Result<Transitioned> done = engine->fire(ticket->id, opt.event, std::move(input), actor);
  if (!done) return report_rejection(done.rejection(), opt.json);
  if (opt.json) {
    std::cout << transitioned_json(done.value(), workflow.get(), opt.show_pii).dump(2) << '\n';
  } else {
    print_transition(done.value(), workflow.get());
  }
  return kExitOk;
}
}  // namespace

void add_ticket_fire_command(CLI::App& ticket) {
  auto opt = std::make_shared<FireOptions>();
  CLI::App* cmd = ticket.add_subcommand("fire", "Fire an event on a ticket");
  cmd->add_option("ticket", opt->ticket, "Ticket id or code (BX-20261126-0001)")->required();
  cmd->add_option("event", opt->event, "Event name (dispatch, accept, ...)")->required();
  cmd->add_option("input", opt->input, "Event input as KEY=VALUE");
  cmd->add_option("--as", opt->actor, "Who acts, as USER:ROLE")->required();
  add_ticket_verb_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_fire(*opt); })); });
}

}  // namespace propdesk::cli
