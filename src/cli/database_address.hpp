// What --db names: a SQLite file (the default), or a database of a store type a plugin provides,
// written TYPE:PATH with optional settings after '?', e.g. `lmdb:desk.lmdb?map_size=4GiB`.
#pragma once

#include <string>
#include <string_view>

#include "propdesk/settings.hpp"

namespace propdesk::cli {

/// A parsed --db value.
struct DatabaseAddress {
  /// "sqlite" for a SQLite file (a plain path, or `sqlite:PATH`), otherwise a store type's name.
  std::string type = "sqlite";
  std::string path;  ///< the file (for a store type: its `path` setting)
  /// The store type's other settings (`?key=value&key=value`); always empty for SQLite.
  Settings settings;

  [[nodiscard]] bool sqlite() const { return type == "sqlite"; }
};

/// Parses a --db value. A prefix before the first ':' is a store type only when it is a name
/// ([a-z][a-z0-9_.-]*, at most 64 bytes, and not a single letter); otherwise the whole value is
/// a SQLite path ("./a:b.db", "/srv/x:y.db"). Throws CliError for an empty path, settings on a
/// SQLite file, a setting without '=' or a repeated or `path` setting.
DatabaseAddress parse_database_address(std::string_view value);

}  // namespace propdesk::cli
