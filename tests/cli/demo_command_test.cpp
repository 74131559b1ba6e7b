// `propdesk demo`: plays a week, ends with the verified journal, shows what the engine did on its
// deadlines, agrees with the reports run on its database afterwards, and leaves a database the
// other verbs use.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "cli_test_support.hpp"
#include "propdesk/value.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;
using Json = nlohmann::json;

// The week the demo plays by default, as `--from`/`--to` of the period reports.
constexpr const char* kWeekFrom = "2026-11-26 00:00";
constexpr const char* kWeekTo = "2026-12-03 00:00";
constexpr const char* kWeekEnd = "2026-12-02 18:00";  // the last closing

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - start);
}

// The lines after the line that starts with `heading`, up to the next empty line.
std::vector<std::string> block(const std::string& text, const std::string& heading) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (inside && line.empty()) break;
    if (inside) lines.push_back(line);
    if (!inside && line.starts_with(heading)) inside = true;
  }
  EXPECT_TRUE(inside) << "no '" << heading << "' in the output";
  return lines;
}

// The number after "<label>:" in a report's summary lines.
long summary_value(const std::string& text, const std::string& label) {
  std::smatch m;
  const std::regex re("\n  " + label + R"(:\s+(\d+)\n)");
  if (!std::regex_search(text, m, re)) {
    ADD_FAILURE() << "no summary value '" << label << "'";
    return -1;
  }
  return std::stol(m[1]);
}

// A row of the demo's "Day by day" table.
struct DayRow {
  std::string day;
  long arrivals = 0, closed = 0, warnings = 0, breaches = 0, escalations = 0, major = 0;
};

std::vector<DayRow> day_rows(const std::string& out) {
  std::vector<DayRow> rows;
  const std::regex re(
      R"(  (\w{3} \d{4}-\d\d-\d\d|total)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+))");
  for (const std::string& line : block(out, "Day by day")) {
    std::smatch m;
    if (!std::regex_match(line, m, re)) continue;
    rows.push_back({m[1], std::stol(m[2]), std::stol(m[3]), std::stol(m[4]), std::stol(m[5]),
                    std::stol(m[6]), std::stol(m[7])});
  }
  return rows;
}

// The code in the header of a featured history whose title starts with `title`.
std::string featured_code(const std::string& out, const std::string& title) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(R"(\n([A-Z]{2}-\d{8}-\d{4})  )" + title))) {
    ADD_FAILURE() << "no featured ticket '" << title << "'";
    return "";
  }
  return m[1];
}

std::size_t count_rows(const Json& rows, const std::string& key, const std::string& value) {
  std::size_t n = 0;
  for (const auto& r : rows) n += r[key] == value ? 1 : 0;
  return n;
}

// The default week, played once per test process (ctest runs each test in a process of its own).
class PlayedWeek {
 public:
  static const PlayedWeek& get() {
    static const PlayedWeek week;
    return week;
  }

  [[nodiscard]] const CliRun& demo() const { return demo_; }
  [[nodiscard]] std::filesystem::path db() const { return workspace_.path("propdesk-demo.db"); }
  // `propdesk <args> --db propdesk-demo.db`, which must succeed.
  [[nodiscard]] CliRun verb(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", "propdesk-demo.db"});
    CliRun r = workspace_.run(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return r;
  }
  [[nodiscard]] Json history(const std::string& code) const {
    return verb({"ticket", "history", code, "--json"}).json()["entries"];
  }

 private:
  PlayedWeek() : demo_(workspace_.run({"demo"})) {}

  Workspace workspace_;
  CliRun demo_;
};

const std::string& out() { return PlayedWeek::get().demo().out; }
CliRun verb(std::vector<std::string> args) { return PlayedWeek::get().verb(std::move(args)); }
Json history(const std::string& code) { return PlayedWeek::get().history(code); }

void check_days_and_sections() {
  EXPECT_EQ(PlayedWeek::get().demo().err, "");
  EXPECT_TRUE(std::regex_match(last_line(out()),
                               std::regex(R"(journal verified: \d+ tickets, \d+ entries, intact)")))
      << last_line(out());
  EXPECT_TRUE(std::filesystem::exists(PlayedWeek::get().db()));

  const std::vector<DayRow> rows = day_rows(out());
  const std::vector<std::string> days = {"Thu 2026-11-26", "Fri 2026-11-27", "Sat 2026-11-28",
                                         "Sun 2026-11-29", "Mon 2026-11-30", "Tue 2026-12-01",
                                         "Wed 2026-12-02", "total"};
  ASSERT_EQ(rows.size(), days.size()) << out();
  DayRow sum;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].day, days[i]);
    if (i + 1 == rows.size()) break;
    sum.arrivals += rows[i].arrivals;
    sum.closed += rows[i].closed;
    sum.warnings += rows[i].warnings;
    sum.breaches += rows[i].breaches;
    sum.escalations += rows[i].escalations;
    sum.major += rows[i].major;
  }
  const DayRow& total = rows.back();
  EXPECT_EQ(total.arrivals, sum.arrivals);
  EXPECT_EQ(total.closed, sum.closed);
  EXPECT_EQ(total.warnings, sum.warnings);
  EXPECT_EQ(total.breaches, sum.breaches);
  EXPECT_EQ(total.escalations, sum.escalations);
  EXPECT_EQ(total.major, sum.major);
  // The week shows the engine acting on its deadlines, and major tickets.
  EXPECT_GT(total.warnings, 0);
  EXPECT_GT(total.breaches, 0);
  EXPECT_GT(total.escalations, 0);
  EXPECT_GT(total.major, 0);
  // Fewer residents turn up at the weekend than on any working day.
  for (std::size_t weekend : {2u, 3u}) {
    for (std::size_t working : {0u, 1u, 4u, 5u, 6u})
      EXPECT_LT(rows[weekend].arrivals, rows[working].arrivals) << rows[weekend].day;
  }

  // Every section, in order.
  std::size_t at = 0;
  for (const char* section :
       {"Day by day", "Shift handovers", "Deliberate mistakes", "Tickets by workflow and state",
        "a major complaint", "a repair that breached", "a repair nobody rated",
        "SLA compliance and satisfaction", "Callbacks (回访", "Daily unclosed items",
        "journal verified"}) {
    const std::size_t found = out().find(section, at);
    EXPECT_NE(found, std::string::npos) << section;
    if (found != std::string::npos) at = found;
  }
  // Histories and reports mask residents' phone numbers: no 11-digit run is printed.
  EXPECT_FALSE(std::regex_search(out(), std::regex(R"(\b1\d{10}\b)")));
}

void check_major_complaint() {
  const std::string code = featured_code(out(), "a major complaint");
  ASSERT_TRUE(code.starts_with("TS-")) << code;
  EXPECT_NE(out().find("severity_raised: keyword '漏水' in description; the resident asked for "
                       "the manager (wants_manager)"),
            std::string::npos);
  // The desk's attempt to close it was refused; the manager closed it.
  EXPECT_NE(out().find(code + "  close by wangli:front_desk -> rejected: condition-failed"),
            std::string::npos);

  const Json entries = history(code);
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[1]["event"], "severity_raised");
  EXPECT_EQ(entries[1]["actor"]["role"], "system");
  EXPECT_EQ(entries[2]["event"], "escalation");  // the manager, at once
  EXPECT_EQ(entries[2]["input"]["notify"], "manager");
  EXPECT_EQ(entries[2]["input"]["percent"], 0);
  const Json& last = entries.back();
  EXPECT_EQ(last["event"], "close");
  EXPECT_EQ(last["actor"]["role"], "manager");
  EXPECT_EQ(last["to_state"], "closed");
  EXPECT_FALSE(last["input"]["manager_opinion"].get<std::string>().empty());
}

void check_breached_repair() {
  const std::string code = featured_code(out(), "a repair that breached");
  ASSERT_TRUE(code.starts_with("BX-")) << code;
  std::vector<std::string> breached;
  std::vector<std::string> told;  // "<clock> <percent> <roles>" of each escalation step
  for (const auto& e : history(code)) {
    if (e["event"] == "sla_breached") breached.push_back(e["input"]["clock"]);
    if (e["event"] == "escalation") {
      told.push_back(e["input"]["clock"].get<std::string>() + " " +
                     std::to_string(e["input"]["percent"].get<int>()) + " " +
                     e["input"]["notify"].get<std::string>());
    }
  }
  EXPECT_EQ(breached, (std::vector<std::string>{"response", "resolution"}));
  EXPECT_EQ(told,
            (std::vector<std::string>{"response 80 dispatcher", "response 100 supervisor",
                                      "resolution 100 supervisor", "resolution 200 manager"}));
}

void check_timer_repair() {
  const std::string code = featured_code(out(), "a repair nobody rated");
  ASSERT_TRUE(code.starts_with("BX-")) << code;
  const Json entries = history(code);
  std::optional<TimePoint> completed_at;
  bool moved = false;
  for (const auto& e : entries) {
    const std::optional<TimePoint> at = parse_time(e["at"].get<std::string>());
    ASSERT_TRUE(at) << e.dump();
    if (e["event"] == "complete") completed_at = at;
    if (e["event"] == "rate" && e["actor"]["id"] == "system") {
      moved = true;
      EXPECT_EQ(e["from_state"], "awaiting_rating");
      EXPECT_EQ(e["to_state"], "callback");
      ASSERT_TRUE(completed_at);
      EXPECT_EQ(*at - *completed_at, std::chrono::hours(48));  // to the second
    }
  }
  EXPECT_TRUE(moved) << entries.dump(1);
  EXPECT_EQ(entries.back()["event"], "call_back");
  EXPECT_EQ(entries.back()["to_state"], "closed");
}

void check_day_counts_against_the_journal() {
  const DayRow total = day_rows(out()).back();
  const Json week =
      verb({"report", "handover", "--from", kWeekFrom, "--to", kWeekTo, "--json"}).json();
  EXPECT_EQ(week["breach_count"], total.breaches);
  EXPECT_EQ(count_rows(week["escalations"], "event", "escalation"),
            static_cast<std::size_t>(total.escalations));
  EXPECT_EQ(count_rows(week["changes"], "event", "sla_warning"),
            static_cast<std::size_t>(total.warnings));
  const auto residents = [](const Json& rows) {
    return static_cast<long>(rows.size() - count_rows(rows, "workflow", "handover"));
  };
  EXPECT_EQ(residents(week["created"]), total.arrivals);
  EXPECT_EQ(residents(week["closed"]), total.closed);

  const Json major =
      verb({"ticket", "list", "--severity", "major", "--limit", "10000", "--json"}).json();
  EXPECT_EQ(static_cast<long>(major.size()), total.major);
}

void check_sla_summary() {
  const Json sla = verb({"report", "sla", "--from", kWeekFrom, "--to", kWeekTo, "--json"}).json();
  EXPECT_EQ(summary_value(out(), "tickets created"), sla["ticket_count"].get<long>());

  // workflow clock -> "runs met breached open" as the demo printed them.
  std::map<std::string, std::string> printed;
  const std::regex run_row(R"(  (\w+)\s+(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\S+)");
  for (const std::string& line : block(out(), "SLA compliance (达标率)")) {
    std::smatch m;
    if (std::regex_match(line, m, run_row) && m[1] != "WORKFLOW")
      printed[m[1].str() + " " + m[2].str()] =
          m[3].str() + " " + m[4].str() + " " + m[5].str() + " " + m[6].str();
  }
  std::map<std::string, std::string> reported;
  long breached = 0;
  for (const auto& r : sla["compliance"]) {
    if (r["group"] != "all") continue;
    reported[r["workflow"].get<std::string>() + " " + r["clock"].get<std::string>()] =
        std::to_string(r["runs"].get<long>()) + " " + std::to_string(r["met"].get<long>()) + " " +
        std::to_string(r["breached"].get<long>()) + " " + std::to_string(r["open"].get<long>());
    breached += r["breached"].get<long>();
  }
  EXPECT_EQ(printed, reported);
  EXPECT_GT(breached, 0);
  // A breach journaled in a clock's earlier run is not in the report (it keeps the latest run).
  EXPECT_LE(breached, day_rows(out()).back().breaches);

  std::map<std::string, std::pair<long, double>> ratings;
  const std::regex rating_row(R"(  (\w+)\s+(\d+)\s+([\d.]+)\s+\d+)");
  for (const std::string& line : block(out(), "Satisfaction (满意度)")) {
    std::smatch m;
    if (std::regex_match(line, m, rating_row)) ratings[m[1]] = {std::stol(m[2]), std::stod(m[3])};
  }
  ASSERT_FALSE(ratings.empty());
  for (const auto& r : sla["satisfaction"]) {
    if (r["count"] == 0) continue;
    const auto it = ratings.find(r["workflow"]);
    ASSERT_NE(it, ratings.end()) << r.dump();
    EXPECT_EQ(it->second.first, r["count"].get<long>());
    EXPECT_NEAR(it->second.second, r["average"].get<double>(), 0.005);
  }
}

void check_callbacks_and_open_items() {
  const Json callbacks = verb({"report", "callbacks", "--at", kWeekEnd, "--json"}).json();
  EXPECT_GE(callbacks["missing_count"].get<long>(), 1);  // some callbacks were missed
  EXPECT_EQ(summary_value(out(), "missing \\(未按时回访\\)"),
            callbacks["missing_count"].get<long>());
  std::set<std::string> missing_printed;
  for (const std::string& line : block(out(), "Callbacks missed"))
    if (line.starts_with("  ") && line[2] != 'C') missing_printed.insert(line.substr(2, 16));
  std::set<std::string> missing_reported;
  for (const auto& r : callbacks["callbacks"])
    if (r["status"] == "missing") missing_reported.insert(r["code"]);
  EXPECT_EQ(missing_printed, missing_reported);

  const Json daily = verb({"report", "daily", "--at", kWeekEnd, "--json"}).json();
  EXPECT_EQ(summary_value(out(), "open"), daily["open_count"].get<long>());
  std::set<std::string> open_printed;
  for (const std::string& line : block(out(), "Open items"))
    if (line.starts_with("  ") && line[2] != 'C') open_printed.insert(line.substr(2, 16));
  std::set<std::string> open_reported;
  for (const auto& r : daily["open"]) open_reported.insert(r["code"]);
  EXPECT_EQ(open_printed, open_reported);
}

void check_other_verbs() {
  verb({"verify"});
  const Json major =
      verb({"ticket", "list", "--workflow", "complaint", "--severity", "major", "--json"}).json();
  ASSERT_GE(major.size(), 3u);  // a keyword, a resident who asked for the manager, a repeat ...
  std::set<std::string> reasons;
  for (const auto& ticket : major) {
    bool manager_signed = ticket["state"] != "closed";
    for (const auto& e : history(ticket["code"])) {
      if (e["event"] == "severity_raised") reasons.insert(e["input"]["reason"]);
      manager_signed = manager_signed || (e["event"] == "close" && e["actor"]["role"] == "manager");
    }
    EXPECT_TRUE(manager_signed) << ticket.dump();
  }
  // The rule's criteria the week shows.
  for (const char* reason :
       {"3 complaints at ", "the resident asked for the manager", "keyword '", "was breached"}) {
    bool seen = false;
    for (const std::string& r : reasons) seen = seen || r.find(reason) != std::string::npos;
    EXPECT_TRUE(seen) << reason;
  }
  // The handover tickets: recorded every evening, acknowledged the next morning.
  const Json handovers = verb({"ticket", "list", "--workflow", "handover", "--json"}).json();
  EXPECT_EQ(handovers.size(), 7u);
  EXPECT_EQ(count_rows(handovers, "state", "acknowledged"), 6u);
}

TEST(DemoCommandTest, PlaysAWeekOfDeadlinesEscalationsAndMajorComplaints) {
  const CliRun& demo = PlayedWeek::get().demo();
  ASSERT_EQ(demo.status, 0) << demo.err;
  {
    SCOPED_TRACE("day by day, every section, the verified journal");
    check_days_and_sections();
  }
  {
    SCOPED_TRACE("a major complaint raised by the rule and signed off by the manager");
    check_major_complaint();
  }
  {
    SCOPED_TRACE("a repair that breached and escalated to the supervisor, then the manager");
    check_breached_repair();
  }
  {
    SCOPED_TRACE("the 48-hour timer moved an unrated repair to the callback");
    check_timer_repair();
  }
  {
    SCOPED_TRACE("the database serves the other verbs");
    check_other_verbs();
  }
}

TEST(DemoCommandTest, ItsCountsAreWhatTheReportsSayOfItsDatabase) {
  const CliRun& demo = PlayedWeek::get().demo();
  ASSERT_EQ(demo.status, 0) << demo.err;
  {
    SCOPED_TRACE("the day counts against the journal, as the handover report reads it");
    check_day_counts_against_the_journal();
  }
  {
    SCOPED_TRACE("the SLA summary against report sla");
    check_sla_summary();
  }
  {
    SCOPED_TRACE("missing callbacks and open items against report callbacks and report daily");
    check_callbacks_and_open_items();
  }
}

TEST(DemoCommandTest, TheSameSeedPlaysTheSameWeek) {
  const CliRun& first = PlayedWeek::get().demo();
  ASSERT_EQ(first.status, 0) << first.err;
  Workspace ws;
  CliRun again = ws.run({"demo"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(first.out, again.out);
  // Another seed, another day (one day is enough to tell).
  CliRun seven = ws.run({"demo", "--db", "a.db", "--seed", "7", "--days", "1"});
  CliRun eight = ws.run({"demo", "--db", "b.db", "--seed", "8", "--days", "1"});
  ASSERT_EQ(seven.status, 0) << seven.err;
  ASSERT_EQ(eight.status, 0) << eight.err;
  EXPECT_NE(seven.out.substr(seven.out.find("Day by day")),
            eight.out.substr(eight.out.find("Day by day")));
}

// The demo checks the engine as it goes: with a repair workflow whose no-rating timer waits 96
// hours instead of 48, the order is not in the callback when the desk calls on Monday.
TEST(DemoCommandTest, StopsAtTheFirstThingTheScriptDidNotExpect) {
  Workspace ws;
  const std::filesystem::path workflows = ws.path("workflows");
  std::filesystem::create_directories(workflows);
  for (const auto& file : std::filesystem::directory_iterator(PROPDESK_WORKFLOW_DIR)) {
    if (file.path().extension() == ".yaml" && file.path().filename() != "propdesk.yaml")
      std::filesystem::copy_file(file.path(), workflows / file.path().filename());
  }
  std::string repair;
  {
    std::ifstream in(workflows / "repair.yaml");
    repair.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto at = repair.find("after: 48h");
  ASSERT_NE(at, std::string::npos);
  repair.replace(at, 10, "after: 96h");
  std::ofstream(workflows / "repair.yaml") << repair;

  CliRun r = ws.run({"demo", "--workflows", workflows.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(std::regex_search(
      r.err,
      std::regex(R"(demo failure: BX-2026112\d-\d{4}: before call_back the ticket should be in )"
                 R"(state 'callback' \(moved there by a timer\), but it is in 'awaiting_rating')")))
      << r.err;
  EXPECT_NE(r.err.find("demo stopped at 2026-11-30 09:"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
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
