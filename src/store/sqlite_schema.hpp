// The propdesk schema of a SQLite file: recognising it, creating it, migrating it.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

namespace propdesk {

/// Makes `db`, a connection just opened on `file`, ready for a store: gives a new or empty file
/// the current schema; checks that an existing file is a propdesk database (application_id and
/// marker), is intact (PRAGMA quick_check, if `check_integrity`) and has a known schema version,
/// migrating an older one; finally switches to WAL. Throws StoreError naming `file` and the
/// reason; a file that is refused has not been written to.
void open_schema(SQLite::Database& db, const std::string& file, bool check_integrity);

/// Connection settings every propdesk connection uses: synchronous=FULL (durable commits) and
/// the busy timeout in milliseconds.
void configure_connection(SQLite::Database& db, int busy_timeout_ms);

/// The DDL of the migration to schema version `to_version` (1 is the whole first schema), or null
/// for an unknown version. For tests that build files of an older version.
const char* migration_sql(int to_version);

}  // namespace propdesk
