// `propdesk ticket create|fire|show|list|history`: the group and the options its verbs share.
#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/ticket_commands.hpp"

namespace propdesk::cli {

void add_ticket_verb_options(CLI::App& verb, TicketVerbOptions& options) {
  add_session_options(verb, options.session);
  verb.add_flag("--json", options.json, "Print JSON (stable keys) instead of text");
  verb.add_flag("--show-pii", options.show_pii,
                "Show residents' personal data (phone, name) unmasked");
}

void add_ticket_command(CLI::App& app) {
  CLI::App* ticket = app.add_subcommand("ticket", "Create tickets, fire events, look at them");
  ticket->require_subcommand(1);
  add_ticket_create_command(*ticket);
  add_ticket_fire_command(*ticket);
  add_ticket_show_command(*ticket);
  add_ticket_list_command(*ticket);
  add_ticket_history_command(*ticket);
}

}  // namespace propdesk::cli
