// What only SqliteStore promises: persistence, the file's identity, several connections on one
// file, group commit, and tamper detection on a real database.
#include "propdesk/sqlite_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "model/sha256.hpp"
#include "propdesk/store_error.hpp"
#include "store/sqlite_schema.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using namespace testing_support;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The message of the StoreError that opening `file` throws ("" if it opens).
std::string open_error(const std::filesystem::path& file) {
  try {
    SqliteStore store(file);
  } catch (const StoreError& e) {
    return e.what();
  }
  return "";
}

// Creates a ticket and moves it through `steps` updates; returns its id.
TicketId ticket_with_history(Store& store, int steps, Fields fields = {{"location", "1-1-101"}}) {
  NewTicket item = new_repair(std::move(fields));
  EXPECT_TRUE(store.create(item).ok());
  for (int i = 0; i < steps; ++i) {
    Update u = change(*store.get(item.ticket.id), "step", "s" + std::to_string(i + 1));
    EXPECT_TRUE(store.update(u).ok());
  }
  return item.ticket.id;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::filesystem::path db_ = dir_.file("desk.db");
};

TEST_F(SqliteStoreTest, ReopeningKeepsTicketsJournalsAndCounters) {
  TicketId id = 0;
  std::vector<JournalEntry> journal;
  {
    SqliteStore store(db_);
    id = ticket_with_history(store, 3, {{"location", "3-2-1502"}, {"amount", 12.5}});
    journal = store.history(id);
  }
  SqliteStore store(db_);
  const auto ticket = store.get(id);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->version, 4);
  EXPECT_EQ(ticket->code, "BX-20261126-0001");
  EXPECT_TRUE(
      same_typed(ticket->fields, {{"location", "3-2-1502"}, {"amount", 12.5}, {"note", "x"}}));
  EXPECT_EQ(store.history(id), journal);
  NewTicket next = new_repair();
  ASSERT_TRUE(store.create(next).ok());
  EXPECT_EQ(next.ticket.code, "BX-20261126-0002");
  EXPECT_TRUE(store.verify_all().empty());
}

TEST_F(SqliteStoreTest, TimersAndClocksSurviveReopening) {
  TicketId id = 0;
  {
    SqliteStore store(db_);
    NewTicket item = new_repair();
    item.ticket.clocks = sample_clocks();
    item.timers = schedule({timer("clock:response", 7500), timer("after:0", 172800)});
    ASSERT_TRUE(store.create(item).ok());
    id = item.ticket.id;
    ASSERT_TRUE(store.reschedule(id, 1, schedule({timer("callback", 60)})).ok());
  }
  SqliteStore store(db_);
  EXPECT_EQ(store.get(id)->clocks, sample_clocks());
  EXPECT_THAT(store.timers(id),
              ElementsAre(timer("after:0", 172800, id), timer("callback", 60, id),
                          timer("clock:response", 7500, id)));
  EXPECT_EQ(store.next_timer(), timer("callback", 60, id));
}

TEST_F(SqliteStoreTest, NewFileCarriesTheMarkerAndRunsInWalMode) {
  { SqliteStore store(db_); }
  EXPECT_EQ(raw_value(db_, "PRAGMA application_id"), std::to_string(SqliteStore::kApplicationId));
  EXPECT_EQ(raw_value(db_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_value(db_, "SELECT value FROM meta WHERE key = 'schema_version'"),
            std::to_string(SqliteStore::kSchemaVersion));
  EXPECT_EQ(raw_value(db_, "SELECT value FROM meta WHERE key = 'application'"), "propdesk");
  EXPECT_EQ(raw_value(db_, "SELECT count(*) FROM pragma_table_info('tickets') WHERE name = 'clocks'"),
            "1");
  for (const char* index :
       {"tickets_by_state", "tickets_by_location", "tickets_by_created_at", "timers_by_due"})
    EXPECT_EQ(raw_value(db_, std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                                 index + "'"),
              "1");
}

TEST_F(SqliteStoreTest, AnEmptyFileBecomesADatabase) {
  write_bytes(db_, "");
  SqliteStore store(db_);
  EXPECT_TRUE(store.query({}).empty());
}

TEST_F(SqliteStoreTest, TheJournalRefusesRawUpdatesAndDeletes) {
  {
    SqliteStore store(db_);
    ticket_with_history(store, 1);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE journal SET event = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_THAT(sqlite3_errmsg(db), HasSubstr("append-only"));
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM journal", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, SqlLookingValuesLeaveTheSchemaAlone) {
  const std::string evil = "x'); DROP TABLE tickets; DROP TABLE journal; --";
  {
    SqliteStore store(db_);
    NewTicket item = new_repair({{"location", evil}, {evil, evil}});
    item.ticket.severity = evil;
    ASSERT_TRUE(store.create(item).ok());
    TicketQuery q;
    q.severity = evil;
    q.location = evil;
    EXPECT_EQ(store.query(q).size(), 1u);
    EXPECT_EQ(store.find(evil), std::nullopt);
  }
  EXPECT_EQ(raw_value(db_, "SELECT count(*) FROM tickets"), "1");
  EXPECT_EQ(raw_value(db_, "SELECT severity FROM tickets"), evil);
  EXPECT_EQ(raw_value(db_, "SELECT location FROM tickets"), evil);
}

// --- files that are not ours ----------------------------------------------------------------

TEST_F(SqliteStoreTest, RefusesATextFileAndLeavesItAlone) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "line " + std::to_string(i) + " of somebody's notes\n";
  write_bytes(db_, text);
  EXPECT_THAT(open_error(db_), HasSubstr(db_.string()));
  EXPECT_THAT(open_error(db_), HasSubstr("not a propdesk database"));
  EXPECT_EQ(read_bytes(db_), text);

  write_bytes(db_, "hi\n");
  EXPECT_THAT(open_error(db_), HasSubstr("not a propdesk database"));
  EXPECT_EQ(read_bytes(db_), "hi\n");
}

TEST_F(SqliteStoreTest, RefusesAnotherApplicationsDatabaseAndLeavesItAlone) {
  raw_exec(db_,
           "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);"
           "INSERT INTO invoices (total) VALUES (12.5);");
  const std::string before = read_bytes(db_);
  const std::string error = open_error(db_);
  EXPECT_THAT(error, HasSubstr(db_.string()));
  EXPECT_THAT(error, HasSubstr("not a propdesk database"));
  EXPECT_EQ(read_bytes(db_), before);
  EXPECT_EQ(raw_value(db_, "PRAGMA journal_mode"), "delete");  // not switched to WAL either
}

TEST_F(SqliteStoreTest, RefusesADamagedFileAndLeavesItAlone) {
  {
    SqliteStore store(db_);
    std::vector<NewTicket> items;
    for (int i = 0; i < 300; ++i)
      items.push_back(new_repair(
          {{"location", "9-9-" + std::to_string(i)}, {"description", std::string(200, 'd')}}));
    store.commit(items, {});
  }
  std::string bytes = read_bytes(db_);
  const std::size_t page = 4096;
  ASSERT_GT(bytes.size(), 20 * page);
  const std::size_t middle = (bytes.size() / page / 2) * page;
  for (std::size_t i = 0; i < page; ++i) bytes[middle + i] = static_cast<char>(0x5A ^ (i * 7));
  write_bytes(db_, bytes);

  const std::string error = open_error(db_);
  EXPECT_THAT(error, HasSubstr(db_.string()));
  EXPECT_THAT(error, HasSubstr("damaged"));
  EXPECT_EQ(read_bytes(db_), bytes);
}

TEST_F(SqliteStoreTest, RefusesANewerSchemaAndLeavesItAlone) {
  { SqliteStore store(db_); }
  const std::string newer = std::to_string(SqliteStore::kSchemaVersion + 1);
  raw_exec(db_, "UPDATE meta SET value = '" + newer + "' WHERE key = 'schema_version'");
  const std::string before = read_bytes(db_);
  const std::string error = open_error(db_);
  EXPECT_THAT(error, HasSubstr(db_.string()));
  EXPECT_THAT(error,
              HasSubstr("schema version " + newer + " is newer than this propdesk supports (" +
                        std::to_string(SqliteStore::kSchemaVersion) + ")"));
  EXPECT_EQ(read_bytes(db_), before);
}

// Ticket 1's creation entry, sealed as the first of its chain: what the hand-written old files
// of the migration tests hold.
JournalEntry sealed_create_entry() {
  JournalEntry entry;
  entry.ticket = 1;
  entry.seq = 1;
  entry.at = t0();
  entry.actor = {"desk-01", "front_desk"};
  entry.event = "create";
  entry.to_state = "reported";
  seal(entry, kGenesisHash);
  return entry;
}

// A version 1 file, as propdesk 1 wrote it: the v1 DDL, its marker and one ticket with a sealed
// journal entry, all written by hand.
TEST_F(SqliteStoreTest, AVersion1FileIsMigratedAndKeepsItsTickets) {
  const JournalEntry entry = sealed_create_entry();
  const std::string at = std::to_string(t0().time_since_epoch().count());
  raw_exec(db_, std::string(migration_sql(1)) +
                    "INSERT INTO meta (key, value) VALUES ('schema_version', '1');"
                    "PRAGMA application_id = " +
                    std::to_string(SqliteStore::kApplicationId) +
                    ";"
                    "INSERT INTO tickets (code, workflow, workflow_version, state, severity, "
                    "assignee, location, fields, created_at, updated_at, version) VALUES "
                    "('BX-20261126-0001', 'repair', 1, 'reported', 'general', '', NULL, '{}', " +
                    at + ", " + at +
                    ", 1);"
                    "INSERT INTO journal VALUES (1, 1, " +
                    at + ", 'desk-01', 'front_desk', 'create', '', 'reported', '{}', '" +
                    entry.prev_hash + "', '" + entry.hash +
                    "');"
                    "INSERT INTO ticket_counters VALUES ('BX', '20261126', 1);");
  ASSERT_EQ(raw_value(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'workflows'"), "0");

  {
    SqliteStore store(db_);
    const auto ticket = store.find("BX-20261126-0001");
    ASSERT_TRUE(ticket);
    EXPECT_EQ(ticket->workflow_version, 1);
    EXPECT_EQ(store.history(ticket->id), std::vector<JournalEntry>{entry});
    EXPECT_TRUE(store.verify_all().empty());
    EXPECT_TRUE(store.workflows().empty());
    StoredWorkflow w{"repair", 1, "repair.yaml", "name: repair\n", sha256_hex("name: repair\n"),
                     t0()};
    EXPECT_EQ(store.save_workflow(w).status, WorkflowSaveOutcome::Status::kSaved);
    NewTicket next = new_repair();
    ASSERT_TRUE(store.create(next).ok());
    EXPECT_EQ(next.ticket.code, "BX-20261126-0002");  // the counter came along too
  }
  EXPECT_EQ(raw_value(db_, "SELECT value FROM meta WHERE key = 'schema_version'"),
            std::to_string(SqliteStore::kSchemaVersion));
  SqliteStore reopened(db_);
  EXPECT_EQ(reopened.workflows().size(), 1u);
  EXPECT_TRUE(reopened.verify_all().empty());
}

// A version 2 file, as propdesk wrote it before timers and clocks: the v1 and v2 DDL, its marker,
// a ticket with a sealed entry, its code counter and a stored workflow, all written by hand.
TEST_F(SqliteStoreTest, AVersion2FileIsMigratedAndKeepsItsData) {
  JournalEntry entry;
  entry.ticket = 1;
  entry.seq = 1;
  entry.at = t0();
  entry.actor = {"desk-01", "front_desk"};
  entry.event = "create";
  entry.to_state = "reported";
  entry.input = {{"location", "3-2-1502"}};
  seal(entry, kGenesisHash);
  const std::string at = std::to_string(t0().time_since_epoch().count());
  const std::string text = "name: repair\n";
  raw_exec(db_, std::string(migration_sql(1)) + migration_sql(2) +
                    "INSERT INTO meta (key, value) VALUES ('schema_version', '2');"
                    "PRAGMA application_id = " +
                    std::to_string(SqliteStore::kApplicationId) +
                    ";"
                    "INSERT INTO tickets (code, workflow, workflow_version, state, severity, "
                    "assignee, location, fields, created_at, updated_at, version) VALUES "
                    "('BX-20261126-0001', 'repair', 1, 'reported', 'major', 'w1', '3-2-1502', "
                    "'{\"location\":\"3-2-1502\"}', " +
                    at + ", " + at +
                    ", 1);"
                    "INSERT INTO journal VALUES (1, 1, " +
                    at +
                    ", 'desk-01', 'front_desk', 'create', '', 'reported', "
                    "'{\"location\":\"3-2-1502\"}', '" +
                    entry.prev_hash + "', '" + entry.hash +
                    "');"
                    "INSERT INTO ticket_counters VALUES ('BX', '20261126', 1);"
                    "INSERT INTO workflows VALUES ('repair', 1, 'repair.yaml', 'name: repair\n', '" +
                    sha256_hex(text) + "', " + at + ");");
  ASSERT_EQ(raw_value(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'timers'"), "0");

  {
    SqliteStore store(db_);
    const auto ticket = store.find("BX-20261126-0001");
    ASSERT_TRUE(ticket);
    EXPECT_EQ(ticket->severity, "major");
    EXPECT_EQ(ticket->assignee, "w1");
    EXPECT_EQ(ticket->fields, (Fields{{"location", "3-2-1502"}}));
    EXPECT_TRUE(ticket->clocks.empty());
    EXPECT_EQ(store.history(ticket->id), std::vector<JournalEntry>{entry});
    EXPECT_TRUE(store.verify_all().empty());
    EXPECT_EQ(store.workflows().size(), 1u);
    EXPECT_TRUE(store.timers(ticket->id).empty());
    EXPECT_EQ(store.next_timer(), std::nullopt);

    Update u = change(*ticket, "dispatch", "dispatched");
    u.ticket.clocks = sample_clocks();
    u.timers = schedule({timer("clock:response", 7500)});
    ASSERT_TRUE(store.update(u).ok());
    NewTicket next = new_repair();
    ASSERT_TRUE(store.create(next).ok());
    EXPECT_EQ(next.ticket.code, "BX-20261126-0002");  // the counter came along too
  }
  EXPECT_EQ(raw_value(db_, "SELECT value FROM meta WHERE key = 'schema_version'"),
            std::to_string(SqliteStore::kSchemaVersion));
  EXPECT_EQ(raw_value(db_, "SELECT clocks FROM tickets WHERE id = 2"), "[]");
  SqliteStore reopened(db_);
  EXPECT_EQ(reopened.get(1)->clocks, sample_clocks());
  EXPECT_THAT(reopened.timers(1), ElementsAre(timer("clock:response", 7500, 1)));
  EXPECT_TRUE(reopened.verify_all().empty());
}

// A version 3 file, as propdesk wrote it before the outbox: the v1-v3 DDL, its marker, a ticket
// with clocks, a timer and a sealed entry, its code counter, all written by hand.
TEST_F(SqliteStoreTest, AVersion3FileIsMigratedAndGetsAnOutbox) {
  const JournalEntry entry = sealed_create_entry();
  const std::string at = std::to_string(t0().time_since_epoch().count());
  const std::string due = std::to_string(t0(Duration{7500}).time_since_epoch().count());
  raw_exec(db_, std::string(migration_sql(1)) + migration_sql(2) + migration_sql(3) +
                    "INSERT INTO meta (key, value) VALUES ('schema_version', '3');"
                    "PRAGMA application_id = " +
                    std::to_string(SqliteStore::kApplicationId) +
                    ";"
                    "INSERT INTO tickets (code, workflow, workflow_version, state, severity, "
                    "assignee, location, fields, clocks, created_at, updated_at, version) VALUES "
                    "('BX-20261126-0001', 'repair', 1, 'reported', 'general', '', NULL, '{}', "
                    "'[]', " +
                    at + ", " + at +
                    ", 1);"
                    "INSERT INTO journal VALUES (1, 1, " +
                    at + ", 'desk-01', 'front_desk', 'create', '', 'reported', '{}', '" +
                    entry.prev_hash + "', '" + entry.hash +
                    "');"
                    "INSERT INTO ticket_counters VALUES ('BX', '20261126', 1);"
                    "INSERT INTO timers VALUES (1, 'clock:response', " +
                    due + ");");
  ASSERT_EQ(raw_value(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'outbox'"), "0");

  {
    SqliteStore store(db_);
    EXPECT_TRUE(store.outbox({}).empty());
    EXPECT_EQ(store.outbox_counts(), OutboxCounts{});
    EXPECT_EQ(store.next_outbox_attempt(""), std::nullopt);
    EXPECT_THAT(store.timers(1), ElementsAre(timer("clock:response", 7500, 1)));
    Update u = change(*store.get(1), "dispatch", "dispatched");
    u.outbox = {message("staff_group")};
    ASSERT_TRUE(store.update(u).ok());
    ASSERT_TRUE(store.claim_outbox("1:2:0", t0(Duration{60}), t0(Duration{660})));
  }
  EXPECT_EQ(raw_value(db_, "SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  SqliteStore reopened(db_);
  const std::vector<OutboxMessage> queued = reopened.outbox({});
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].key, "1:2:0");
  EXPECT_EQ(queued[0].attempts, 1);
  EXPECT_EQ(queued[0].notification.ticket_code, "BX-20261126-0001");
  EXPECT_EQ(queued[0].notification.fields, message("x").notification.fields);
  EXPECT_TRUE(reopened.verify_all().empty());
}

TEST_F(SqliteStoreTest, OutboxMessagesSurviveReopeningAndTheirContentNeverChanges) {
  {
    SqliteStore store(db_);
    NewTicket item = new_repair();
    item.outbox = {message("staff_group"), message("desk_log")};
    ASSERT_TRUE(store.create(item).ok());
    ASSERT_TRUE(store.claim_outbox("1:1:1", t0(), t0(Duration{600})));
    ASSERT_TRUE(store.fail_outbox("1:1:1", 1, t0(Duration{5}), "HTTP 503", std::nullopt));
  }
  SqliteStore store(db_);
  EXPECT_EQ(store.outbox_counts(), (OutboxCounts{1, 0, 1}));
  EXPECT_EQ(store.outbox(with_status(OutboxStatus::kDead)).at(0).last_error, "HTTP 503");
  EXPECT_EQ(store.due_outbox(t0(), 10, "staff_group").at(0).notification.body,
            message("x").notification.body);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE outbox SET body = 'forged'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_THAT(sqlite3_errmsg(db), HasSubstr("content never changes"));
  EXPECT_EQ(sqlite3_exec(db, "UPDATE outbox SET attempts = attempts", nullptr, nullptr, nullptr),
            SQLITE_OK);  // the delivery state may move
  // The deliverers' queries read the partial indexes of pending rows, in order.
  const auto plan = [&](const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    std::string details;
    if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &statement, nullptr) ==
        SQLITE_OK)
      while (sqlite3_step(statement) == SQLITE_ROW)
        details += reinterpret_cast<const char*>(sqlite3_column_text(statement, 3)) + std::string(";");
    sqlite3_finalize(statement);
    return details;
  };
  const std::string due = plan(
      "SELECT key FROM outbox WHERE status = 'pending' AND next_attempt <= 0 "
      "ORDER BY next_attempt, ticket_id, seq, idx LIMIT 5");
  EXPECT_THAT(due, HasSubstr("USING INDEX outbox_due"));
  EXPECT_THAT(due, ::testing::Not(HasSubstr("TEMP B-TREE")));
  const std::string by_channel = plan(
      "SELECT key FROM outbox WHERE status = 'pending' AND channel = 'a' AND next_attempt <= 0 "
      "ORDER BY next_attempt, ticket_id, seq, idx LIMIT 5");
  EXPECT_THAT(by_channel, HasSubstr("USING INDEX outbox_due_by_channel"));
  EXPECT_THAT(by_channel, ::testing::Not(HasSubstr("TEMP B-TREE")));
  EXPECT_THAT(plan("SELECT key FROM outbox WHERE status = 'dead' ORDER BY ticket_id, seq, idx"),
              HasSubstr("USING INDEX outbox_dead"));
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, ADamagedOutboxRowIsAStoreErrorNamingItAndFailsNothingElse) {
  SqliteStore store(db_);
  NewTicket item = new_repair();
  item.outbox = {message("staff_group"), message("staff_group")};
  ASSERT_TRUE(store.create(item).ok());
  raw_exec(db_,
           "DROP TRIGGER outbox_content_is_immutable;"
           "UPDATE outbox SET fields = '{broken' WHERE key = '1:1:0';");
  try {
    (void)store.claim_outbox("1:1:0", t0(), t0(Duration{600}));
    ADD_FAILURE() << "expected a StoreError";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr(db_.string()));
    EXPECT_THAT(e.what(), HasSubstr("damaged fields of outbox message 1:1:0"));
  }
  EXPECT_THROW((void)store.outbox({}), StoreError);
  // The other message and other changes go on.
  const auto claimed = store.claim_outbox("1:1:1", t0(), t0(Duration{600}));
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->attempts, 1);
  Update u = change(item.ticket, "dispatch", "dispatched");
  EXPECT_TRUE(store.update(u).ok());
}

TEST_F(SqliteStoreTest, ABusyDatabaseFailsAClaimWithAStoreError) {
  SqliteStoreOptions options;
  options.busy_timeout = std::chrono::milliseconds{50};
  SqliteStore store(db_, options);
  NewTicket item = new_repair();
  item.outbox = {message("staff_group")};
  ASSERT_TRUE(store.create(item).ok());
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_THROW((void)store.claim_outbox("1:1:0", t0(), t0(Duration{600})), StoreError);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(store.outbox({}).at(0).attempts, 0);  // nothing was written
  EXPECT_TRUE(store.claim_outbox("1:1:0", t0(), t0(Duration{600})));
}

// A JournalProblem of `ticket` at `seq` whose reason contains `reason`.
MATCHER_P3(Problem, ticket, seq, reason, "") {
  *result_listener << "ticket " << arg.ticket << " seq " << arg.seq << ": " << arg.reason;
  return arg.ticket == ticket && arg.seq == seq && arg.reason.find(reason) != std::string::npos;
}

TEST_F(SqliteStoreTest, DamagedClocksFailReadsNamingFileAndTicketAndAreAVerifyProblem) {
  TicketId damaged = 0;
  TicketId intact = 0;
  {
    SqliteStore store(db_);
    damaged = ticket_with_history(store, 1);
    intact = ticket_with_history(store, 1);
  }
  const auto expect_damaged = [&](const std::function<void()>& read, const std::string& what) {
    try {
      read();
      ADD_FAILURE() << "expected a StoreError";
    } catch (const StoreError& e) {
      EXPECT_THAT(e.what(), HasSubstr(db_.string()));
      EXPECT_THAT(e.what(), HasSubstr("damaged clocks of ticket " + std::to_string(damaged)));
      EXPECT_THAT(e.what(), HasSubstr(what));
    }
  };
  const std::string where = " WHERE id = " + std::to_string(damaged);
  const struct {
    std::string value;
    std::string what;
  } cases[] = {
      {"'[{\"name\":7}]'", "clock 1"},
      {"'[{'", "malformed"},
      {"'{}'", "not an array"},
      {"x'00ff'", "malformed"},
      {"''", "malformed"},
      {"42", "not an array"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    raw_exec(db_, "UPDATE tickets SET clocks = " + c.value + where);
    SqliteStore store(db_);
    expect_damaged([&] { (void)store.get(damaged); }, c.what);
    expect_damaged([&] { (void)store.get_with_history(damaged); }, c.what);
    expect_damaged([&] { (void)store.query({}); }, c.what);
    // verify_all() names the ticket instead (TamperTest.DamagedClocksAreNamedAndTheOthersChecked).
    EXPECT_THAT(store.verify_all(), ElementsAre(Problem(damaged, 0, "damaged clocks of ticket " +
                                                                         std::to_string(damaged))));
    EXPECT_TRUE(store.get(intact));  // the other tickets stay readable
    EXPECT_EQ(store.history(damaged).size(), 2u);
  }
}

TEST_F(SqliteStoreTest, StoredWorkflowsSurviveReopeningAndNeverChange) {
  const std::string text = "name: repair\nversion: 1\n";
  const StoredWorkflow w{"repair", 1, "repair.yaml", text, sha256_hex(text), t0()};
  {
    SqliteStore store(db_);
    ASSERT_TRUE(store.save_workflow(w).ok());
  }
  SqliteStore store(db_);
  EXPECT_THAT(store.workflows(), ElementsAre(w));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE workflows SET source_text = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THAT(store.workflows(), ElementsAre(w));
}

TEST_F(SqliteStoreTest, RefusesAPropdeskIdWithoutItsMarker) {
  raw_exec(db_, "PRAGMA application_id = " + std::to_string(SqliteStore::kApplicationId) +
                    "; CREATE TABLE other (x);");
  const std::string before = read_bytes(db_);
  EXPECT_THAT(open_error(db_), HasSubstr("the meta table is missing"));
  EXPECT_EQ(read_bytes(db_), before);
}

TEST_F(SqliteStoreTest, RefusesAPathThatCannotBeOpened) {
  EXPECT_THAT(open_error(dir_.file("no/such/dir/desk.db")), HasSubstr("cannot open"));
  EXPECT_THAT(open_error(dir_.path()), HasSubstr(dir_.path().string()));
}

// --- several connections, several threads --------------------------------------------------

TEST_F(SqliteStoreTest, TwoStoresOnOneFileNeverLoseAnUpdate) {
  SqliteStore first(db_);
  SqliteStore second(db_);
  NewTicket item = new_repair({{"count", 0}});
  ASSERT_TRUE(first.create(item).ok());
  const TicketId id = item.ticket.id;

  constexpr int kPerThread = 30;
  std::atomic<int> conflicts{0};
  auto increment = [&](Store& store) {
    for (int done = 0; done < kPerThread;) {
      const Ticket current = *store.get(id);
      Update u =
          change(current, "count", "reported", "count", current.fields.at("count").as_int() + 1);
      const CommitOutcome outcome = store.update(u);
      if (outcome.ok())
        ++done;
      else
        ++conflicts;
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back(increment, std::ref(first));
    threads.emplace_back(increment, std::ref(second));
  }
  for (auto& t : threads) t.join();

  for (Store* store : {static_cast<Store*>(&first), static_cast<Store*>(&second)}) {
    const Ticket final = *store->get(id);
    EXPECT_EQ(final.fields.at("count").as_int(), 4 * kPerThread);
    EXPECT_EQ(final.version, 1 + 4 * kPerThread);
    EXPECT_TRUE(store->verify_all().empty());
  }
  RecordProperty("conflicts", conflicts.load());
}

// The writer remembers the head (version, code, hash) of each ticket it wrote, so that the next
// update need not read it; a change committed by another connection must make it forget them.
TEST_F(SqliteStoreTest, TwoStoresTakingTurnsSeeEachOthersVersions) {
  SqliteStore first(db_);
  SqliteStore second(db_);
  NewTicket item = new_repair({{"count", 0}});
  ASSERT_TRUE(first.create(item).ok());
  const TicketId id = item.ticket.id;
  Ticket current = item.ticket;
  for (int turn = 0; turn < 6; ++turn) {
    Store& store = turn % 2 == 0 ? static_cast<Store&>(first) : static_cast<Store&>(second);
    Update u = change(current, "count", "reported", "count", turn + 1);
    const CommitOutcome outcome = store.update(u);
    ASSERT_TRUE(outcome.ok()) << "turn " << turn << ": " << outcome.message;
    current = u.ticket;
  }
  // The version each store wrote last is stale now.
  for (Store* store : {static_cast<Store*>(&first), static_cast<Store*>(&second)}) {
    Update stale = change(current, "count", "reported", "count", -1);
    stale.expected_version = store == &first ? 6 : 5;
    const CommitOutcome refused = store->update(stale);
    EXPECT_EQ(refused.status, CommitOutcome::Status::kConflict);
    EXPECT_THAT(refused.message, HasSubstr("is at version 7"));
  }
  EXPECT_EQ(first.get(id)->version, 7);
  EXPECT_EQ(first.get(id)->fields.at("count").as_int(), 6);
  EXPECT_TRUE(first.verify_all().empty());
}

TEST_F(SqliteStoreTest, TwoStoresShareTheCodeCounter) {
  SqliteStore first(db_);
  SqliteStore second(db_);
  std::vector<std::string> codes;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (Store* store : {static_cast<Store*>(&first), static_cast<Store*>(&second)}) {
    threads.emplace_back([&, store] {
      for (int i = 0; i < 20; ++i) {
        NewTicket item = new_repair();
        ASSERT_TRUE(store->create(item).ok());
        std::lock_guard lock(mutex);
        codes.push_back(item.ticket.code);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::sort(codes.begin(), codes.end());
  ASSERT_EQ(codes.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "BX-20261126-%04d", i + 1);
    EXPECT_EQ(codes[static_cast<std::size_t>(i)], expected);
  }
}

void commit_from_eight_threads(const std::filesystem::path& db, SqliteStoreOptions options,
                               SqliteStoreStats& stats) {
  constexpr int kThreads = 8;
  constexpr int kTickets = 6;
  constexpr int kSteps = 4;
  std::vector<TicketId> ids[kThreads];
  {
    SqliteStore store(db, options);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        for (int k = 0; k < kTickets; ++k) {
          NewTicket item = new_repair({{"thread", i}, {"ticket", k}});
          const CommitOutcome created = store.create(item);
          ASSERT_TRUE(created.ok()) << created.message;
          ids[i].push_back(created.id);
          Ticket current = item.ticket;
          for (int s = 0; s < kSteps; ++s) {
            Update u = change(current, "step", "s" + std::to_string(s));
            const CommitOutcome outcome = store.update(u);
            ASSERT_TRUE(outcome.ok()) << outcome.message;
            current = u.ticket;
          }
        }
      });
    }
    for (auto& t : threads) t.join();
    stats = store.stats();
  }
  SqliteStore reopened(db, options);
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_EQ(ids[i].size(), static_cast<std::size_t>(kTickets));
    for (TicketId id : ids[i]) {
      const auto t = reopened.get(id);
      ASSERT_TRUE(t);
      EXPECT_EQ(t->version, 1 + kSteps);
      EXPECT_EQ(t->fields.at("thread").as_int(), i);
    }
  }
  EXPECT_EQ(reopened.query({}).size(), static_cast<std::size_t>(kThreads * kTickets));
  EXPECT_TRUE(reopened.verify_all().empty());
  EXPECT_EQ(stats.calls, kThreads * kTickets * (1 + kSteps));
}

TEST_F(SqliteStoreTest, GroupCommitFromEightThreadsIsDurableAndShared) {
  SqliteStoreStats stats;
  commit_from_eight_threads(db_, {}, stats);
  RecordProperty("transactions", static_cast<int>(stats.transactions));
  RecordProperty("largest_batch", static_cast<int>(stats.largest_batch));
  EXPECT_LE(stats.transactions, stats.calls);
  // With eight threads waiting on fsync, calls pile up behind the leader.
  EXPECT_GT(stats.largest_batch, 1);
}

TEST_F(SqliteStoreTest, WithoutGroupCommitEveryCallIsItsOwnTransaction) {
  SqliteStoreStats stats;
  SqliteStoreOptions options;
  options.group_commit = false;
  commit_from_eight_threads(db_, options, stats);
  EXPECT_EQ(stats.transactions, stats.calls);
  EXPECT_EQ(stats.largest_batch, 1);
}

TEST_F(SqliteStoreTest, ABusyDatabaseFailsARescheduleWithAStoreError) {
  SqliteStoreOptions options;
  options.busy_timeout = std::chrono::milliseconds{50};
  SqliteStore store(db_, options);
  const TicketId id = ticket_with_history(store, 0);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  try {
    store.reschedule(id, 1, schedule({timer("a", 1)}));
    ADD_FAILURE() << "expected a StoreError";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr(db_.string()));
    EXPECT_THAT(e.what(), HasSubstr("busy timeout"));
  }
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(store.timers(id).empty());
  EXPECT_TRUE(store.reschedule(id, 1, schedule({timer("a", 1)})).ok());
  EXPECT_THAT(store.timers(id), ElementsAre(timer("a", 1, id)));
}

TEST_F(SqliteStoreTest, ABusyDatabaseFailsTheCommitWithAStoreError) {
  SqliteStoreOptions options;
  options.busy_timeout = std::chrono::milliseconds{50};
  SqliteStore store(db_, options);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  NewTicket item = new_repair();
  try {
    store.create(item);
    ADD_FAILURE() << "expected a StoreError";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr(db_.string()));
    EXPECT_THAT(e.what(), HasSubstr("busy timeout"));
  }
  EXPECT_EQ(item.ticket.id, 0);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(store.create(item).ok());
  EXPECT_EQ(item.ticket.code, "BX-20261126-0001");
}

// --- tampering with a real database ---------------------------------------------------------

class TamperTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStore store(db_);
    for (int i = 0; i < 3; ++i) ids_.push_back(ticket_with_history(store, 4));  // seq 1..5
    ASSERT_TRUE(store.verify_all().empty());
  }

  // Raw SQL with the append-only triggers out of the way, as a tamperer would do it.
  void tamper(const std::string& sql) {
    raw_exec(db_,
             "DROP TRIGGER journal_is_append_only_update;"
             "DROP TRIGGER journal_is_append_only_delete;" +
                 sql);
  }

  std::vector<JournalProblem> verify() { return SqliteStore(db_).verify_all(); }

  std::string where(TicketId id, int seq) {
    return " WHERE ticket = " + std::to_string(id) + " AND seq = " + std::to_string(seq);
  }

  std::vector<TicketId> ids_;
};

TEST_F(TamperTest, AnEditedEntryIsNamed) {
  tamper("UPDATE journal SET actor_id = 'someone-else'" + where(ids_[1], 3));
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[1], 3, "hash mismatch")));
}

TEST_F(TamperTest, AnEditedInputIsNamed) {
  tamper("UPDATE journal SET input = '{\"note\":\"y\"}'" + where(ids_[0], 2));
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[0], 2, "hash mismatch")));
}

TEST_F(TamperTest, ADeletedEntryIsNamed) {
  tamper("DELETE FROM journal" + where(ids_[2], 3));
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[2], 3, "entry 3 is missing")));
}

TEST_F(TamperTest, ADeletedLastEntryIsNamed) {
  tamper("DELETE FROM journal" + where(ids_[2], 5));
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[2], 5, "journal has 4 entries")));
}

TEST_F(TamperTest, SwappedEntriesAreNamed) {
  tamper("UPDATE journal SET seq = -1" + where(ids_[1], 2) + ";" + "UPDATE journal SET seq = 2" +
         where(ids_[1], 3) + ";" + "UPDATE journal SET seq = 3" + where(ids_[1], -1) + ";");
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[1], 2, "prev_hash")));
}

TEST_F(TamperTest, AnInsertedEntryIsNamed) {
  // Shift entries 3..5 up by one and forge a plausible entry 3 that points at entry 2.
  const std::string t = std::to_string(ids_[0]);
  tamper("UPDATE journal SET seq = seq + 100 WHERE ticket = " + t + " AND seq >= 3;" +
         "UPDATE journal SET seq = seq - 99 WHERE ticket = " + t + " AND seq >= 100;" +
         "INSERT INTO journal SELECT ticket, 3, at, actor_id, actor_role, 'refund', to_state, "
         "to_state, '{}', hash, hash FROM journal" +
         where(ids_[0], 2) + ";" + "UPDATE tickets SET version = 6 WHERE id = " + t);
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[0], 3, "hash mismatch")));
}

TEST_F(TamperTest, ATicketRowEditedBehindTheJournalIsNamed) {
  raw_exec(db_, "UPDATE tickets SET state = 'closed' WHERE id = " + std::to_string(ids_[2]));
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[2], 5, "journal ends in 's4'")));
}

TEST_F(TamperTest, DamagedClocksAreNamedAndTheOthersChecked) {
  raw_exec(db_, "UPDATE tickets SET clocks = '[{' WHERE id = " + std::to_string(ids_[0]));
  tamper("UPDATE journal SET actor_id = 'someone-else'" + where(ids_[2], 3));
  const std::vector<JournalProblem> problems = verify();
  EXPECT_THAT(problems,
              ElementsAre(Problem(ids_[0], 0, "damaged clocks of ticket " + std::to_string(ids_[0])),
                          Problem(ids_[2], 3, "hash mismatch")));
  ASSERT_FALSE(problems.empty());
  EXPECT_THAT(problems[0].reason, HasSubstr(db_.string()));  // which file
  EXPECT_THAT(problems[0].reason, HasSubstr("malformed"));   // and why
}

TEST_F(TamperTest, SeveralBrokenTicketsAreAllNamed) {
  tamper("UPDATE journal SET actor_role = 'x'" + where(ids_[0], 1) + ";" +
         "UPDATE journal SET to_state = 'x'" + where(ids_[2], 4));
  EXPECT_THAT(verify(), ElementsAre(Problem(ids_[0], 1, "hash mismatch"),
                                    Problem(ids_[2], 4, "hash mismatch")));
}

// A journal entry forged ahead of the ticket makes the item's journal insert fail after its timers
// were written: the savepoint takes the timers back with the rest of the item.
TEST_F(TamperTest, AnItemRefusedByTheDatabaseLeavesNoTimers) {
  const std::string t = std::to_string(ids_[0]);
  {
    SqliteStore store(db_);
    ASSERT_TRUE(store.reschedule(ids_[0], 5, schedule({timer("old", 10)})).ok());
  }
  raw_exec(db_,
           "INSERT INTO journal SELECT ticket, 6, at, actor_id, actor_role, event, from_state, "
           "to_state, input, hash, hash FROM journal WHERE ticket = " + t + " AND seq = 5;"
           "INSERT INTO journal SELECT 4, 1, at, actor_id, actor_role, event, from_state, "
           "to_state, input, hash, hash FROM journal WHERE ticket = " + t + " AND seq = 1;");
  SqliteStore store(db_);
  Update u = change(*store.get(ids_[0]), "step", "s5");
  u.timers.cancel_all = true;
  u.timers.schedule = {timer("new", 5)};
  NewTicket item = new_repair();
  item.timers = schedule({timer("created", 1)});
  std::vector<NewTicket> creates = {item};
  std::vector<Update> updates = {u};
  const std::vector<CommitOutcome> outcomes = store.commit(creates, updates);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].status, CommitOutcome::Status::kRejected);
  EXPECT_THAT(outcomes[0].message, HasSubstr("refused by the database"));
  EXPECT_EQ(outcomes[1].status, CommitOutcome::Status::kRejected);
  EXPECT_THAT(outcomes[1].message, HasSubstr("refused by the database"));
  EXPECT_THAT(store.timers(ids_[0]), ElementsAre(timer("old", 10, ids_[0])));
  EXPECT_FALSE(store.get(4));
  EXPECT_TRUE(store.timers(4).empty());
  EXPECT_EQ(store.next_timer(), timer("old", 10, ids_[0]));
  EXPECT_EQ(store.get(ids_[0])->version, 5);
}

// Items are written without a savepoint each until the database refuses a statement of one after
// it wrote something; then the batch is written again with savepoints. The other items of the
// batch still commit, exactly once, and the refused one leaves nothing behind.
TEST_F(TamperTest, ARefusedItemFailsAloneInItsBatch) {
  const std::string t = std::to_string(ids_[0]);
  raw_exec(db_,  // an entry 6 already there: ticket 0's next update breaks the journal's key
           "INSERT INTO journal SELECT ticket, 6, at, actor_id, actor_role, event, from_state, "
           "to_state, input, hash, hash FROM journal WHERE ticket = " + t + " AND seq = 5;");
  SqliteStore store(db_);
  std::vector<Update> updates = {change(*store.get(ids_[1]), "step", "s5", "step", "before"),
                                 change(*store.get(ids_[0]), "step", "s5", "step", "refused"),
                                 change(*store.get(ids_[2]), "step", "s5", "step", "after")};
  updates[1].timers.schedule = {timer("refused", 5)};
  updates[2].timers.schedule = {timer("kept", 7)};
  std::vector<NewTicket> creates = {new_repair()};
  const std::vector<CommitOutcome> outcomes = store.commit(creates, updates);
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_TRUE(outcomes[0].ok()) << outcomes[0].message;
  EXPECT_TRUE(outcomes[1].ok()) << outcomes[1].message;
  EXPECT_EQ(outcomes[2].status, CommitOutcome::Status::kRejected);
  EXPECT_THAT(outcomes[2].message, HasSubstr("refused by the database"));
  EXPECT_TRUE(outcomes[3].ok()) << outcomes[3].message;
  EXPECT_EQ(store.get(ids_[0])->version, 5);
  EXPECT_TRUE(store.timers(ids_[0]).empty());
  EXPECT_EQ(store.get(ids_[1])->version, 6);
  EXPECT_EQ(store.get(ids_[1])->fields.at("step").as_string(), "before");
  EXPECT_EQ(store.get(ids_[2])->version, 6);
  EXPECT_THAT(store.timers(ids_[2]), ElementsAre(timer("kept", 7, ids_[2])));
  EXPECT_EQ(store.history(ids_[1]).size(), 6u);
  ASSERT_TRUE(store.get(outcomes[0].id));
  EXPECT_EQ(store.history(outcomes[0].id).size(), 1u);
  // The created ticket's code was counted once: the next one follows it.
  NewTicket another = new_repair();
  const CommitOutcome next = store.create(another);
  ASSERT_TRUE(next.ok());
  const auto number = [](const std::string& code) { return std::stoi(code.substr(code.rfind('-') + 1)); };
  EXPECT_EQ(number(next.code), number(outcomes[0].code) + 1);
}

TEST_F(TamperTest, AnUpdateAfterTamperingIsRefusedNotHalfApplied) {
  tamper("DELETE FROM journal" + where(ids_[0], 5));
  SqliteStore store(db_);
  Update u = change(*store.get(ids_[0]), "step", "s5");
  const CommitOutcome outcome = store.update(u);
  EXPECT_EQ(outcome.status, CommitOutcome::Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("has no entry 5"));
  EXPECT_EQ(store.get(ids_[0])->version, 5);
  EXPECT_EQ(store.history(ids_[0]).size(), 4u);
}

// The store is open (its writer remembers the ticket's head) while another program deletes the
// last journal entry: the next update must see the damage, not chain to the deleted entry.
TEST_F(TamperTest, TamperingWhileOpenIsSeenByTheNextUpdate) {
  SqliteStore store(db_);
  Update u = change(*store.get(ids_[0]), "step", "s6");
  ASSERT_TRUE(store.update(u).ok());  // version 6, remembered by the writer
  tamper("DELETE FROM journal" + where(ids_[0], 6));
  Update next = change(*store.get(ids_[0]), "step", "s7");
  const CommitOutcome outcome = store.update(next);
  EXPECT_EQ(outcome.status, CommitOutcome::Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("has no entry 6"));
  EXPECT_EQ(store.get(ids_[0])->version, 6);
}

}  // namespace
}  // namespace propdesk
