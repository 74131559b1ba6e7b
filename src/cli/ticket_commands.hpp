// The `propdesk ticket ...` verbs: what they share, and how each registers itself.
#pragma once

#include "cli/engine_session.hpp"

namespace CLI {
class App;
}

namespace propdesk::cli {

/// Options every ticket verb has.
struct TicketVerbOptions {
  SessionOptions session;
  bool json = false;
  bool show_pii = false;
};

/// Adds --db, --workflows, --json and --show-pii.
void add_ticket_verb_options(CLI::App& verb, TicketVerbOptions& options);

void add_ticket_create_command(CLI::App& ticket);
void add_ticket_fire_command(CLI::App& ticket);
void add_ticket_show_command(CLI::App& ticket);
void add_ticket_list_command(CLI::App& ticket);
void add_ticket_history_command(CLI::App& ticket);

}  // namespace propdesk::cli
