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
/// `propdesk ticket create|fire|show|list|history ...`
void add_ticket_command(CLI::App& app);
/// `propdesk verify --db FILE [--json]`
void add_verify_command(CLI::App& app);
/// `propdesk report daily|callbacks|handover|sla --db FILE ...`
void add_report_command(CLI::App& app);
/// `propdesk advance --db FILE [--to TIME] [--json]`
void add_advance_command(CLI::App& app);
/// `propdesk deliver --db FILE [--config FILE] [--once | --until-idle] [--json]`
void add_deliver_command(CLI::App& app);
/// `propdesk outbox purge --db FILE --older-than D [--status S]... [--json]`
void add_outbox_command(CLI::App& app);
/// `propdesk demo [--db FILE] [--days N] [--seed N]`
void add_demo_command(CLI::App& app);
/// `propdesk plugins [--plugin-dir DIR]... [--load NAME]... [--json]`
void add_plugins_command(CLI::App& app);

}  // namespace propdesk::cli
