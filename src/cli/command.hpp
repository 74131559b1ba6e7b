// Each verb of the `propdesk` command registers itself on the CLI11 app through one of these.
#pragma once

namespace CLI {
class App;
}

namespace propdesk::cli {

/// `propdesk validate FILE... [--json]`
void add_validate_command(CLI::App& app);
/// `propdesk graph FILE --format dot|mermaid`
void add_graph_command(CLI::App& app);

}  // namespace propdesk::cli
