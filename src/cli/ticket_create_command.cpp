// `propdesk ticket create WORKFLOW KEY=VALUE... --db FILE --as USER:ROLE`: log a new ticket.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/actor_argument.hpp"
#include "cli/exit_status.hpp"
#include "cli/field_arguments.hpp"
#include "cli/ticket_commands.hpp"
#include "cli/ticket_json.hpp"
#include "cli/ticket_printer.hpp"

namespace propdesk::cli {

namespace {
struct CreateOptions : TicketVerbOptions {
  std::string workflow;
  std::vector<std::string> fields;
  std::string actor;
};

int run_create(const CreateOptions& opt) {
  const Actor actor = parse_actor(opt.actor);
  auto engine = open_engine(opt.session, DbAccess::kCreate);
  const auto workflow = engine->workflow(opt.workflow);
  // An unknown workflow: the engine's rejection names it and suggests the nearest one.
  Fields fields = workflow ? parse_field_arguments(*workflow, opt.fields) : Fields{};
  Result<Ticket> created = engine->create(opt.workflow, std::move(fields), actor);
  if (!created) return report_rejection(created.rejection(), opt.json);
  const Ticket& t = created.value();
  if (opt.json) {
    std::cout << ticket_json(t, workflow.get(), opt.show_pii).dump(2) << '\n';
  } else {
    std::cout << "created " << t.code << " (id " << t.id << "): " << t.workflow << ", "
              << state_text(workflow.get(), t.state) << '\n';
  }
  return kExitOk;
}
}  // namespace

void add_ticket_create_command(CLI::App& ticket) {
  auto opt = std::make_shared<CreateOptions>();
  CLI::App* cmd = ticket.add_subcommand("create", "Create a ticket in a workflow's initial state");
  cmd->add_option("workflow", opt->workflow, "Workflow name (repair, complaint, ...)")->required();
  cmd->add_option("fields", opt->fields, "Fields as KEY=VALUE");
  cmd->add_option("--as", opt->actor, "Who acts, as USER:ROLE")->required();
  add_ticket_verb_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_create(*opt); })); });
}

}  // namespace propdesk::cli
