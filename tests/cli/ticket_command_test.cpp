// `propdesk ticket ...` end to end: the real binary on a temporary SQLite database.
#include <gtest/gtest.h>

#include <regex>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

class TicketCommandTest : public ::testing::Test {
 protected:
  CliRun propdesk(std::vector<std::string> args) { return ws_.run(args); }

  // propdesk <verb...> --db tickets.db [--as actor] [--json]
  CliRun ticket(std::vector<std::string> args, const std::string& actor = "", bool json = true) {
    args.insert(args.begin(), "ticket");
    args.insert(args.end(), {"--db", "tickets.db"});
    if (!actor.empty()) args.insert(args.end(), {"--as", actor});
    if (json) args.emplace_back("--json");
    return ws_.run(args);
  }

  // A repair reported at 3-2-1502, as ticket 1.
  CliRun create_repair() {
    return ticket({"create", "repair", "location=3-2-1502", "category=plumbing",
                   "description=厨房水管漏水", "reporter=王建国", "phone=13812345678"},
                  "wangli:front_desk");
  }

  Workspace ws_;
};

TEST_F(TicketCommandTest, CreateFireShowAndHistoryFollowTheTicket) {
  CliRun created = create_repair();
  ASSERT_EQ(created.status, 0) << created.err;
  const auto t = created.json();
  EXPECT_EQ(t["id"], 1);
  EXPECT_TRUE(std::regex_match(t["code"].get<std::string>(), std::regex(R"(BX-\d{8}-0001)")));
  EXPECT_EQ(t["state"], "reported");
  EXPECT_EQ(t["state_label"], "待派单");
  EXPECT_EQ(t["fields"]["category"], "plumbing");
  EXPECT_EQ(t["fields"]["paid"], false);  // the default, typed
  const std::string code = t["code"];

  CliRun dispatched = ticket({"fire", "1", "dispatch", "assignee=lishifu", "dispatch_mode=verbal"},
                             "zhouqiang:dispatcher");
  ASSERT_EQ(dispatched.status, 0) << dispatched.err;
  EXPECT_EQ(dispatched.json()["from_state"], "reported");
  EXPECT_EQ(dispatched.json()["transition"], "派单");  // the transition's label
  EXPECT_EQ(dispatched.json()["to_state"], "dispatched");
  EXPECT_EQ(dispatched.json()["notifications"][0]["template"], "work_order");

  CliRun accepted = ticket({"fire", code, "accept"}, "lishifu:repairer");  // by code this time
  ASSERT_EQ(accepted.status, 0) << accepted.err;
  EXPECT_EQ(accepted.json()["to_state"], "in_progress");

  CliRun shown = ticket({"show", code});
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(shown.json()["state"], "in_progress");
  EXPECT_EQ(shown.json()["assignee"], "lishifu");
  EXPECT_EQ(shown.json()["version"], 3);

  CliRun history = ticket({"history", "1"});
  ASSERT_EQ(history.status, 0) << history.err;
  const auto entries = history.json()["entries"];
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]["event"], "create");
  EXPECT_EQ(entries[1]["event"], "dispatch");
  EXPECT_EQ(entries[1]["actor"]["id"], "zhouqiang");
  EXPECT_EQ(entries[1]["actor"]["role"], "dispatcher");
  EXPECT_EQ(entries[1]["input"]["assignee"], "lishifu");
  EXPECT_EQ(entries[2]["from_state"], "dispatched");
  EXPECT_EQ(entries[2]["to_state"], "in_progress");
  EXPECT_EQ(entries[2]["prev_hash"], entries[1]["hash"]);
}

TEST_F(TicketCommandTest, HumanOutputShowsStateLabelsAndLocalTime) {
  ASSERT_EQ(create_repair().status, 0);
  CliRun shown = ticket({"show", "1"}, "", /*json=*/false);
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_NE(shown.out.find("reported 待派单"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("+08:00"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("next: dispatch, auto_dispatch, grab"), std::string::npos) << shown.out;

  CliRun history = ticket({"history", "1"}, "", /*json=*/false);
  ASSERT_EQ(history.status, 0) << history.err;
  EXPECT_NE(history.out.find("wangli:front_desk  create  -> reported 待派单"), std::string::npos)
      << history.out;
}

// A value typed over several lines stays in its column: the next line starts under the first.
TEST_F(TicketCommandTest, AMultiLineValueStaysInItsColumn) {
  ASSERT_EQ(ticket({"create", "repair", "location=3-2-1502", "category=plumbing",
                    "description=厨房水管漏水\n关阀后仍在滴"},
                   "wangli:front_desk")
                .status,
            0);
  CliRun shown = ticket({"show", "1"}, "", /*json=*/false);
  ASSERT_EQ(shown.status, 0) << shown.err;
  const std::size_t first = shown.out.find("厨房水管漏水\n");
  ASSERT_NE(first, std::string::npos) << shown.out;
  // Terminal cells before the first line's value (the field's name and its Chinese label: two
  // cells per CJK character, one per ASCII byte).
  const std::size_t line_start = shown.out.rfind('\n', first) + 1;
  std::size_t cells = 0;
  for (std::size_t i = line_start; i < first; ++i) {
    const auto b = static_cast<unsigned char>(shown.out[i]);
    if ((b & 0xC0) != 0x80) cells += b >= 0xE0 ? 2 : 1;
  }
  const std::size_t next = first + std::string("厨房水管漏水\n").size();
  const std::string second = shown.out.substr(next, shown.out.find('\n', next) - next);
  EXPECT_EQ(second, std::string(cells, ' ') + "关阀后仍在滴") << shown.out;
}

TEST_F(TicketCommandTest, RejectionsExitTwoWithTheReasonCode) {
  ASSERT_EQ(create_repair().status, 0);

  CliRun wrong_state = ticket({"fire", "1", "complete"}, "lishifu:repairer", /*json=*/false);
  EXPECT_EQ(wrong_state.status, 2);
  EXPECT_EQ(wrong_state.err.rfind("rejected: wrong-state: ", 0), 0u) << wrong_state.err;

  CliRun missing = ticket({"fire", "1", "dispatch"}, "wangli:front_desk");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.json()["rejected"]["reason"], "missing-input");
  EXPECT_EQ(missing.json()["rejected"]["field"], "assignee");

  ASSERT_EQ(ticket({"fire", "1", "dispatch", "assignee=lishifu"}, "wangli:front_desk").status, 0);
  CliRun role = ticket({"fire", "1", "accept"}, "wangli:front_desk", /*json=*/false);
  EXPECT_EQ(role.status, 2);
  EXPECT_NE(role.err.find("rejected: role-not-permitted: "), std::string::npos) << role.err;

  CliRun unknown_event = ticket({"fire", "1", "acept"}, "lishifu:repairer", /*json=*/false);
  EXPECT_EQ(unknown_event.status, 2);
  EXPECT_NE(unknown_event.err.find("did you mean 'accept'"), std::string::npos)
      << unknown_event.err;

  CliRun unknown_ticket = ticket({"show", "BX-20261126-9999"});
  EXPECT_EQ(unknown_ticket.status, 2);
  EXPECT_EQ(unknown_ticket.json()["rejected"]["reason"], "unknown-ticket");

  // The state did not move through any of that.
  EXPECT_EQ(ticket({"show", "1"}).json()["state"], "dispatched");
}

TEST_F(TicketCommandTest, AConditionThatFailsIsNamed) {
  ASSERT_EQ(ticket({"create", "complaint", "description=楼上漏水", "location=1-1-101"},
                   "wangli:front_desk")
                .status,
            0);
  for (auto [event, input, actor] :
       {std::tuple{"classify_major", "dept=engineering", "sunli:supervisor"},
        std::tuple{"respond", "response=马上上楼", "magong:department"},
        std::tuple{"resolve", "resolution=已修复", "magong:department"},
        std::tuple{"call_back", "satisfaction=4", "wangli:front_desk"}}) {
    CliRun r = ticket({"fire", "1", event, input}, actor);
    ASSERT_EQ(r.status, 0) << event << ": " << r.err;
  }
  // A major complaint is signed off by the manager, not by the desk.
  CliRun desk = ticket({"fire", "1", "close"}, "wangli:front_desk");
  EXPECT_EQ(desk.status, 2);
  EXPECT_EQ(desk.json()["rejected"]["reason"], "condition-failed");
  EXPECT_EQ(desk.json()["rejected"]["condition"], "severity == 'general'");

  CliRun manager = ticket({"fire", "1", "close", "manager_opinion=同意结案"}, "liujingli:manager");
  ASSERT_EQ(manager.status, 0) << manager.err;
  EXPECT_EQ(manager.json()["to_state"], "closed");
  EXPECT_EQ(manager.json()["closed"], true);
  EXPECT_EQ(manager.json()["ticket"]["severity"], "major");
}

TEST_F(TicketCommandTest, BadKeyValueArgumentsAreClearUsageErrors) {
  ASSERT_EQ(create_repair().status, 0);
  ASSERT_EQ(ticket({"fire", "1", "grab"}, "lishifu:repairer").status, 0);

  CliRun not_a_number = ticket({"fire", "1", "complete", "fee=abc"}, "lishifu:repairer");
  EXPECT_EQ(not_a_number.status, 1);
  EXPECT_NE(not_a_number.err.find("field 'fee' (维修费用) expects a number"), std::string::npos)
      << not_a_number.err;
  EXPECT_NE(not_a_number.err.find("got 'abc'"), std::string::npos);

  CliRun not_an_int =
      ticket({"fire", "1", "add_note", "note=x", "satisfaction=great"}, "lishifu:repairer");
  EXPECT_EQ(not_an_int.status, 1);
  EXPECT_NE(not_an_int.err.find("field 'satisfaction' (满意度) expects an integer"),
            std::string::npos)
      << not_an_int.err;

  CliRun not_a_bool = ticket({"fire", "1", "add_note", "note=x", "paid=yes"}, "lishifu:repairer");
  EXPECT_EQ(not_a_bool.status, 1);
  EXPECT_NE(not_a_bool.err.find("expects true or false"), std::string::npos) << not_a_bool.err;

  CliRun not_a_time =
      ticket({"fire", "1", "add_note", "note=x", "callback_at=tomorrow"}, "lishifu:repairer");
  EXPECT_EQ(not_a_time.status, 1);
  EXPECT_NE(not_a_time.err.find("field 'callback_at' (回访时间) expects a time"), std::string::npos)
      << not_a_time.err;

  CliRun no_equals = ticket({"fire", "1", "add_note", "note"}, "lishifu:repairer");
  EXPECT_EQ(no_equals.status, 1);
  EXPECT_NE(no_equals.err.find("expected KEY=VALUE"), std::string::npos) << no_equals.err;

  CliRun bad_actor = ticket({"fire", "1", "add_note", "note=x"}, "lishifu");
  EXPECT_EQ(bad_actor.status, 1);
  EXPECT_NE(bad_actor.err.find("--as expects USER:ROLE"), std::string::npos) << bad_actor.err;

  // Converted, but not allowed: the engine judges ranges and enum values.
  CliRun out_of_range =
      ticket({"fire", "1", "add_note", "note=x", "satisfaction=9"}, "lishifu:repairer");
  EXPECT_EQ(out_of_range.status, 2);
  EXPECT_EQ(out_of_range.json()["rejected"]["reason"], "invalid-input");
  EXPECT_EQ(out_of_range.json()["rejected"]["field"], "satisfaction");

  EXPECT_EQ(ticket({"history", "1"}).json()["entries"].size(), 2u);  // nothing was written
}

TEST_F(TicketCommandTest, ValuesAreTypedByTheFieldDeclaration) {
  ASSERT_EQ(
      ticket({"create", "complaint", "description=噪音", "location=2-1-502"}, "wangli:front_desk")
          .status,
      0);
  CliRun r = ticket({"fire", "1", "schedule_callback", "callback_at=2026-11-26 15:00"},
                    "wangli:front_desk");
  ASSERT_EQ(r.status, 0) << r.err;
  // No offset means the desk's +08:00; JSON gives UTC.
  EXPECT_EQ(r.json()["ticket"]["fields"]["callback_at"], "2026-11-26T07:00:00Z");

  ASSERT_EQ(ticket({"create", "repair", "location=1-1-101", "category=plumbing",
                    "description=换龙头", "paid=true"},
                   "wangli:front_desk")
                .status,
            0);
  ASSERT_EQ(ticket({"fire", "2", "grab"}, "lishifu:repairer").status, 0);
  CliRun paid = ticket({"fire", "2", "complete", "fee=85.5"}, "lishifu:repairer");
  ASSERT_EQ(paid.status, 0) << paid.err;
  EXPECT_EQ(paid.json()["to_state"], "awaiting_payment");
  EXPECT_DOUBLE_EQ(paid.json()["ticket"]["fields"]["fee"].get<double>(), 85.5);
}

TEST_F(TicketCommandTest, PersonalDataIsMaskedUnlessAskedFor) {
  ASSERT_EQ(create_repair().status, 0);
  CliRun human = ticket({"show", "1"}, "", /*json=*/false);
  ASSERT_EQ(human.status, 0) << human.err;
  EXPECT_NE(human.out.find("138****5678"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("王**"), std::string::npos) << human.out;
  EXPECT_EQ(human.out.find("13812345678"), std::string::npos) << human.out;
  EXPECT_EQ(human.out.find("王建国"), std::string::npos) << human.out;

  EXPECT_EQ(ticket({"show", "1"}).json()["fields"]["phone"], "138****5678");
  CliRun history = ticket({"history", "1"});
  EXPECT_EQ(history.json()["entries"][0]["input"]["phone"], "138****5678");
  EXPECT_EQ(history.out.find("13812345678"), std::string::npos);
  EXPECT_EQ(ticket({"list"}).out.find("13812345678"), std::string::npos);

  CliRun unmasked = ticket({"show", "1", "--show-pii"});
  EXPECT_EQ(unmasked.json()["fields"]["phone"], "13812345678");
  EXPECT_EQ(unmasked.json()["fields"]["reporter"], "王建国");
}

TEST_F(TicketCommandTest, ListFilters) {
  ASSERT_EQ(create_repair().status, 0);
  ASSERT_EQ(
      ticket({"create", "repair", "location=3-20-101", "category=electrical", "description=灯不亮"},
             "wangli:front_desk")
          .status,
      0);
  ASSERT_EQ(
      ticket({"create", "complaint", "description=噪音", "location=3-2-801"}, "wangli:front_desk")
          .status,
      0);
  ASSERT_EQ(ticket({"fire", "2", "grab"}, "zhaodian:repairer").status, 0);

  EXPECT_EQ(ticket({"list"}).json().size(), 3u);
  EXPECT_EQ(ticket({"list", "--workflow", "repair"}).json().size(), 2u);
  EXPECT_EQ(ticket({"list", "--location", "3-2-"}).json().size(), 2u);
  EXPECT_EQ(ticket({"list", "--location", "3-2"}).json().size(), 3u);  // a prefix, bytewise
  auto mine = ticket({"list", "--assignee", "zhaodian"}).json();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["state"], "in_progress");
  EXPECT_EQ(ticket({"list", "--state", "reported"}).json().size(), 1u);
  EXPECT_EQ(ticket({"list", "--limit", "1"}).json().size(), 1u);
  EXPECT_EQ(ticket({"list", "--severity", "major"}).json().size(), 0u);

  CliRun human = ticket({"list", "--workflow", "repair"}, "", /*json=*/false);
  EXPECT_NE(human.out.find("in_progress 处理中"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("2 tickets"), std::string::npos) << human.out;
}

TEST_F(TicketCommandTest, UsageAndConfigurationErrorsExitOne) {
  CliRun no_db = ticket({"show", "1"});
  EXPECT_EQ(no_db.status, 1);
  EXPECT_NE(no_db.err.find("no database at 'tickets.db'"), std::string::npos) << no_db.err;

  CliRun no_actor = propdesk({"ticket", "create", "repair", "--db", "tickets.db"});
  EXPECT_EQ(no_actor.status, 1);
  EXPECT_NE(no_actor.err.find("--as"), std::string::npos) << no_actor.err;

  CliRun no_workflows = ticket({"create", "repair", "location=1", "description=x", "--workflows",
                                ws_.path("nowhere").string()},
                               "wangli:front_desk");
  EXPECT_EQ(no_workflows.status, 1);
  EXPECT_NE(no_workflows.err.find("workflow folder"), std::string::npos) << no_workflows.err;

  CliRun unknown_workflow = ticket({"create", "repiar", "location=1"}, "wangli:front_desk");
  EXPECT_EQ(unknown_workflow.status, 2);
  EXPECT_EQ(unknown_workflow.json()["rejected"]["reason"], "unknown-workflow");
  EXPECT_NE(unknown_workflow.err.find("did you mean 'repair'"), std::string::npos);
}

TEST_F(TicketCommandTest, ABrokenWorkflowFileIsReportedWithItsPlace) {
  const auto dir = ws_.path("workflows");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.yaml") << "workflow: broken\nversion: 1\nstates: [\n";
  CliRun r = ticket({"create", "broken", "x=1", "--workflows", dir.string()}, "a:b");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("broken.yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: cannot load workflow file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace propdesk
