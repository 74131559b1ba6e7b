#include "lmdb_error.hpp"

#include <lmdb.h>

namespace propdesk::plugins {

void throw_lmdb(int rc, const char* operation, const std::string& where, std::size_t map_size) {
  const std::string said = std::string(operation) + ": " + mdb_strerror(rc);
  switch (rc) {
    case MDB_MAP_FULL:
      throw sdk::Error(PROPDESK_STATUS_FAILED, where + " is full (map_size " + std::to_string(map_size) +
                                                   " bytes): raise map_size (" + said + ")");
    case MDB_MAP_RESIZED:
      throw sdk::Error(PROPDESK_STATUS_FAILED, where + ": another process grew the map beyond this one's "
                                                       "map_size: reopen the database (" + said + ")");
    case MDB_READERS_FULL:
      throw sdk::Error(PROPDESK_STATUS_RETRY,
                       where + ": too many read transactions at once; try again (" + said + ")");
    case MDB_BAD_VALSIZE:
      throw sdk::Error(PROPDESK_STATUS_INVALID, where + ": a key or value of a size LMDB refuses (" + said + ")");
    default:
      throw sdk::Error(PROPDESK_STATUS_FAILED, where + ": " + said);
  }
}

}  // namespace propdesk::plugins
