// The reading verbs through the real binary: they load the workflow files like every verb, but a
// read must not write, so the database file is byte for byte what it was, even when the folder
// holds a workflow version the database has never seen.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

using cli_testing::shipped_repair_version;
using cli_testing::tiny_repair_workflow;

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A database with one repair ticket (shipped version, dispatched) made from a folder that now
// holds only the next version of repair: that ticket's version exists only in the database.
class ReadOnlyVerbsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_);
    const auto file = dir_ / "repair.yaml";
    std::filesystem::copy_file(std::filesystem::path(PROPDESK_WORKFLOW_DIR) / "repair.yaml", file);
    const CliRun created =
        with_session({"ticket", "create", "repair", "location=3-2-1502", "category=plumbing",
                      "description=厨房水管漏水", "phone=13812345678", "--as",
                      "wangli:front_desk"});
    ASSERT_EQ(created.status, 0) << created.err;
    const CliRun dispatched =
        with_session({"ticket", "fire", "1", "dispatch", "assignee=lishifu",
                      "dispatch_mode=verbal", "--as", "zhouqiang:dispatcher"});
    ASSERT_EQ(dispatched.status, 0) << dispatched.err;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << tiny_repair_workflow(shipped_repair_version() + 1);
  }

  // propdesk <args...> --db tickets.db --workflows DIR
  CliRun with_session(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", db_.string(), "--workflows", dir_.string()});
    return ws_.run(args);
  }

  // The workflow versions the database keeps, as "name vVERSION".
  std::vector<std::string> stored_versions() const {
    std::vector<std::string> out;
    for (const StoredWorkflow& s : SqliteStore(db_.string()).workflows())
      out.push_back(s.name + " v" + std::to_string(s.version));
    return out;
  }

  Workspace ws_;
  std::filesystem::path dir_ = ws_.path("workflows");
  std::filesystem::path db_ = ws_.path("tickets.db");
};

TEST_F(ReadOnlyVerbsTest, ReadingVerbsLeaveTheDatabaseFileByteForByteAsItWas) {
  const std::vector<std::string> versions_before = stored_versions();
  ASSERT_EQ(versions_before,
            std::vector<std::string>{"repair v" + std::to_string(shipped_repair_version())});
  const std::string before = slurp(db_);
  ASSERT_FALSE(before.empty());

  const std::vector<std::vector<std::string>> reads = {
      {"ticket", "show", "1"},
      {"ticket", "list"},
      {"ticket", "history", "1"},
      {"report", "daily"},
      {"report", "callbacks"},
      {"report", "sla", "--from", "2000-01-01 00:00", "--to", "2100-01-01 00:00"},
      {"report", "handover", "--from", "2000-01-01 00:00", "--to", "2100-01-01 00:00"},
  };
  for (const auto& args : reads) {
    const CliRun r = with_session(args);
    EXPECT_EQ(r.status, 0) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_TRUE(slurp(db_) == before) << args[0] << " " << args[1] << " changed the database";
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify", "--db", db_.string()},
        std::vector<std::string>{"report", "outbox", "--db", db_.string()}}) {
    const CliRun r = ws_.run(args);
    EXPECT_EQ(r.status, 0) << args[0] << ": " << r.err;
    EXPECT_TRUE(slurp(db_) == before) << args[0] << " changed the database";
  }
  EXPECT_EQ(stored_versions(), versions_before);  // the folder's newer version was not saved
}

TEST_F(ReadOnlyVerbsTest, ATicketOnAVersionKeptOnlyInTheDatabaseIsShown) {
  const CliRun shown = with_session({"ticket", "show", "1", "--json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.json()["workflow_version"], shipped_repair_version());
  EXPECT_EQ(shown.json()["state"], "dispatched");  // a state the folder's version does not have

  const CliRun history = with_session({"ticket", "history", "1", "--json"});
  ASSERT_EQ(history.status, 0) << history.err;
  EXPECT_NE(history.out.find("dispatch"), std::string::npos) << history.out;
}

TEST_F(ReadOnlyVerbsTest, AVerbThatWritesStillSavesTheFoldersNewVersion) {
  const CliRun created =
      with_session({"ticket", "create", "repair", "location=1-1-101", "--as", "wangli:front_desk"});
  ASSERT_EQ(created.status, 0) << created.err;
  EXPECT_EQ(stored_versions(),
            (std::vector<std::string>{"repair v" + std::to_string(shipped_repair_version()),
                                      "repair v" + std::to_string(shipped_repair_version() + 1)}));
}

}  // namespace
}  // namespace propdesk
