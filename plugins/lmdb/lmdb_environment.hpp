// One user's handle on the LMDB environment of a database file. LMDB allows one environment per
// file and process (a second one would break its file locks), so every database this process opens
// on one file shares one environment, closed when its last user goes. The environment is opened
// with MDB_NOSUBDIR (the file and "<path>-lock" side by side) and MDB_NOTLS (read transactions are
// not tied to threads), with LMDB's default durable sync.
#pragma once

#include <lmdb.h>

#include <cstddef>
#include <string>

#include "lmdb_settings.hpp"

namespace propdesk::plugins {

class LmdbEnvironment {
 public:
  /// Opens (or shares) the environment of settings.path. When it is shared, the first opener's
  /// map_size holds. Throws sdk::Error when LMDB cannot open the file.
  explicit LmdbEnvironment(const LmdbSettings& settings);
  ~LmdbEnvironment();
  LmdbEnvironment(const LmdbEnvironment&) = delete;
  LmdbEnvironment& operator=(const LmdbEnvironment&) = delete;

  [[nodiscard]] MDB_env* env() const noexcept;
  [[nodiscard]] MDB_dbi dbi() const noexcept;
  /// "lmdb /var/lib/propdesk/desk.lmdb" (the path as the settings give it), for messages.
  [[nodiscard]] const std::string& where() const noexcept { return where_; }
  /// The map's size in bytes (the setting, or the file's when that is larger).
  [[nodiscard]] std::size_t map_size() const noexcept;
  /// The longest key LMDB takes (mdb_env_get_maxkeysize).
  [[nodiscard]] std::size_t max_key_size() const noexcept;

  struct Shared;  // the environment and its users, in a process-wide table

 private:
  std::string where_;
  Shared* shared_;
};

}  // namespace propdesk::plugins
