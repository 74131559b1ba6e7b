// `--db TYPE:FILE`: the command line on a store type a plugin provides (the shipped lmdb plugin,
// found in the default plugin folder), and the errors of a --db that cannot be opened.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class PluginStoreCli : public ::testing::Test {
 protected:
  CliRun run(std::vector<std::string> args, const std::string& db = "lmdb:desk.lmdb") {
    args.push_back("--db");
    args.push_back(db);
    return ws_.run(args);
  }
  Workspace ws_;
};

TEST_F(PluginStoreCli, ATicketLivesItsLifeInAnLmdbFile) {
  CliRun created = run({"ticket", "create", "repair", "location=1-1-101", "description=漏水",
                        "--as", "wangli:front_desk", "--json"});
  ASSERT_EQ(created.status, 0) << created.err;
  const std::string code = created.json()["code"];
  ASSERT_TRUE(std::filesystem::exists(ws_.path("desk.lmdb")));
  EXPECT_FALSE(std::filesystem::exists(ws_.path("desk.db"))) << "no SQLite file on the side";

  ASSERT_EQ(run({"ticket", "fire", code, "dispatch", "assignee=zhangshifu", "--as",
                 "wangli:front_desk"})
                .status,
            0);
  ASSERT_EQ(run({"ticket", "fire", code, "accept", "--as", "zhangshifu:repairer"}).status, 0);

  // A second process reads what the first ones wrote.
  CliRun shown = run({"ticket", "show", code, "--json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.json()["state"], "in_progress");
  EXPECT_EQ(shown.json()["assignee"], "zhangshifu");
  CliRun history = run({"ticket", "history", code, "--json"});
  ASSERT_EQ(history.status, 0) << history.err;
  EXPECT_EQ(history.json()["entries"].size(), 3u) << history.out;

  CliRun verified = run({"verify"});
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_EQ(verified.out, "journal verified: 1 tickets, 3 entries, intact\n");
}

TEST_F(PluginStoreCli, SettingsAfterAQuestionMarkGoToTheStoreType) {
  CliRun ok = run({"ticket", "create", "repair", "location=1-1-101", "description=漏水", "--as",
                   "wangli:front_desk"},
                  "lmdb:desk.lmdb?map_size=8MiB");
  EXPECT_EQ(ok.status, 0) << ok.err;
  CliRun bad = run({"ticket", "list"}, "lmdb:desk.lmdb?map_size=lots");
  EXPECT_EQ(bad.status, 1);
  EXPECT_TRUE(contains(bad.err, "map_size")) << bad.err;
  CliRun unknown = run({"ticket", "list"}, "lmdb:desk.lmdb?colour=blue");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_TRUE(contains(unknown.err, "colour")) << unknown.err;
  CliRun malformed = run({"ticket", "list"}, "lmdb:desk.lmdb?map_size");
  EXPECT_EQ(malformed.status, 1);
  EXPECT_TRUE(contains(malformed.err, "not KEY=VALUE")) << malformed.err;
}

TEST_F(PluginStoreCli, AnUnknownStoreTypeIsNamedWithTheKnownOnes) {
  CliRun r = run({"ticket", "create", "repair", "location=1-1-101", "description=漏水", "--as",
                  "wangli:front_desk"},
                 "rocksdb:desk.rdb");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "no store type 'rocksdb'")) << r.err;
  EXPECT_TRUE(contains(r.err, "lmdb")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(ws_.path("desk.rdb")));
  // A verb that reads names the unknown type too, not the missing file.
  for (const std::vector<std::string>& verb :
       {std::vector<std::string>{"ticket", "list"}, std::vector<std::string>{"verify"}}) {
    CliRun read = run(verb, "rocksdb:desk.rdb");
    EXPECT_EQ(read.status, 1);
    EXPECT_TRUE(contains(read.err, "no store type 'rocksdb'")) << read.err;
    EXPECT_FALSE(contains(read.err, "no database at")) << read.err;
  }
}

TEST_F(PluginStoreCli, AMissingFileIsNotCreatedByAVerbThatReads) {
  CliRun r = run({"ticket", "list"}, "lmdb:missing.lmdb");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "no database at 'missing.lmdb'")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(ws_.path("missing.lmdb")));
}

TEST_F(PluginStoreCli, ASqliteFileIsNotAnLmdbDatabase) {
  ASSERT_EQ(run({"ticket", "create", "repair", "location=1-1-101", "description=漏水", "--as",
                 "wangli:front_desk"},
                "desk.db")
                .status,
            0);
  CliRun r = run({"ticket", "list"}, "lmdb:desk.db");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "desk.db")) << r.err;
  // Nothing was written to the SQLite file: it still opens and verifies.
  EXPECT_EQ(run({"verify"}, "desk.db").status, 0);
}

TEST_F(PluginStoreCli, APathWhosePrefixIsNoTypeNameIsASqliteFile) {
  CliRun r = run({"ticket", "create", "repair", "location=1-1-101", "description=漏水", "--as",
                  "wangli:front_desk"},
                 "./my:desk.db");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(ws_.path("my:desk.db")));
  EXPECT_EQ(run({"verify"}, "sqlite:my:desk.db").status, 0);
}

}  // namespace
}  // namespace propdesk
