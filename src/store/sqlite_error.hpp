// StoreError messages for failures that come out of SQLite.
#pragma once

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>
#include <string_view>

#include "propdesk/store_error.hpp"

namespace propdesk {

/// "<file>: <doing>: <SQLite's message> (SQLite error <extended code>)", with a hint for the
/// usual causes.
inline std::string sqlite_failure(std::string_view file, std::string_view doing,
                                  const SQLite::Exception& error) {
  std::string message = std::string(file) + ": " + std::string(doing) + ": " + error.what() +
                        " (SQLite error " + std::to_string(error.getExtendedErrorCode()) + ")";
  switch (error.getErrorCode() & 0xFF) {
    case SQLITE_NOTADB:
      message += "; the file is not a propdesk database";
      break;
    case SQLITE_CORRUPT:
      message += "; the database file is damaged";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      message += "; another connection held the database longer than the busy timeout";
      break;
    default:
      break;
  }
  return message;
}

/// Throws StoreError(sqlite_failure(...)).
[[noreturn]] inline void throw_sqlite_failure(std::string_view file, std::string_view doing,
                                              const SQLite::Exception& error) {
  throw StoreError(sqlite_failure(file, doing, error));
}

}  // namespace propdesk
