#include "cli/engine_session.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <vector>

#include "cli/configured_plugins.hpp"
#include "cli/database_address.hpp"
#include "cli/exit_status.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/engine_setup.hpp"
#include "propdesk/kv_store.hpp"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/sqlite_store.hpp"

namespace propdesk::cli {

std::string default_workflow_dir() {
  std::error_code ec;
  if (std::filesystem::is_directory(PROPDESK_WORKFLOW_DIR, ec)) return PROPDESK_WORKFLOW_DIR;
  return PROPDESK_INSTALLED_WORKFLOW_DIR;
}

std::string default_config_file() {
  return (std::filesystem::path(default_workflow_dir()) / kEngineConfigFileName).string();
}

void add_session_options(CLI::App& verb, SessionOptions& options, SessionOptionSpec spec) {
  CLI::Option* db = verb.add_option(
      "--db", options.db,
      "The database: a SQLite file, or TYPE:FILE[?KEY=VALUE&...] for a store type a plugin "
      "provides (e.g. lmdb:desk.lmdb)");
  if (spec.db_required) {
    db->required();
  } else {
    db->capture_default_str();
  }
  if (spec.workflows) {
    options.config = default_config_file();
    verb.add_option("--config", options.config,
                    "Engine configuration (calendars, severity rules, workflows)")
        ->capture_default_str();
    verb.add_option("--workflows", options.workflows,
                    "Folder of workflow YAML files, instead of the configuration's list");
  }
}

std::shared_ptr<Store> open_store(const SessionOptions& options, DbAccess access,
                                  const EngineConfig* config) {
  const DatabaseAddress address = parse_database_address(options.db);
  std::error_code ec;
  const bool missing = access != DbAccess::kCreate && !std::filesystem::exists(address.path, ec);
  const auto no_database = [&] {
    return CliError("no database at '" + address.path + "' (create a ticket first, or check --db)");
  };
  if (address.sqlite()) {
    if (missing) throw no_database();
    return std::make_shared<SqliteStore>(address.path);
  }
  // A store type a plugin provides: the plugins the configuration loads (by default every shipped
  // one) are looked for, then the type opens the file. An unknown type is named as such, also
  // when there is no file.
  PluginRegistry registry;
  const PluginLoadReport report = load_configured_plugins(
      registry, config ? config->plugins : load_session_config(options).plugins, {});
  if (missing && registry.kv_store_type(address.type)) throw no_database();
  Settings settings = address.settings;
  settings["path"] = address.path;
  try {
    return std::make_shared<KvStore>(
        std::shared_ptr<KvBackend>(registry.open_kv_store(address.type, settings)));
  } catch (const std::invalid_argument& e) {
    std::string why = e.what();
    for (const PluginFailure& f : report.failed) why += "\n  " + f.to_string();
    throw CliError("--db '" + options.db + "': " + why);
  }
}

void load_workflow_folder(Engine& engine, const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw CliError("workflow folder '" + dir.string() + "' does not exist (see --workflows)");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    // The engine configuration may live beside the workflows; it is not one of them.
    if (entry.is_regular_file() && entry.path().extension() == ".yaml" &&
        entry.path().filename() != kEngineConfigFileName)
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw CliError("no workflow files (*.yaml) in '" + dir.string() + "'");
  for (const auto& file : files) {
    const std::vector<Diagnostic> findings = engine.load_workflow_file(file);
    if (has_errors(findings)) {
      for (const auto& d : findings) std::cerr << d.to_string() << '\n';
      throw CliError("cannot load workflow file '" + file.string() + "'");
    }
  }
}

EngineConfig load_session_config(const SessionOptions& options) {
  const std::string config_file = options.config.empty() ? default_config_file() : options.config;
  EngineConfigLoadResult config = load_engine_config_file(config_file);
  if (!config.ok()) {
    for (const auto& d : config.diagnostics) std::cerr << d.to_string() << '\n';
    throw CliError("cannot load the engine configuration '" + config_file + "' (see --config)");
  }
  return std::move(*config.config);
}

std::unique_ptr<Engine> open_engine(const SessionOptions& options, DbAccess access,
                                    std::shared_ptr<const Clock> clock) {
  const EngineConfig config = load_session_config(options);
  EngineOptions engine_setup = engine_options(config, std::move(clock));
  engine_setup.save_workflows = access != DbAccess::kRead;  // a read must not write
  auto engine =
      std::make_unique<Engine>(open_store(options, access, &config), std::move(engine_setup));
  if (!options.workflows.empty()) {
    load_workflow_folder(*engine, options.workflows);
    return engine;
  }
  const std::vector<Diagnostic> findings = load_workflows(*engine, config);
  if (has_errors(findings)) {
    for (const auto& d : findings) std::cerr << d.to_string() << '\n';
    throw CliError("cannot load the workflows of '" +
                   (options.config.empty() ? default_config_file() : options.config) + "'");
  }
  return engine;
}

}  // namespace propdesk::cli
