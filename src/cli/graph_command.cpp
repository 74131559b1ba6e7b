// `propdesk graph FILE --format dot|mermaid`: draw a workflow.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "propdesk/workflow_graph.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk::cli {

namespace {
struct GraphOptions {
  std::string file;
  std::string format = "dot";
};

int run_graph(const GraphOptions& opt) {
  LoadResult loaded = load_workflow_file(opt.file);
  for (const auto& d : loaded.diagnostics) std::cerr << d.to_string() << '\n';
  if (!loaded.ok()) return 1;
  std::cout << (opt.format == "mermaid" ? to_mermaid(*loaded.workflow) : to_dot(*loaded.workflow));
  return 0;
}
}  // namespace

void add_graph_command(CLI::App& app) {
  auto opt = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand("graph", "Draw a workflow as Graphviz DOT or Mermaid");
  cmd->add_option("file", opt->file, "Workflow YAML file")->required();
  cmd->add_option("--format", opt->format, "dot or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  cmd->callback([opt] { std::exit(run_graph(*opt)); });
}

}  // namespace propdesk::cli
