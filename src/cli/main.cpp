// propdesk: the command-line tool. Each verb lives in its own <verb>_command.cpp.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"

int main(int argc, char** argv) {
  CLI::App app{"propdesk: tickets of a property-management front desk (物业客服前台)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "propdesk 0.1.0");
  propdesk::cli::add_validate_command(app);
  propdesk::cli::add_graph_command(app);
  propdesk::cli::add_ticket_command(app);
  propdesk::cli::add_verify_command(app);
  propdesk::cli::add_report_command(app);
  propdesk::cli::add_advance_command(app);
  propdesk::cli::add_deliver_command(app);
  propdesk::cli::add_outbox_command(app);
  propdesk::cli::add_demo_command(app);
  propdesk::cli::add_plugins_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 has its own codes for usage errors; propdesk's are 0 (help, version) and 1.
    return app.exit(e) == 0 ? propdesk::cli::kExitOk : propdesk::cli::kExitError;
  }
  return 0;
}
