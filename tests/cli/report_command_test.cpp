// `propdesk report ...` end to end: the real binary on a database the CLI itself made, each report
// in each format, the handover recorded and acknowledged, and bad arguments.
//
// The database holds four tickets, made and moved by `propdesk ticket`:
//   repair BX-1 dispatched (open), complaint TS-1 assigned (open), inquiry ZX-1 answered (closed),
//   repair BX-2 rated 5, called back with 4 and closed.
// SLA clocks are kept by the engine; assertions about clock data hold whether or not the engine
// has filled them in (the exact rows are tested in tests/report on hand-built data).
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <sstream>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;
using Json = nlohmann::ordered_json;  // keeps the order of the keys, which is part of the format

constexpr const char* kEverything[] = {"--from", "2000-01-01 00:00", "--to", "2100-01-01 00:00"};

// The lines of a CSV text, each checked to end with CRLF.
std::vector<std::string> csv_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "a record without CRLF: " << text.substr(start);
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// Text output with every run of spaces made one: columns are padded to their widest cell.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

std::set<std::string> codes(const Json& rows) {
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r["code"].get<std::string>());
  return out;
}

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
  return out;
}

class ReportCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ws_ = std::make_unique<Workspace>();
    bx1_ = create({"repair", "location=3-2-1502", "category=plumbing", "description=厨房漏水",
                   "reporter=王建国", "phone=13812345678"});
    fire(bx1_, {"dispatch", "assignee=lishifu"}, "zhouqiang:dispatcher");
    ts1_ = create({"complaint", "location=1-1-1103", "description=楼上噪音", "phone=13987654321"});
    fire(ts1_, {"classify_general", "dept=security"}, "wangli:front_desk");
    zx1_ = create({"inquiry", "question=游泳池几点开放？"});
    fire(zx1_, {"answer", "answer=早九点"}, "wangli:front_desk");
    bx2_ = create({"repair", "location=6-1-1201", "category=electrical", "description=灯不亮",
                   "phone=13700001111"});
    fire(bx2_, {"grab"}, "zhaodian:repairer");  // the shipped staff's electrician
    fire(bx2_, {"complete"}, "zhaodian:repairer");
    fire(bx2_, {"rate", "satisfaction=5"}, "owner-6-1-1201:resident");
    fire(bx2_, {"schedule_callback", "callback_at=2026-11-28 10:00"}, "wangli:front_desk");
    fire(bx2_, {"call_back", "satisfaction=4"}, "wangli:front_desk");
  }
  static void TearDownTestSuite() { ws_.reset(); }

  static std::string create(std::vector<std::string> args) {
    args.insert(args.begin(), {"ticket", "create"});
    args.insert(args.end(), {"--db", "desk.db", "--as", "wangli:front_desk", "--json"});
    const CliRun r = ws_->run(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return r.status == 0 ? Json::parse(r.out)["code"].get<std::string>() : std::string();
  }
  static void fire(const std::string& code, std::vector<std::string> args,
                   const std::string& actor) {
    args.insert(args.begin(), {"ticket", "fire", code});
    args.insert(args.end(), {"--db", "desk.db", "--as", actor});
    const CliRun r = ws_->run(args);
    EXPECT_EQ(r.status, 0) << args[3] << ": " << r.err;
  }

  // propdesk report <args...> --db desk.db
  static CliRun report(std::vector<std::string> args) {
    args.insert(args.begin(), "report");
    args.insert(args.end(), {"--db", "desk.db"});
    return ws_->run(args);
  }
  static CliRun report_everything(std::vector<std::string> args) {
    args.insert(args.end(), std::begin(kEverything), std::end(kEverything));
    return report(std::move(args));
  }

  static std::unique_ptr<Workspace> ws_;
  static std::string bx1_, ts1_, zx1_, bx2_;
};

std::unique_ptr<Workspace> ReportCommandTest::ws_;
std::string ReportCommandTest::bx1_, ReportCommandTest::ts1_, ReportCommandTest::zx1_,
    ReportCommandTest::bx2_;

// --- daily ------------------------------------------------------------------------------------

TEST_F(ReportCommandTest, DailyAsText) {
  const CliRun r = report({"daily"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Daily unclosed items (每日未关闭事项)\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("Open items (未关闭事项) (2)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CODE"), std::string::npos);
  const std::string text = squeezed(r.out);
  EXPECT_NE(text.find(bx1_ + " repair dispatched 已派工 general lishifu 3-2-1502 "),
            std::string::npos)
      << r.out;
  EXPECT_NE(text.find(ts1_ + " complaint assigned 已转部门 general - 1-1-1103 "), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find(zx1_), std::string::npos);  // answered: closed
  EXPECT_EQ(r.out.find(bx2_), std::string::npos);
}

TEST_F(ReportCommandTest, DailyAsJson) {
  const CliRun r = report({"daily", "--json", "--at", "2100-01-01 00:00"});
  ASSERT_EQ(r.status, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(keys(j), (std::vector<std::string>{"report", "at", "open_count", "open"}));
  EXPECT_EQ(j["report"], "daily");
  EXPECT_EQ(j["at"], "2099-12-31T16:00:00Z");
  EXPECT_EQ(j["open_count"], 2);
  EXPECT_EQ(codes(j["open"]), (std::set<std::string>{bx1_, ts1_}));
  const Json& first = j["open"][0];
  EXPECT_EQ(keys(first),
            (std::vector<std::string>{"code", "workflow", "state", "state_label", "severity",
                                      "assignee", "location", "created_at", "age_seconds",
                                      "next_due", "next_clock", "breached_clocks"}));
  for (const auto& item : j["open"]) {
    EXPECT_GT(item["age_seconds"].get<std::int64_t>(), 70LL * 365 * 24 * 3600);  // until 2100
    EXPECT_TRUE(item["breached_clocks"].is_array());
    if (item["code"] == bx1_) {
      EXPECT_EQ(item["assignee"], "lishifu");
      EXPECT_EQ(item["location"], "3-2-1502");
      EXPECT_EQ(item["state_label"], "已派工");
    }
  }
}

TEST_F(ReportCommandTest, DailyAsCsv) {
  const CliRun r = report({"daily", "--csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = csv_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0],
            "code,workflow,state,state_label,severity,assignee,location,created_at,age_seconds,"
            "next_due,next_clock,breached_clocks");
  const std::string bx1_line = lines[1].starts_with(bx1_) ? lines[1] : lines[2];
  EXPECT_TRUE(bx1_line.starts_with(bx1_ + ",repair,dispatched,已派工,general,lishifu,3-2-1502,"))
      << bx1_line;
  EXPECT_NE(bx1_line.find("+08:00,"), std::string::npos) << bx1_line;  // created_at, local
}

// --- callbacks ----------------------------------------------------------------------------------

TEST_F(ReportCommandTest, CallbacksAsText) {
  const CliRun r = report({"callbacks", "--at", "2026-11-28 09:00"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Callbacks (回访)\n", 0), 0u) << r.out;
  EXPECT_NE(squeezed(r.out).find("day from: 2026-11-28 00:00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Callbacks (回访): missed first, then due today ("), std::string::npos);
  EXPECT_EQ(r.out.find("13812345678"), std::string::npos);
}

TEST_F(ReportCommandTest, CallbacksAsJson) {
  const CliRun r = report({"callbacks", "--json", "--at", "2026-11-28 09:00"});
  ASSERT_EQ(r.status, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(keys(j), (std::vector<std::string>{"report", "at", "day_start", "day_end",
                                               "missing_count", "due_today_count", "callbacks"}));
  EXPECT_EQ(j["report"], "callbacks");
  EXPECT_EQ(j["at"], "2026-11-28T01:00:00Z");
  EXPECT_EQ(j["day_start"], "2026-11-27T16:00:00Z");  // midnight at +08:00
  EXPECT_EQ(j["day_end"], "2026-11-28T16:00:00Z");
  ASSERT_TRUE(j["callbacks"].is_array());
  EXPECT_EQ(j["missing_count"].get<std::size_t>() + j["due_today_count"].get<std::size_t>(),
            j["callbacks"].size());
  // Only tickets waiting for a callback can be listed: none of these is.
  for (const auto& c : j["callbacks"]) {
    EXPECT_NE(c["code"], bx1_);
    EXPECT_NE(c["code"], zx1_);
    EXPECT_NE(c["code"], bx2_);  // closed after its callback
  }
}

TEST_F(ReportCommandTest, CallbacksAsCsv) {
  const CliRun r = report({"callbacks", "--csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = csv_lines(r.out);
  ASSERT_GE(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "status,code,workflow,state,state_label,severity,assignee,location,clock,due,"
            "late_seconds,reporter,phone");
}

// --- handover -----------------------------------------------------------------------------------

TEST_F(ReportCommandTest, HandoverAsText) {
  const CliRun r = report_everything({"handover"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Shift handover (交接班)\n", 0), 0u) << r.out;
  for (const char* title :
       {"Open items (未关闭事项) (2)", "Changes during the shift (本班变更) (12)",
        "New tickets (新增) (4)", "Closed tickets (关闭) (2)", "SLA breaches (超时) (",
        "Escalations (升级) ("}) {
    EXPECT_NE(r.out.find(title), std::string::npos) << title << "\n" << r.out;
  }
  EXPECT_NE(squeezed(r.out).find(
                " " + bx1_ + " repair 2 zhouqiang dispatcher dispatch reported dispatched 已派工 "),
            std::string::npos)
      << r.out;
}

TEST_F(ReportCommandTest, HandoverAsJson) {
  const CliRun r = report_everything({"handover", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(keys(j), (std::vector<std::string>{"report", "from", "to", "open_count",
                                               "created_count", "closed_count", "breach_count",
                                               "escalation_count", "recorded", "open", "changes",
                                               "created", "closed", "breaches", "escalations"}));
  EXPECT_EQ(j["from"], "1999-12-31T16:00:00Z");
  EXPECT_EQ(j["open_count"], 2);
  EXPECT_EQ(j["created_count"], 4);
  EXPECT_EQ(j["closed_count"], 2);
  EXPECT_TRUE(j["recorded"].is_null());
  EXPECT_EQ(codes(j["open"]), (std::set<std::string>{bx1_, ts1_}));
  EXPECT_EQ(codes(j["created"]), (std::set<std::string>{bx1_, ts1_, zx1_, bx2_}));
  EXPECT_EQ(codes(j["closed"]), (std::set<std::string>{zx1_, bx2_}));
  ASSERT_EQ(j["changes"].size(), 12u);
  const Json& dispatch = j["changes"][1];  // by ticket, then seq
  EXPECT_EQ(keys(dispatch),
            (std::vector<std::string>{"at", "code", "workflow", "seq", "actor", "role", "event",
                                      "from_state", "to_state", "to_label", "clock", "location"}));
  EXPECT_EQ(dispatch["code"], bx1_);
  EXPECT_EQ(dispatch["seq"], 2);
  EXPECT_EQ(dispatch["actor"], "zhouqiang");
  EXPECT_EQ(dispatch["role"], "dispatcher");
  EXPECT_EQ(dispatch["event"], "dispatch");
  EXPECT_EQ(dispatch["from_state"], "reported");
  EXPECT_EQ(dispatch["to_state"], "dispatched");
  EXPECT_EQ(dispatch["to_label"], "已派工");
  EXPECT_EQ(j["breaches"].size(), j["breach_count"].get<std::size_t>());
}

TEST_F(ReportCommandTest, HandoverAsCsvOneSectionAtATime) {
  const CliRun open = report_everything({"handover", "--csv"});  // the first section: open
  ASSERT_EQ(open.status, 0) << open.err;
  const auto open_lines = csv_lines(open.out);
  ASSERT_EQ(open_lines.size(), 3u);
  EXPECT_TRUE(open_lines[0].starts_with("code,workflow,state,")) << open_lines[0];

  const CliRun closed = report_everything({"handover", "--csv", "--section", "closed"});
  ASSERT_EQ(closed.status, 0) << closed.err;
  const auto lines = csv_lines(closed.out);
  ASSERT_EQ(lines.size(), 3u) << closed.out;
  EXPECT_EQ(lines[0],
            "at,code,workflow,seq,actor,role,event,from_state,to_state,to_label,clock,"
            "location");
  const std::string zx_line = lines[1].find(zx1_) != std::string::npos ? lines[1] : lines[2];
  EXPECT_NE(
      zx_line.find("," + zx1_ + ",inquiry,2,wangli,front_desk,answer,received,answered,已答复,,"),
      std::string::npos)
      << zx_line;
}

TEST(ReportHandoverRecord, TheIncomingPersonAcknowledgesTheRecordedHandover) {
  Workspace ws;
  ASSERT_EQ(ws.run({"ticket", "create", "repair", "location=3-2-1502", "description=漏水", "--db",
                    "desk.db", "--as", "wangli:front_desk"})
                .status,
            0);
  const CliRun recorded = ws.run({"report", "handover", "--db", "desk.db", "--from",
                                  "2000-01-01 00:00", "--to", "2100-01-01 00:00", "--record",
                                  "--as", "wangli:front_desk", "--incoming", "chenjing", "--json"});
  ASSERT_EQ(recorded.status, 0) << recorded.err;
  const std::string code = Json::parse(recorded.out)["recorded"];
  EXPECT_TRUE(code.starts_with("JJ-")) << code;
  EXPECT_NE(recorded.err.find("propdesk ticket fire " + code + " acknowledge"), std::string::npos)
      << recorded.err;

  const CliRun shown = ws.run({"ticket", "show", code, "--db", "desk.db", "--json"});
  ASSERT_EQ(shown.status, 0) << shown.err;
  const Json t = Json::parse(shown.out);
  EXPECT_EQ(t["workflow"], "handover");
  EXPECT_EQ(t["state"], "open");
  EXPECT_EQ(t["assignee"], "chenjing");
  EXPECT_EQ(t["fields"]["outgoing"], "wangli");
  EXPECT_EQ(t["fields"]["incoming"], "chenjing");
  EXPECT_EQ(t["fields"]["open_count"], 1);
  EXPECT_EQ(t["fields"]["breach_count"], Json::parse(recorded.out)["breach_count"]);
  EXPECT_EQ(t["fields"]["shift_from"], "1999-12-31T16:00:00Z");
  EXPECT_EQ(t["fields"]["summary"].get<std::string>().rfind("未关闭 1 项", 0), 0u)
      << t["fields"]["summary"];

  const CliRun ack = ws.run({"ticket", "fire", code, "acknowledge", "--db", "desk.db", "--as",
                             "chenjing:front_desk", "--json"});
  ASSERT_EQ(ack.status, 0) << ack.err;
  EXPECT_EQ(Json::parse(ack.out)["to_state"], "acknowledged");
  EXPECT_EQ(Json::parse(ack.out)["closed"], true);

  const CliRun history = ws.run({"ticket", "history", code, "--db", "desk.db", "--json"});
  ASSERT_EQ(history.status, 0) << history.err;
  const Json entries = Json::parse(history.out)["entries"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1]["event"], "acknowledge");
  EXPECT_EQ(entries[1]["actor"]["id"], "chenjing");

  // The next handover sees the handover ticket opened and closed.
  const CliRun next = ws.run({"report", "handover", "--db", "desk.db", "--from", "2000-01-01 00:00",
                              "--to", "2100-01-01 00:00", "--json"});
  ASSERT_EQ(next.status, 0) << next.err;
  EXPECT_EQ(codes(Json::parse(next.out)["closed"]), (std::set<std::string>{code}));
}

TEST(ReportHandoverRecord, WithoutToTheShiftRunsUpToAndIncludingNow) {
  Workspace ws;
  ASSERT_EQ(ws.run({"ticket", "create", "repair", "location=3-2-1502", "description=漏水", "--db",
                    "desk.db", "--as", "wangli:front_desk"})
                .status,
            0);
  // Run at once: most likely in the same second as the creation, which must still count.
  const CliRun r =
      ws.run({"report", "handover", "--db", "desk.db", "--from", "2000-01-01", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["created_count"], 1);
}

TEST(ReportHandoverRecord, RecordingNeedsWhoHandsOverAndWhoTakesOver) {
  Workspace ws;
  ASSERT_EQ(ws.run({"ticket", "create", "repair", "location=3-2-1502", "description=漏水", "--db",
                    "desk.db", "--as", "wangli:front_desk"})
                .status,
            0);
  const CliRun no_incoming = ws.run({"report", "handover", "--db", "desk.db", "--from",
                                     "2000-01-01", "--record", "--as", "wangli:front_desk"});
  EXPECT_EQ(no_incoming.status, 1);
  EXPECT_NE(no_incoming.err.find("--record requires --incoming"), std::string::npos)
      << no_incoming.err;
  const CliRun bad_actor = ws.run({"report", "handover", "--db", "desk.db", "--from", "2000-01-01",
                                   "--record", "--as", "wangli", "--incoming", "chenjing"});
  EXPECT_EQ(bad_actor.status, 1);
  EXPECT_NE(bad_actor.err.find("--as expects USER:ROLE"), std::string::npos) << bad_actor.err;
  const CliRun wrong_role =
      ws.run({"report", "handover", "--db", "desk.db", "--from", "2000-01-01", "--record", "--as",
              "wangli:repairer", "--incoming", "chenjing"});
  EXPECT_EQ(wrong_role.status, 2);  // the workflow has no such role: the engine says no
  EXPECT_NE(wrong_role.err.find("rejected: "), std::string::npos) << wrong_role.err;
  const CliRun list =
      ws.run({"ticket", "list", "--db", "desk.db", "--workflow", "handover", "--json"});
  EXPECT_TRUE(Json::parse(list.out).empty());  // nothing was recorded
}

// --- sla ----------------------------------------------------------------------------------------

TEST_F(ReportCommandTest, SlaAsText) {
  const CliRun r = report_everything({"sla"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("SLA compliance and satisfaction (服务达标与满意度)\n", 0), 0u) << r.out;
  EXPECT_NE(squeezed(r.out).find("tickets created: 4\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Satisfaction (满意度): ratings given on the period's tickets (3)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(squeezed(r.out).find("\n repair 2 4.5 0 0 0 1 1\n"), std::string::npos) << r.out;
}

TEST_F(ReportCommandTest, SlaAsJson) {
  const CliRun r = report_everything({"sla", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(keys(j), (std::vector<std::string>{"report", "from", "to", "ticket_count", "compliance",
                                               "satisfaction"}));
  EXPECT_EQ(j["ticket_count"], 4);
  const Json expected = Json::parse(R"([
    {"workflow": "complaint", "count": 0, "average": null,
     "rated_1": 0, "rated_2": 0, "rated_3": 0, "rated_4": 0, "rated_5": 0},
    {"workflow": "inquiry", "count": 0, "average": null,
     "rated_1": 0, "rated_2": 0, "rated_3": 0, "rated_4": 0, "rated_5": 0},
    {"workflow": "repair", "count": 2, "average": 4.5,
     "rated_1": 0, "rated_2": 0, "rated_3": 0, "rated_4": 1, "rated_5": 1}])");
  EXPECT_EQ(j["satisfaction"], expected);
  for (const auto& row : j["compliance"]) {  // whatever clocks the engine kept
    EXPECT_EQ(row["runs"].get<int>(),
              row["met"].get<int>() + row["breached"].get<int>() + row["open"].get<int>());
  }
}

TEST_F(ReportCommandTest, SlaAsCsv) {
  const CliRun compliance = report_everything({"sla", "--csv"});
  ASSERT_EQ(compliance.status, 0) << compliance.err;
  const auto lines = csv_lines(compliance.out);
  ASSERT_GE(lines.size(), 1u);
  EXPECT_EQ(lines[0], "workflow,clock,group,value,runs,met,breached,open,compliance_percent");

  const CliRun satisfaction = report_everything({"sla", "--csv", "--section", "satisfaction"});
  ASSERT_EQ(satisfaction.status, 0) << satisfaction.err;
  EXPECT_EQ(satisfaction.out,
            "workflow,count,average,rated_1,rated_2,rated_3,rated_4,rated_5\r\n"
            "complaint,0,,0,0,0,0,0\r\n"
            "inquiry,0,,0,0,0,0,0\r\n"
            "repair,2,4.5,0,0,0,1,1\r\n");
}

// --- bad arguments ------------------------------------------------------------------------------

TEST_F(ReportCommandTest, BadArgumentsAreClearErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"weekly"}, "error: unknown report 'weekly' (reports: daily, callbacks, handover, sla, outbox)"},
      {{"dayly"}, "error: unknown report 'dayly' (did you mean 'daily'?)"},
      {{"daily", "--at", "tomorrow"}, "error: --at: cannot read 'tomorrow' as a time"},
      {{"handover", "--from", "2026-11-26 18:00", "--to", "2026-11-26 09:00"},
       "error: --from (2026-11-26 18:00) must be before --to (2026-11-26 09:00)"},
      {{"sla", "--from", "2026-11-26 18:00", "--to", "2026-11-26 18:00"},
       "error: --from (2026-11-26 18:00) must be before --to"},
      {{"sla", "--from", "2026-13-01"}, "error: --from: cannot read '2026-13-01' as a time"},
      {{"sla"}, "--from is required"},
      {{"daily", "--json", "--csv"}, "--json excludes --csv"},
      {{"daily", "--section", "closed"},
       "error: the daily report has no section 'closed' (sections: open)"},
      {{"handover", "--from", "2026-11-26", "--section", "nope"},
       "(sections: open, changes, created, closed, breaches, escalations)"},
  };
  for (const Case& c : cases) {
    const CliRun r = report(c.args);
    EXPECT_EQ(r.status, 1) << c.args[0];
    EXPECT_NE(r.err.find(c.message), std::string::npos) << "got: " << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  const CliRun none = ws_->run({"report"});
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.err.find("which report? daily, callbacks, handover, sla or outbox"), std::string::npos);
  const CliRun missing_db = ws_->run({"report", "daily", "--db", "nowhere.db"});
  EXPECT_EQ(missing_db.status, 1);
  EXPECT_NE(missing_db.err.find("error: no database at 'nowhere.db'"), std::string::npos);
}

}  // namespace
}  // namespace propdesk
