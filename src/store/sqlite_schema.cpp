#include "store/sqlite_schema.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <cstdio>
#include <span>

#include "propdesk/sqlite_store.hpp"
#include "propdesk/store_error.hpp"
#include "store/sqlite_error.hpp"

namespace propdesk {
namespace {

// Version 1: tickets, their journals (append-only: triggers refuse UPDATE and DELETE, so a
// mistaken statement fails loudly; deliberate tampering is caught by the hash chain), per-day code
// counters, and the meta table that marks the file as propdesk's.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('application', 'propdesk');

CREATE TABLE tickets (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  code             TEXT NOT NULL UNIQUE,
  workflow         TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  state            TEXT NOT NULL,
  severity         TEXT NOT NULL,
  assignee         TEXT NOT NULL,
  location         TEXT,             -- copy of the string field "location", for prefix queries
  fields           TEXT NOT NULL,    -- canonical fields JSON
  created_at       INTEGER NOT NULL, -- seconds since the Unix epoch, UTC
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL  -- = number of journal entries
);
CREATE INDEX tickets_by_workflow_state ON tickets (workflow, state);
CREATE INDEX tickets_by_state ON tickets (state);
CREATE INDEX tickets_by_assignee ON tickets (assignee);
CREATE INDEX tickets_by_severity ON tickets (severity);
CREATE INDEX tickets_by_location ON tickets (location);
CREATE INDEX tickets_by_created_at ON tickets (created_at);

CREATE TABLE journal (
  ticket     INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  actor_id   TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  event      TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  input      TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL,
  PRIMARY KEY (ticket, seq)
) WITHOUT ROWID;
CREATE TRIGGER journal_is_append_only_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_is_append_only_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE ticket_counters (
  prefix TEXT NOT NULL,
  day    TEXT NOT NULL,  -- YYYYMMDD, business day at UTC+8
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, day)
) WITHOUT ROWID;
)sql";

// Version 2: the source text of every workflow version the store was given (Store::
// save_workflow), so that tickets on an old version stay workable after its file is replaced.
// A rowid table: the texts are too large for a WITHOUT ROWID one. Rows never change.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE workflows (
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  source_name TEXT NOT NULL,
  source_text TEXT NOT NULL,
  source_hash TEXT NOT NULL,    -- hex SHA-256 of source_text
  saved_at    INTEGER NOT NULL, -- seconds since the Unix epoch, UTC
  PRIMARY KEY (name, version)
);
CREATE TRIGGER workflows_are_immutable BEFORE UPDATE ON workflows
BEGIN SELECT RAISE(ABORT, 'a stored workflow version never changes'); END;
)sql";

// Version 3: timers (propdesk/timer.hpp), written in the same transaction as the ticket change
// that makes them, and each ticket's SLA clock states. A timer is a wake-up for a ticket: at most
// one per (ticket, key), found by due time through timers_by_due (next_timer() and due_timers()
// read that index in order: O(log n) to the first row). A WITHOUT ROWID table: the rows are small
// and the primary key is what timers(id) and the upserts look up. Clocks are the encoding of
// model/sla_state_codec.hpp ('[]' when none has started, which is what existing tickets get).
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE tickets ADD COLUMN clocks TEXT NOT NULL DEFAULT '[]';

CREATE TABLE timers (
  ticket_id INTEGER NOT NULL,  -- tickets.id
  key       TEXT NOT NULL,     -- e.g. 'clock:response', 'after:3'
  due       INTEGER NOT NULL,  -- seconds since the Unix epoch, UTC
  PRIMARY KEY (ticket_id, key)
) WITHOUT ROWID;
CREATE INDEX timers_by_due ON timers (due, ticket_id, key);
)sql";

// Version 4: the outbox (propdesk/outbox.hpp): notifications written in the same transaction as
// the change that raised them, one row per (ticket, journal entry, index), with what is sent
// (rendered at commit time) and the state of its delivery. A message's content never changes (a
// trigger refuses it); only status, attempts, next_attempt and last_error move. The deliverers'
// queries read the two partial indexes of pending rows in order (O(log n) of the pending rows to
// the first, whatever the number delivered); the dead letters have a partial index of their own.
// Queries name the status as a literal, so that SQLite can use the partial indexes.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE outbox (
  ticket_id    INTEGER NOT NULL,  -- tickets.id
  seq          INTEGER NOT NULL,  -- the journal entry whose change raised it
  idx          INTEGER NOT NULL,  -- its place among that entry's messages
  key          TEXT NOT NULL UNIQUE,  -- the idempotency key '<ticket_id>:<seq>:<idx>'
  channel      TEXT NOT NULL,     -- the configured channel; '' when none takes it (dead)
  status       TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts     INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,  -- seconds since the Unix epoch, UTC
  next_attempt INTEGER NOT NULL,  -- pending: when it may be claimed; else when it ended
  last_error   TEXT NOT NULL,
  -- The notification as rendered (propdesk/notification.hpp).
  ticket_code  TEXT NOT NULL,
  workflow     TEXT NOT NULL,
  template     TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  to_role      INTEGER NOT NULL,
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  link         TEXT NOT NULL,
  state        TEXT NOT NULL,
  state_label  TEXT NOT NULL,
  severity     TEXT NOT NULL,
  event        TEXT NOT NULL,
  raised_at    INTEGER NOT NULL,
  fields       TEXT NOT NULL,     -- canonical fields JSON, every value a string
  PRIMARY KEY (ticket_id, seq, idx)
);
CREATE INDEX outbox_due ON outbox (next_attempt, ticket_id, seq, idx) WHERE status = 'pending';
CREATE INDEX outbox_due_by_channel ON outbox (channel, next_attempt, ticket_id, seq, idx)
  WHERE status = 'pending';
CREATE INDEX outbox_dead ON outbox (ticket_id, seq, idx) WHERE status = 'dead';
CREATE TRIGGER outbox_content_is_immutable
BEFORE UPDATE OF ticket_id, seq, idx, key, channel, created_at, ticket_code, workflow, template,
  recipient, to_role, subject, body, link, state, state_label, severity, event, raised_at, fields
ON outbox
BEGIN SELECT RAISE(ABORT, 'an outbox message''s content never changes'); END;
)sql";

// Migration i takes a file from schema version to_version - 1 to to_version. Add a row per new
// version; never edit a shipped one.
struct Migration {
  int to_version;
  const char* sql;
};
constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3},
    {4, kSchemaV4},
};
static_assert(std::size(kMigrations) == SqliteStore::kSchemaVersion);

struct Identity {
  std::int32_t application_id = 0;
  std::int64_t schema_objects = 0;
  [[nodiscard]] bool empty() const { return application_id == 0 && schema_objects == 0; }
  [[nodiscard]] bool propdesk() const { return application_id == SqliteStore::kApplicationId; }
};

// Reads only the header and the schema: safe on any file.
Identity identify(SQLite::Database& db, const std::string& file) {
  try {
    Identity id;
    id.application_id = db.execAndGet("PRAGMA application_id").getInt();
    id.schema_objects = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt64();
    return id;
  } catch (const SQLite::Exception& e) {
    throw_sqlite_failure(file, "cannot read the database header", e);
  }
}

[[noreturn]] void not_propdesk(const std::string& file, const Identity& id) {
  char app[16];
  std::snprintf(app, sizeof app, "0x%08X", static_cast<unsigned>(id.application_id));
  throw StoreError(file + ": not a propdesk database (an SQLite database with application_id " +
                   app + " and " + std::to_string(id.schema_objects) +
                   " schema objects of its own); refusing to touch it");
}

void check_integrity(SQLite::Database& db, const std::string& file) {
  std::string verdict;
  try {
    SQLite::Statement check(db, "PRAGMA quick_check(1)");
    if (check.executeStep()) verdict = check.getColumn(0).getString();
  } catch (const SQLite::Exception& e) {
    throw_sqlite_failure(file, "integrity check failed", e);
  }
  if (verdict != "ok")
    throw StoreError(file + ": the database file is damaged (quick_check: " + verdict + ")");
}

// The marker and version of a propdesk file.
int schema_version(SQLite::Database& db, const std::string& file) {
  try {
    if (!db.tableExists("meta"))
      throw StoreError(file + ": damaged propdesk database: the meta table is missing");
    SQLite::Statement read(db,
                           "SELECT key, value FROM meta WHERE key IN ('application', "
                           "'schema_version')");
    std::string application;
    std::string version;
    while (read.executeStep()) {
      (read.getColumn(0).getString() == "application" ? application : version) =
          read.getColumn(1).getString();
    }
    if (application != "propdesk")
      throw StoreError(file + ": damaged propdesk database: the meta table lacks its marker");
    int v = 0;
    if (version.empty() || std::sscanf(version.c_str(), "%d", &v) != 1 || v < 1)
      throw StoreError(file + ": damaged propdesk database: schema_version '" + version +
                       "' is not a version");
    return v;
  } catch (const SQLite::Exception& e) {
    throw_sqlite_failure(file, "cannot read the schema version", e);
  }
}

void check_version(int version, const std::string& file) {
  if (version > SqliteStore::kSchemaVersion)
    throw StoreError(file + ": schema version " + std::to_string(version) +
                     " is newer than this propdesk supports (" +
                     std::to_string(SqliteStore::kSchemaVersion) +
                     "); open it with a newer propdesk");
}

// Runs every migration above `from`, inside the caller's transaction.
void migrate(SQLite::Database& db, int from) {
  for (const Migration& m : kMigrations) {
    if (m.to_version <= from) continue;
    db.exec(m.sql);
    SQLite::Statement set(db,
                          "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)");
    set.bind(1, std::to_string(m.to_version));
    set.exec();
  }
}

// Creates the schema in an empty file, or migrates an older one, under the write lock. Another
// process may have done it meanwhile: the identity and version are read again inside.
void create_or_migrate(SQLite::Database& db, const std::string& file) {
  try {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    const Identity id = identify(db, file);
    if (id.empty()) {
      migrate(db, 0);
      db.exec("PRAGMA application_id = " + std::to_string(SqliteStore::kApplicationId));
    } else if (!id.propdesk()) {
      not_propdesk(file, id);
    } else {
      const int version = schema_version(db, file);
      check_version(version, file);
      migrate(db, version);
    }
    transaction.commit();
  } catch (const SQLite::Exception& e) {
    throw_sqlite_failure(file, "cannot create or migrate the schema", e);
  }
}

// Outside any transaction, as SQLite requires; a no-op when the file is in WAL mode already.
void use_wal(SQLite::Database& db, const std::string& file) {
  std::string mode;
  try {
    mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
  } catch (const SQLite::Exception& e) {
    throw_sqlite_failure(file, "cannot switch to WAL mode", e);
  }
  if (mode != "wal")
    throw StoreError(file + ": cannot switch to WAL mode (the journal mode stays '" + mode + "')");
}

}  // namespace

const char* migration_sql(int to_version) {
  for (const Migration& m : kMigrations)
    if (m.to_version == to_version) return m.sql;
  return nullptr;
}

void configure_connection(SQLite::Database& db, int busy_timeout_ms) {
  db.setBusyTimeout(busy_timeout_ms);
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA temp_store = MEMORY");
}

void open_schema(SQLite::Database& db, const std::string& file, bool check) {
  const Identity id = identify(db, file);
  bool current = false;
  if (!id.empty()) {
    // Everything up to here only reads: a file that is refused stays as it was.
    if (!id.propdesk()) not_propdesk(file, id);
    if (check) check_integrity(db, file);
    const int version = schema_version(db, file);
    check_version(version, file);
    current = version == SqliteStore::kSchemaVersion;
  }
  use_wal(db, file);
  if (!current) create_or_migrate(db, file);
}

}  // namespace propdesk
