// propdesk: the command-line tool. Each verb lives in its own <verb>_command.cpp.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"propdesk: tickets of a property-management front desk (物业客服前台)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "propdesk 0.1.0");
  propdesk::cli::add_validate_command(app);
  propdesk::cli::add_graph_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
