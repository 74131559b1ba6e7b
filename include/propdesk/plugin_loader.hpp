// propdesk/plugin_loader.hpp: finding plugin files, checking them, and registering what they provide.
//
// Plugins are shared objects (propdesk/plugin_api.h) in configured folders. load_plugins() looks at
// every `*.so` file of every folder (folders in the order given, files sorted by name; a path that
// names a file is taken as that file), and for each:
//   1. checks that it is an ELF file and opens it with dlopen(RTLD_NOW | RTLD_LOCAL);
//   2. looks up `propdesk_plugin_entry` and calls it;
//   3. checks the descriptor: the plugin API major version must be propdesk's, the descriptor at
//      least as large as that version's, the name well-formed and not taken by another plugin;
//   4. when the plugin is to be loaded, calls its register function with its settings and adds what
//      it registered to the registry, all or nothing (a name another plugin or a built-in provides
//      already refuses the whole plugin).
// A file that fails any step is refused with a reason naming the file, and the others go on: a
// broken plugin never stops propdesk and never throws out of load_plugins(). Every call into a
// plugin is wrapped in try/catch. Files are never unloaded (dlclose is never called): code of a
// refused plugin stays mapped, but nothing of it is called again.
//
// Which plugins are loaded: with `load_all`, every plugin found; otherwise those named in `load`,
// each with its settings. A plugin found but not named is reported as found (its descriptor was
// read, its register function not called).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/settings.hpp"

namespace propdesk {

/// A plugin to load, by the name in its descriptor, with its settings.
struct PluginRequest {
  std::string name;
  Settings settings;
};

/// Where to look and what to load.
struct PluginLoadOptions {
  std::vector<std::filesystem::path> paths;  ///< folders (or single plugin files), searched in order
  std::vector<PluginRequest> load;           ///< the plugins to load (ignored with load_all)
  bool load_all = false;                     ///< load every plugin found, with empty settings
};

/// A file (or a requested name) that was refused, and why.
struct PluginFailure {
  std::filesystem::path file;  ///< empty for a requested name that no file provides
  std::string name;            ///< the plugin's name when it was read; may be empty
  std::string reason;          ///< e.g. "not a shared object (no ELF header)"

  /// "FILE: REASON" (or "plugin 'NAME': REASON" when there is no file).
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const PluginFailure&, const PluginFailure&) = default;
};

/// What one load_plugins() call did.
struct PluginLoadReport {
  std::vector<PluginInfo> loaded;     ///< registered, in load order
  std::vector<PluginInfo> found;      ///< valid plugins that were not asked for
  std::vector<PluginFailure> failed;  ///< refused files and requested names not found
  [[nodiscard]] bool ok() const { return failed.empty(); }
};

/// Finds, checks and loads plugins into `registry` (see the top of this file). Never throws for a
/// bad plugin or a missing folder (those are failures in the report); throws std::bad_alloc only.
/// Also sends one kError PluginMessage per failure through the registry.
PROPDESK_API PluginLoadReport load_plugins(PluginRegistry& registry, const PluginLoadOptions& options);

}  // namespace propdesk
