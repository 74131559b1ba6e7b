// docs/reports.md cannot drift: its transcripts are replayed on the built `propdesk`
// (transcript.hpp), the usage errors its "Exit status" paragraph quotes are the ones printed, and
// its ```cpp fragment is a region of this file (doc_blocks.hpp), compiled and run below.
// (clang-format is off: the regions keep the layout the page shows.)
// clang-format off
//
// doc-region reports
#include <propdesk/callback_report.hpp>
#include <propdesk/csv_writer.hpp>
#include <propdesk/daily_report.hpp>
#include <propdesk/handover_report.hpp>
#include <propdesk/sla_report.hpp>

// doc-region end
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "cli/cli_test_support.hpp"
#include "doc_blocks.hpp"
#include "docs/transcript.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/engine_setup.hpp"
#include "propdesk/memory_store.hpp"

namespace {

const std::filesystem::path kPage = PROPDESK_SOURCE_DIR "/docs/reports.md";

// The outbox example's configuration: people's notifications go to the channel field_staff (the
// log notifier), the dispatcher has no channel.
void field_staff_only(const propdesk::cli_testing::Workspace& ws) {
  propdesk::cli_testing::write_field_staff_config(ws.path("desk.yaml"), "log", "{path: notify.jsonl}");
}

TEST(ReportsDoc, EveryTranscriptPrintsWhatThePageShows) {
  propdesk::doc_transcripts::ReplayOptions options;
  options.setups = {{"outbox", field_staff_only}};
  propdesk::doc_transcripts::replay(kPage, options);
}

// The "Exit status" paragraph quotes usage errors; each is what the binary prints for the
// command below (in the paragraph's order).
TEST(ReportsDoc, TheQuotedUsageErrorsAreTheOnesPrinted) {
  std::ifstream in(kPage);
  std::string paragraph;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Exit status as for every verb", 0) == 0) paragraph = line;
    else if (!paragraph.empty() && line.empty()) break;
    else if (!paragraph.empty()) paragraph += " " + line;
  }
  ASSERT_FALSE(paragraph.empty()) << "the page has no \"Exit status as for every verb\" paragraph";
  std::vector<std::string> quoted;
  const std::regex error("`(error: [^`]*)`");
  for (std::sregex_iterator m(paragraph.begin(), paragraph.end(), error), end; m != end; ++m) {
    if ((*m)[1] != "error: ...") quoted.push_back((*m)[1]);  // not the form, an example
  }
  const std::vector<std::vector<std::string>> commands = {
      {"report", "dayly", "--db", "desk.db"},
      {"report", "daily", "--db", "desk.db", "--at", "tomorrow"},
      {"report", "sla", "--db", "desk.db", "--from", "2026-11-26 18:00", "--to", "2026-11-26 09:00"},
      {"report", "daily", "--db", "desk.db", "--section", "closed"},
  };
  ASSERT_EQ(quoted.size(), commands.size()) << paragraph;
  propdesk::cli_testing::Workspace ws;
  ASSERT_EQ(ws.run({"ticket", "create", "inquiry", "question=游泳池几点开放", "--db", "desk.db", "--as",
                    "wangli:front_desk"})
                .status,
            0);
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const propdesk::cli_testing::CliRun r = ws.run(commands[i]);
    EXPECT_EQ(r.status, 1) << quoted[i];
    EXPECT_EQ(r.err, quoted[i] + "\n");
  }
}

TEST(ReportsDoc, ThePageShowsTheCodeThisFileCompiles) {
  propdesk::doc_blocks::expect_blocks_are_regions(kPage, "cpp", PROPDESK_SOURCE_DIR "/tests/docs/reports_doc_test.cpp");
}

TEST(ReportsDoc, TheCppFragmentBuildsEveryReport) {
  const auto loaded = propdesk::load_engine_config_file(PROPDESK_WORKFLOW_DIR "/propdesk.yaml");
  ASSERT_TRUE(loaded.ok());
  auto clock = std::make_shared<propdesk::ManualClock>(*propdesk::parse_time("2026-11-26 09:00"));
  propdesk::Engine engine(std::make_shared<propdesk::MemoryStore>(), propdesk::engine_options(*loaded.config, clock));
  ASSERT_TRUE(propdesk::load_workflows(engine, *loaded.config).empty());
  ASSERT_TRUE(engine.create("repair", {{"location", "3-2-1502"}, {"description", "厨房水槽下水管漏水"}},
                            {"wangli", "front_desk"}));
  clock->advance(std::chrono::hours(9));
  const propdesk::TimePoint month_start = *propdesk::parse_time("2026-11-01");
  const propdesk::TimePoint month_end = *propdesk::parse_time("2026-12-01");
  // doc-region reports
  propdesk::WorkflowLookup workflows = [&engine](std::string_view name, int version) {
    return engine.workflow(name, version);
  };
  const propdesk::TimePoint now = engine.clock().now();

  propdesk::DailyReport daily = propdesk::daily_report(engine.store(), workflows, now);
  propdesk::CallbackReport callbacks = propdesk::callback_report(engine.store(), workflows, now);
  propdesk::HandoverReport shift =
      propdesk::handover_report(engine.store(), workflows, {now - std::chrono::hours(9), now});
  propdesk::SlaReport sla = propdesk::sla_report(engine.store(), workflows, {month_start, month_end});

  // The handover ticket the incoming person acknowledges:
  engine.create("handover", propdesk::handover_ticket_fields(shift, "wangli", "chenjing"),
                {"wangli", "front_desk"});
  // doc-region end
  EXPECT_EQ(daily.items.size(), 1u);
  EXPECT_TRUE(callbacks.missing.empty());
  EXPECT_EQ(shift.created.size(), 1u);
  EXPECT_EQ(sla.tickets, 1);
  propdesk::TicketQuery handovers;
  handovers.workflow = "handover";
  EXPECT_EQ(engine.query(handovers).size(), 1u);
}

}  // namespace
