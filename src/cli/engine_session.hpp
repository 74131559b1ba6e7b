// Opening a propdesk database for a verb: the --db, --config and --workflows options, the SQLite
// store and an engine set up as the configuration says (calendars, severity rules) with the
// workflow files loaded.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/store.hpp"

namespace CLI {
class App;
}

namespace propdesk::cli {

/// Where the data and the workflows are.
struct SessionOptions {
  std::string db;         ///< the database (--db): a SQLite file, or TYPE:FILE[?settings]
  /// A folder of workflow files (--workflows); empty: the files the configuration lists.
  std::string workflows;
  /// The engine configuration (--config); default_config_file().
  std::string config;
};

/// Whether a verb may create the database it is pointed at, or only reads it.
enum class DbAccess {
  /// The file must exist already (fire, advance, deliver, outbox purge, report handover --record).
  kExisting,
  kCreate,  ///< created when missing (ticket create, demo)
  /// The file must exist already and the verb only reads it (ticket show|list|history, report
  /// without --record, verify): open_engine() loads the workflow files without saving them in
  /// the store (EngineOptions::save_workflows), so the database is left as it was.
  kRead,
};

/// The shipped workflows of the source tree when it is there, else the installed ones.
std::string default_workflow_dir();

/// The shipped engine configuration: propdesk.yaml in default_workflow_dir().
std::string default_config_file();

/// Which session options a verb takes.
struct SessionOptionSpec {
  bool db_required = true;  ///< false: --db defaults to the value already in SessionOptions::db
  bool workflows = true;    ///< whether the verb loads workflows (takes --workflows)
};

/// Adds --db FILE, and for verbs that load workflows --config FILE (defaulting to
/// default_config_file()) and --workflows DIR (instead of the configuration's list), to a verb.
void add_session_options(CLI::App& verb, SessionOptions& options, SessionOptionSpec spec = {});

/// Opens the store --db names (database_address.hpp): a SQLite file, or a KvStore on a store
/// type that a plugin the configuration (--config, else the shipped one) loads provides, e.g.
/// `lmdb:desk.lmdb`. Throws CliError for a missing file unless kCreate, for an unknown store type
/// or bad settings; StoreError when the file is not a usable propdesk database. `config`: the
/// configuration when the caller has loaded it already (else it is loaded when needed).
std::shared_ptr<Store> open_store(const SessionOptions& options, DbAccess access,
                                  const EngineConfig* config = nullptr);

/// Loads every *.yaml file of `dir` (sorted by name) but the engine configuration
/// (kEngineConfigFileName, propdesk.yaml) into the engine. Throws CliError, after
/// printing the diagnostics to stderr, when the folder is missing or a file has an error.
void load_workflow_folder(Engine& engine, const std::filesystem::path& dir);

/// The engine configuration of --config (default_config_file() when empty). Throws CliError, after
/// printing the diagnostics to stderr, when it has an error.
EngineConfig load_session_config(const SessionOptions& options);

/// Opens the store and an engine on it set up by the configuration (--config), with the
/// configuration's workflows loaded, or those of --workflows when given. Throws CliError, after
/// printing the diagnostics to stderr, when the configuration or a workflow has an error.
/// Under DbAccess::kRead nothing is written to the store. `clock` defaults to the system clock.
std::unique_ptr<Engine> open_engine(const SessionOptions& options, DbAccess access,
                                    std::shared_ptr<const Clock> clock = nullptr);

}  // namespace propdesk::cli
