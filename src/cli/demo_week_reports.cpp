#include "cli/demo_week_reports.hpp"

#include <optional>

#include "cli/report_commands.hpp"
#include "cli/report_renderer.hpp"
#include "propdesk/callback_report.hpp"
#include "propdesk/daily_report.hpp"
#include "propdesk/sla_report.hpp"

namespace propdesk::cli::demo {

namespace {

void print_text(std::ostream& out, const ReportDocument& doc) {
  print_report(out, doc, ReportFormat::kText, std::nullopt);
}

ReportSection clock_runs(const SlaReport& report) {
  ReportSection section{
      "compliance", "SLA compliance (达标率): the latest run of each clock", {}, {}};
  section.columns = {{"workflow", "WORKFLOW"},
                     {"clock", "CLOCK"},
                     {"runs", "RUNS"},
                     {"met", "MET"},
                     {"breached", "BREACHED"},
                     {"open", "OPEN"},
                     {"compliance_percent", "COMPLIANCE %"}};
  for (const ComplianceRow& r : report.compliance) {
    if (r.group != ComplianceRow::Group::kAll) continue;
    section.rows.push_back({text_cell(r.workflow), text_cell(r.clock), count_cell(r.runs),
                            count_cell(r.met), count_cell(r.breached), count_cell(r.open),
                            number_cell(r.compliance_percent, 1)});
  }
  return section;
}

ReportSection ratings(const SlaReport& report) {
  ReportSection section{
      "satisfaction", "Satisfaction (满意度): ratings at callbacks and in the app", {}, {}};
  section.columns = {{"workflow", "WORKFLOW"},
                     {"count", "RATINGS"},
                     {"average", "AVERAGE"},
                     {"unhappy", "UNHAPPY (1-2, reopened)"}};
  for (const SatisfactionRow& r : report.satisfaction) {
    section.rows.push_back({text_cell(r.workflow), count_cell(r.count), number_cell(r.average, 2),
                            count_cell(r.distribution[0] + r.distribution[1])});
  }
  return section;
}

}  // namespace

void print_sla_summary(std::ostream& out, Engine& engine, TimePoint from, TimePoint to) {
  const SlaReport report = sla_report(engine.store(), engine_workflows(engine), {from, to});
  ReportDocument doc;
  doc.report = "sla";
  doc.title = "SLA compliance and satisfaction (服务达标与满意度, sla report)";
  doc.summary = {{{"from", "from (+08:00)"}, Cell(report.from)},
                 {{"to", "to (+08:00)"}, Cell(report.to)},
                 {{"ticket_count", "tickets created"}, count_cell(report.tickets)}};
  doc.sections.push_back(clock_runs(report));
  doc.sections.push_back(ratings(report));
  print_text(out, doc);
}

void print_missing_callbacks(std::ostream& out, Engine& engine, TimePoint at) {
  const CallbackReport report = callback_report(engine.store(), engine_workflows(engine), at);
  ReportSection section{
      "missing", "Callbacks missed (未按时回访): handled, not called back by the time due", {}, {}};
  section.columns = {{"code", "CODE"},         {"workflow", "WORKFLOW"}, {"state_label", "状态"},
                     {"severity", "SEVERITY"}, {"due", "DUE"},           {"late_seconds", "LATE"}};
  for (const CallbackItem& i : report.missing) {
    section.rows.push_back({text_cell(i.code), text_cell(i.workflow), text_cell(i.state_label),
                            text_cell(i.severity), time_cell(i.due), Cell(i.late)});
  }
  ReportDocument doc;
  doc.report = "callbacks";
  doc.title = "Callbacks (回访, callbacks report)";
  doc.summary = {
      {{"at", "at (+08:00)"}, Cell(report.at)},
      {{"missing_count", "missing (未按时回访)"}, count_cell(report.missing.size())},
      {{"due_today_count", "due today (今日待回访)"}, count_cell(report.due_today.size())}};
  doc.sections.push_back(std::move(section));
  print_text(out, doc);
}

void print_open_items(std::ostream& out, Engine& engine, TimePoint at) {
  const DailyReport report = daily_report(engine.store(), engine_workflows(engine), at);
  ReportSection section{"open", "Open items (未关闭事项)", {}, {}};
  section.columns = {{"code", "CODE"},         {"state_label", "状态"},
                     {"severity", "SEVERITY"}, {"assignee", "OWNER"},
                     {"age_seconds", "AGE"},   {"next_due", "NEXT DEADLINE"},
                     {"next_clock", "CLOCK"},  {"breached_clocks", "BREACHED"}};
  for (const OpenItem& i : report.items) {
    section.rows.push_back({text_cell(i.code), text_cell(i.state_label), text_cell(i.severity),
                            text_cell(i.assignee), Cell(i.age), time_cell(i.next_due),
                            text_cell(i.next_clock), Cell(i.breached_clocks)});
  }
  ReportDocument doc;
  doc.report = "daily";
  doc.title = "Daily unclosed items (每日未关闭事项, daily report)";
  doc.summary = {{{"at", "at (+08:00)"}, Cell(report.at)},
                 {{"open_count", "open"}, count_cell(report.items.size())}};
  doc.sections.push_back(std::move(section));
  print_text(out, doc);
}

}  // namespace propdesk::cli::demo
