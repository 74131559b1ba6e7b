// An lmdb database as the SDK's key-value store class (propdesk/plugin_sdk.hpp): opened from its
// settings (lmdb_settings.hpp), one per configured database, transactions begun from any thread.
#pragma once

#include <memory>
#include <string>

#include "lmdb_environment.hpp"
#include "lmdb_settings.hpp"
#include "lmdb_transaction.hpp"

namespace propdesk::plugins {

class LmdbDatabase {
 public:
  /// Throws sdk::Error(INVALID) for bad settings, sdk::Error(FAILED) when LMDB cannot open the file.
  explicit LmdbDatabase(const sdk::SettingsView& settings);
  /// "lmdb /var/lib/propdesk/desk.lmdb".
  [[nodiscard]] std::string describe() const { return environment_.where(); }
  [[nodiscard]] std::unique_ptr<LmdbTransaction> begin(bool write) const {
    return std::make_unique<LmdbTransaction>(environment_, write);
  }

 private:
  LmdbEnvironment environment_;
};

}  // namespace propdesk::plugins
