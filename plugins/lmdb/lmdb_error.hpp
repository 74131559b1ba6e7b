// LMDB's return codes as sdk::Error: the database named, what was being done, what LMDB said, and
// what to do where there is something to do (a full map: raise map_size).
#pragma once

#include <string>

#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

/// Throws sdk::Error for `rc` (not MDB_SUCCESS) from `operation` ("mdb_put") on the database
/// `where` ("lmdb /var/lib/propdesk/desk.lmdb"), whose map is `map_size` bytes.
[[noreturn]] void throw_lmdb(int rc, const char* operation, const std::string& where, std::size_t map_size);

/// Calls throw_lmdb unless rc is MDB_SUCCESS.
inline void check_lmdb(int rc, const char* operation, const std::string& where, std::size_t map_size) {
  if (rc != 0) throw_lmdb(rc, operation, where, map_size);
}

}  // namespace propdesk::plugins
