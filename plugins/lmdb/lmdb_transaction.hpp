// One LMDB transaction as the SDK's key-value transaction (propdesk/plugin_sdk.hpp): reads from a
// snapshot, writes under LMDB's writer lock (which serialises writers across processes), dropped
// unless committed.
#pragma once

#include <lmdb.h>

#include <functional>
#include <optional>
#include <string_view>

#include "lmdb_environment.hpp"

namespace propdesk::plugins {

class LmdbTransaction {
 public:
  /// Begins a read (snapshot) or write transaction; a write waits for other writers. Throws
  /// sdk::Error.
  LmdbTransaction(const LmdbEnvironment& environment, bool write);
  ~LmdbTransaction();
  LmdbTransaction(const LmdbTransaction&) = delete;
  LmdbTransaction& operator=(const LmdbTransaction&) = delete;

  /// The value under `key`, valid until the next write or the end of the transaction.
  std::optional<std::string_view> get(std::string_view key);
  /// Visits from <= key < to in LMDB's order (bytewise; an empty `to`: no bound) until visit says
  /// false.
  void scan(std::string_view from, std::string_view to,
            const std::function<bool(std::string_view key, std::string_view value)>& visit);
  void put(std::string_view key, std::string_view value);
  void erase(std::string_view key);
  /// Makes the writes durable (LMDB syncs on commit); the transaction is over either way.
  void commit();

 private:
  // Throws sdk::Error(INVALID) for a key LMDB cannot take (empty, or longer than its limit).
  void check_key(std::string_view key) const;
  [[noreturn]] void fail(int rc, const char* operation) const;

  const LmdbEnvironment& environment_;
  MDB_txn* txn_ = nullptr;
};

}  // namespace propdesk::plugins
