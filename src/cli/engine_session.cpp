#include "cli/engine_session.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <vector>

#include "cli/exit_status.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/engine_setup.hpp"

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
  CLI::Option* db = verb.add_option("--db", options.db, "SQLite database file");
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

std::shared_ptr<SqliteStore> open_store(const std::string& db, DbAccess access) {
  std::error_code ec;
  if (access != DbAccess::kCreate && !std::filesystem::exists(db, ec)) {
    throw CliError("no database at '" + db + "' (create a ticket first, or check --db)");
  }
  return std::make_shared<SqliteStore>(db);
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
  auto engine = std::make_unique<Engine>(open_store(options.db, access), std::move(engine_setup));
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
