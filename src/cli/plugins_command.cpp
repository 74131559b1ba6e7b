// `propdesk plugins [--plugin-dir DIR]... [--load NAME]... [--json]`: which plugins are in the plugin
// folders, their versions, what each provides, and which files were refused and why. Exits 1 when
// anything was refused (or a --load name was not found), so that a script or a deployment check
// notices a broken plugin folder.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/plugin_folder.hpp"
#include "cli/text_columns.hpp"
#include "cli/ticket_json.hpp"
#include "propdesk/builtin_dispatch_strategies.hpp"
#include "propdesk/plugin_loader.hpp"

namespace propdesk::cli {

namespace {

struct PluginsOptions {
  std::vector<std::string> dirs;
  std::vector<std::string> load;
  bool json = false;
};

std::string api_text(const PluginInfo& p) { return std::to_string(p.api_major) + "." + std::to_string(p.api_minor); }

std::string_view level_text(PluginMessage::Level level) {
  switch (level) {
    case PluginMessage::Level::kInfo: return "info";
    case PluginMessage::Level::kWarning: return "warning";
    case PluginMessage::Level::kError: return "error";
  }
  return "info";
}

Json plugin_json(const PluginInfo& p) {
  Json j;
  j["name"] = p.name;
  j["version"] = p.version;
  j["description"] = p.description;
  j["api"] = api_text(p);
  j["file"] = p.file.string();
  return j;
}

Json provided_json(const std::vector<Provided>& provided) {
  Json out = Json::array();
  for (const Provided& p : provided)
    out.push_back({{"kind", std::string(to_string(p.kind))}, {"name", p.name}, {"description", p.description}});
  return out;
}

void print_plugin(std::ostream& out, const PluginInfo& p) {
  out << "  " << p.name << ' ' << (p.version.empty() ? "(no version)" : p.version) << "  plugin API "
      << api_text(p) << "  " << p.file.string() << '\n';
  if (!p.description.empty()) out << "    " << p.description << '\n';
}

int run_plugins(const PluginsOptions& opt) {
  PluginLoadOptions load;
  for (const std::string& d : opt.dirs.empty() ? std::vector<std::string>{default_plugin_dir()} : opt.dirs)
    load.paths.emplace_back(d);
  load.load_all = opt.load.empty();
  for (const std::string& name : opt.load) load.load.push_back({name, {}});

  // The built-in things first, as in an engine: their names are taken, and they are listed too.
  PluginRegistry registry;
  add_builtin_dispatch_strategies(registry);
  std::vector<PluginMessage> messages;
  registry.set_message_handler([&messages](const PluginMessage& m) {
    if (m.level != PluginMessage::Level::kError) messages.push_back(m);  // failures are in the report
  });
  const PluginLoadReport report = load_plugins(registry, load);

  if (opt.json) {
    Json out;
    out["paths"] = Json::array();
    for (const auto& p : load.paths) out["paths"].push_back(p.string());
    out["builtin"] = provided_json(registry.provided_by(PluginRegistry::kBuiltin));
    out["loaded"] = Json::array();
    for (const PluginInfo& p : report.loaded) {
      Json j = plugin_json(p);
      j["provides"] = provided_json(registry.provided_by(p.name));
      out["loaded"].push_back(std::move(j));
    }
    out["found"] = Json::array();
    for (const PluginInfo& p : report.found) out["found"].push_back(plugin_json(p));
    out["refused"] = Json::array();
    for (const PluginFailure& f : report.failed) {
      out["refused"].push_back({{"file", f.file.empty() ? Json(nullptr) : Json(f.file.string())},
                                {"name", f.name},
                                {"reason", f.reason}});
    }
    out["messages"] = Json::array();
    for (const PluginMessage& m : messages)
      out["messages"].push_back({{"level", std::string(level_text(m.level))}, {"plugin", m.origin}, {"text", m.text}});
    std::cout << out.dump(2) << '\n';
    return report.ok() ? kExitOk : kExitError;
  }

  std::string paths;
  for (const auto& p : load.paths) paths += (paths.empty() ? "" : ", ") + p.string();
  std::cout << "plugin folders: " << paths << '\n';
  const std::vector<Provided> builtin = registry.provided_by(PluginRegistry::kBuiltin);
  std::cout << "built in (" << builtin.size() << "):\n";
  {
    TextTable table("  ");
    for (const Provided& item : builtin)
      table.add_row({std::string(to_string(item.kind)), item.name, item.description});
    table.print(std::cout);
  }
  std::cout << "loaded (" << report.loaded.size() << "):\n";
  for (const PluginInfo& p : report.loaded) {
    print_plugin(std::cout, p);
    TextTable table("    ");
    for (const Provided& item : registry.provided_by(p.name))
      table.add_row({std::string(to_string(item.kind)), item.name, item.description});
    table.print(std::cout);
  }
  if (!report.found.empty()) {
    std::cout << "found, not loaded (" << report.found.size() << "):\n";
    for (const PluginInfo& p : report.found) print_plugin(std::cout, p);
  }
  if (!messages.empty()) {
    std::cout << "messages:\n";
    for (const PluginMessage& m : messages)
      std::cout << "  " << m.origin << ": " << level_text(m.level) << ": " << m.text << '\n';
  }
  if (!report.failed.empty()) {
    std::cout << "refused (" << report.failed.size() << "):\n";
    for (const PluginFailure& f : report.failed) std::cout << "  " << f.to_string() << '\n';
  }
  return report.ok() ? kExitOk : kExitError;
}

}  // namespace

void add_plugins_command(CLI::App& app) {
  auto opt = std::make_shared<PluginsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "plugins", "List the plugins in the plugin folders, what each provides, and what was refused and why");
  cmd->add_option("--plugin-dir", opt->dirs,
                  "A folder of plugins (*.so) or a plugin file; repeatable. Default: the build tree's "
                  "plugins, else the installed lib/propdesk/plugins");
  cmd->add_option("--load", opt->load,
                  "Load only this plugin (by its name); repeatable. Default: every plugin found");
  cmd->add_flag("--json", opt->json, "Print the result as JSON");
  cmd->callback([opt] { std::exit(run_verb([&] { return run_plugins(*opt); })); });
}

}  // namespace propdesk::cli
