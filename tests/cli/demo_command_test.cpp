// `propdesk demo`: plays the day, ends with the verified journal, and leaves a usable database.
#include <gtest/gtest.h>

#include <regex>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - start);
}

TEST(DemoCommandTest, PlaysADayAndEndsWithTheVerifiedJournal) {
  Workspace ws;
  CliRun r = ws.run({"demo"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(std::regex_match(last_line(r.out),
                               std::regex(R"(journal verified: \d+ tickets, \d+ entries, intact)")))
      << last_line(r.out);
  EXPECT_TRUE(std::filesystem::exists(ws.path("propdesk-demo.db")));
  // What the day must have shown.
  for (const char* expected :
       {"Timeline (+08:00)", "Tickets by workflow and state", "signed off by the manager",
        "reopened", "rejected: condition-failed", "closed 已结案", "answered 已答复"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected;
  }
  // Histories mask residents' phone numbers: no 11-digit run is printed.
  EXPECT_FALSE(std::regex_search(r.out, std::regex(R"(\b1\d{10}\b)")));
}

TEST(DemoCommandTest, TheSameSeedPlaysTheSameDay) {
  Workspace ws;
  CliRun first = ws.run({"demo", "--db", "a.db", "--seed", "7"});
  CliRun second = ws.run({"demo", "--db", "a.db", "--seed", "7"});  // replaces a.db
  ASSERT_EQ(first.status, 0) << first.err;
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(first.out, second.out);
  CliRun other = ws.run({"demo", "--db", "b.db", "--seed", "8"});
  ASSERT_EQ(other.status, 0) << other.err;
  EXPECT_NE(first.out.substr(first.out.find("Timeline")),
            other.out.substr(other.out.find("Timeline")));
}

TEST(DemoCommandTest, TheDatabaseServesTheOtherVerbs) {
  Workspace ws;
  ASSERT_EQ(ws.run({"demo", "--db", "day.db", "--days", "2"}).status, 0);
  CliRun verify = ws.run({"verify", "--db", "day.db"});
  EXPECT_EQ(verify.status, 0) << verify.err;
  CliRun major = ws.run({"ticket", "list", "--db", "day.db", "--workflow", "complaint",
                         "--severity", "major", "--json"});
  ASSERT_EQ(major.status, 0) << major.err;
  ASSERT_GE(major.json().size(), 1u);
  const std::string code = major.json()[0]["code"];
  CliRun history = ws.run({"ticket", "history", code, "--db", "day.db", "--json"});
  ASSERT_EQ(history.status, 0) << history.err;
  bool manager_signed = false;
  const auto journal = history.json();
  for (const auto& e : journal["entries"])
    manager_signed = manager_signed || (e["event"] == "close" && e["actor"]["role"] == "manager");
  EXPECT_TRUE(manager_signed) << history.out;
}

TEST(DemoCommandTest, NeverReplacesAFileThatIsNotAPropdeskDatabase) {
  Workspace ws;
  std::ofstream(ws.path("thesis.db")) << "years of work\n";
  CliRun r = ws.run({"demo", "--db", "thesis.db"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("refusing to replace 'thesis.db'"), std::string::npos) << r.err;
  std::ifstream in(ws.path("thesis.db"));
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "years of work");
}

}  // namespace
}  // namespace propdesk
