// `propdesk verify`: exit 0 on intact journals, 1 naming the ticket and entry after tampering.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

// Raw SQL on the database file, as someone editing it behind propdesk's back would.
void tamper(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(handle);
  ASSERT_EQ(rc, SQLITE_OK) << error;
}

class VerifyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::string> db = {"--db", "desk.db"};
    auto run = [&](std::vector<std::string> args) {
      args.insert(args.end(), db.begin(), db.end());
      CliRun r = ws_.run(args);
      ASSERT_EQ(r.status, 0) << r.err;
    };
    run({"ticket", "create", "repair", "location=1-1-101", "description=漏水", "--as",
         "wangli:front_desk"});
    run({"ticket", "create", "repair", "location=2-1-202", "description=门锁坏了", "--as",
         "wangli:front_desk"});
    run({"ticket", "fire", "2", "dispatch", "assignee=zhangshifu", "--as", "wangli:front_desk"});
    run({"ticket", "fire", "2", "accept", "--as", "zhangshifu:repairer"});
    code_ = ws_.run({"ticket", "show", "2", "--json", "--db", "desk.db"}).json()["code"];
  }

  Workspace ws_;
  std::string code_;
};

TEST_F(VerifyCommandTest, AnIntactDatabaseVerifies) {
  CliRun r = ws_.run({"verify", "--db", "desk.db"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "journal verified: 2 tickets, 4 entries, intact\n");

  CliRun json = ws_.run({"verify", "--db", "desk.db", "--json"});
  EXPECT_EQ(json.status, 0);
  EXPECT_EQ(json.json()["intact"], true);
  EXPECT_EQ(json.json()["entries"], 4);
}

TEST_F(VerifyCommandTest, AnEditedEntryIsFoundAndNamed) {
  // The journal refuses UPDATE through a trigger; a tamperer drops it first.
  tamper(ws_.path("desk.db"),
         "DROP TRIGGER journal_is_append_only_update;"
         "UPDATE journal SET actor_id = 'somebody_else' WHERE ticket = 2 AND seq = 2;");
  CliRun r = ws_.run({"verify", "--db", "desk.db"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("journal broken: ticket " + code_ + " (id 2), entry 2: "), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("(id 1)"), std::string::npos) << "ticket 1 is intact";

  CliRun json = ws_.run({"verify", "--db", "desk.db", "--json"});
  EXPECT_EQ(json.status, 1);
  EXPECT_EQ(json.json()["intact"], false);
  ASSERT_EQ(json.json()["problems"].size(), 1u);
  EXPECT_EQ(json.json()["problems"][0]["code"], code_);
  EXPECT_EQ(json.json()["problems"][0]["seq"], 2);
}

TEST_F(VerifyCommandTest, ADeletedLastEntryIsFound) {
  tamper(ws_.path("desk.db"),
         "DROP TRIGGER journal_is_append_only_delete;"
         "DELETE FROM journal WHERE ticket = 2 AND seq = 3;");
  CliRun r = ws_.run({"verify", "--db", "desk.db"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("ticket " + code_), std::string::npos) << r.err;
}

TEST_F(VerifyCommandTest, DamagedClocksAreNamedAndTheOtherTicketsChecked) {
  tamper(ws_.path("desk.db"), "UPDATE tickets SET clocks = '[{' WHERE id = 1;");
  CliRun r = ws_.run({"verify", "--db", "desk.db"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("journal broken: ticket (id 1): "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("damaged clocks of ticket 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 of 2 tickets have a broken journal"), std::string::npos) << r.err;

  CliRun json = ws_.run({"verify", "--db", "desk.db", "--json"});
  EXPECT_EQ(json.status, 1);
  ASSERT_EQ(json.json()["problems"].size(), 1u);
  EXPECT_EQ(json.json()["problems"][0]["ticket"], 1);
  EXPECT_EQ(json.json()["problems"][0]["seq"], 0);
}

TEST_F(VerifyCommandTest, ADamagedEntryInputIsNamedAndTheOtherTicketsChecked) {
  tamper(ws_.path("desk.db"),
         "DROP TRIGGER journal_is_append_only_update;"
         "UPDATE journal SET input = '{\"a\":' WHERE ticket = 2 AND seq = 2;");
  CliRun r = ws_.run({"verify", "--db", "desk.db"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("journal broken: ticket " + code_ + " (id 2): "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 of 2 tickets have a broken journal"), std::string::npos) << r.err;

  CliRun json = ws_.run({"verify", "--db", "desk.db", "--json"});
  EXPECT_EQ(json.status, 1);
  EXPECT_EQ(json.json()["tickets"], 2);
  EXPECT_EQ(json.json()["entries"], 1) << "ticket 1's one entry; ticket 2's do not decode";
  ASSERT_EQ(json.json()["problems"].size(), 1u);
  EXPECT_EQ(json.json()["problems"][0]["ticket"], 2);
}

TEST_F(VerifyCommandTest, AFileThatIsNotAPropdeskDatabaseIsRefused) {
  std::ofstream(ws_.path("notes.db")) << "not a database\n";
  CliRun r = ws_.run({"verify", "--db", "notes.db"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("notes.db"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace propdesk
