// `propdesk report callbacks --db FILE [--at TIME] [--show-pii]`: callbacks (回访) missed and due
// today.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/exit_status.hpp"
#include "cli/report_commands.hpp"
#include "propdesk/callback_report.hpp"

namespace propdesk::cli {

namespace {

struct CallbacksOptions : ReportVerbOptions {
  bool show_pii = false;
};

void add_rows(ReportSection& section, const std::vector<CallbackItem>& items, const char* status) {
  for (const CallbackItem& i : items) {
    section.rows.push_back({text_cell(status), text_cell(i.code), text_cell(i.workflow),
                            text_cell(i.state), text_cell(i.state_label), text_cell(i.severity),
                            text_cell(i.assignee), text_cell(i.location), text_cell(i.clock),
                            time_cell(i.due), Cell(i.late), text_cell(i.reporter),
                            text_cell(i.phone)});
  }
}

ReportDocument callbacks_document(const CallbackReport& report) {
  ReportSection section;
  section.key = "callbacks";
  section.title = "Callbacks (回访): missed first, then due today";
  section.columns = {{"status", "STATUS"},  {"code", "CODE"},         {"workflow", "WORKFLOW"},
                     {"state", "STATE"},    {"state_label", "状态"},  {"severity", "SEVERITY"},
                     {"assignee", "OWNER"}, {"location", "LOCATION"}, {"clock", "CLOCK"},
                     {"due", "DUE"},        {"late_seconds", "LATE"}, {"reporter", "RESIDENT"},
                     {"phone", "PHONE"}};
  add_rows(section, report.missing, "missing");
  add_rows(section, report.due_today, "due_today");

  ReportDocument doc;
  doc.report = "callbacks";
  doc.title = "Callbacks (回访)";
  doc.summary = {
      {{"at", "at (+08:00)"}, Cell(report.at)},
      {{"day_start", "day from"}, Cell(report.day_start)},
      {{"day_end", "day to"}, Cell(report.day_end)},
      {{"missing_count", "missing (未按时回访)"}, count_cell(report.missing.size())},
      {{"due_today_count", "due today (今日待回访)"}, count_cell(report.due_today.size())}};
  doc.sections.push_back(std::move(section));
  return doc;
}

int run_callbacks(const CallbacksOptions& opt) {
  const TimePoint now = report_time(opt);
  auto engine = open_engine(opt.session, DbAccess::kRead);
  CallbackParams params;
  params.show_pii = opt.show_pii;
  print_report(opt, callbacks_document(
                        callback_report(engine->store(), engine_workflows(*engine), now, params)));
  return kExitOk;
}

}  // namespace

void add_report_callbacks_command(CLI::App& report) {
  auto opt = std::make_shared<CallbacksOptions>();
  CLI::App* cmd = report.add_subcommand(
      "callbacks", "Callbacks missed (handled but not called back in time) and due today");
  add_report_verb_options(*cmd, *opt);
  cmd->add_flag("--show-pii", opt->show_pii, "Show residents' names and phones unmasked");
  cmd->callback([opt] { std::exit(run_verb([&] { return run_callbacks(*opt); })); });
}

}  // namespace propdesk::cli
