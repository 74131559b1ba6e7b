// `propdesk report daily --db FILE [--at TIME]`: the unclosed items (每日未关闭事项), next deadline
// first.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/exit_status.hpp"
#include "cli/open_items_section.hpp"
#include "cli/report_commands.hpp"
#include "propdesk/daily_report.hpp"

namespace propdesk::cli {

namespace {

int run_daily(const ReportVerbOptions& opt) {
  const TimePoint now = report_time(opt);
  auto engine = open_engine(opt.session, DbAccess::kRead);
  const DailyReport report = daily_report(engine->store(), engine_workflows(*engine), now);
  ReportDocument doc;
  doc.report = "daily";
  doc.title = "Daily unclosed items (每日未关闭事项)";
  doc.summary = {{{"at", "at (+08:00)"}, Cell(report.at)},
                 {{"open_count", "open"}, count_cell(report.items.size())}};
  doc.sections.push_back(open_items_section(report));
  print_report(opt, doc);
  return kExitOk;
}

}  // namespace

void add_report_daily_command(CLI::App& report) {
  auto opt = std::make_shared<ReportVerbOptions>();
  CLI::App* cmd = report.add_subcommand(
      "daily", "Every ticket not closed yet, with owner, age and next deadline");
  add_report_verb_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_daily(*opt); })); });
}

}  // namespace propdesk::cli
