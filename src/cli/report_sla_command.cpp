// `propdesk report sla --db FILE --from TIME [--to TIME]`: SLA compliance per workflow, clock,
// category and severity, and residents' satisfaction, for the tickets created in the period.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/exit_status.hpp"
#include "cli/report_commands.hpp"
#include "propdesk/sla_report.hpp"

namespace propdesk::cli {

namespace {

ReportSection compliance_section(const std::vector<ComplianceRow>& rows) {
  ReportSection section;
  section.key = "compliance";
  section.title = "SLA compliance (达标率): clock runs of the period's tickets";
  section.columns = {
      {"workflow", "WORKFLOW"}, {"clock", "CLOCK"}, {"group", "BY"},
      {"value", "VALUE"},       {"runs", "RUNS"},   {"met", "MET"},
      {"breached", "BREACHED"}, {"open", "OPEN"},   {"compliance_percent", "COMPLIANCE %"}};
  for (const ComplianceRow& r : rows) {
    section.rows.push_back({text_cell(r.workflow), text_cell(r.clock),
                            text_cell(std::string(to_string(r.group))), text_cell(r.value),
                            count_cell(r.runs), count_cell(r.met), count_cell(r.breached),
                            count_cell(r.open), number_cell(r.compliance_percent, 1)});
  }
  return section;
}

ReportSection satisfaction_section(const std::vector<SatisfactionRow>& rows) {
  ReportSection section;
  section.key = "satisfaction";
  section.title = "Satisfaction (满意度): ratings given on the period's tickets";
  section.columns = {{"workflow", "WORKFLOW"}, {"count", "RATINGS"}, {"average", "AVERAGE"},
                     {"rated_1", "1"},         {"rated_2", "2"},     {"rated_3", "3"},
                     {"rated_4", "4"},         {"rated_5", "5"}};
  for (const SatisfactionRow& r : rows) {
    std::vector<Cell> row = {text_cell(r.workflow), count_cell(r.count), number_cell(r.average, 2)};
    for (std::int64_t n : r.distribution) row.push_back(count_cell(n));
    section.rows.push_back(std::move(row));
  }
  return section;
}

int run_sla(const PeriodReportOptions& opt) {
  const ReportPeriod period = report_period(opt);
  auto engine = open_engine(opt.session, DbAccess::kRead);
  const SlaReport report =
      sla_report(engine->store(), engine_workflows(*engine), {period.from, period.to});
  ReportDocument doc;
  doc.report = "sla";
  doc.title = "SLA compliance and satisfaction (服务达标与满意度)";
  doc.summary = {{{"from", "from (+08:00)"}, Cell(report.from)},
                 {{"to", "to (+08:00)"}, Cell(report.to)},
                 {{"ticket_count", "tickets created"}, count_cell(report.tickets)}};
  doc.sections.push_back(compliance_section(report.compliance));
  doc.sections.push_back(satisfaction_section(report.satisfaction));
  print_report(opt, doc);
  return kExitOk;
}

}  // namespace

void add_report_sla_command(CLI::App& report) {
  auto opt = std::make_shared<PeriodReportOptions>();
  CLI::App* cmd = report.add_subcommand(
      "sla", "SLA compliance by workflow, clock, category and severity; satisfaction");
  add_period_report_options(*cmd, *opt);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_sla(*opt); })); });
}

}  // namespace propdesk::cli
