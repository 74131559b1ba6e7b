// The `propdesk report ...` verbs: what they share, and how each registers itself.
#pragma once

#include <string>
#include <string_view>

#include "cli/engine_session.hpp"
#include "cli/report_document.hpp"
#include "cli/time_option.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace CLI {
class App;
}

namespace propdesk::cli {

/// Options every report verb has.
struct ReportVerbOptions {
  SessionOptions session;
  std::string at;  ///< --at: the report's "now" (empty: the system clock)
  bool json = false;
  bool csv = false;
  std::string section;  ///< --section: only this section (empty: all; CSV: the first)
};

/// Options of the reports over a period (handover, sla).
struct PeriodReportOptions : ReportVerbOptions {
  std::string from;  ///< --from, required
  std::string to;    ///< --to (empty: up to and including the report's "now")
};

/// Adds --db, --config and --workflows (as `session` says), --at, --json, --csv (not both) and
/// --section.
void add_report_verb_options(CLI::App& verb, ReportVerbOptions& options,
                             SessionOptionSpec session = {});
/// Adds the above and --from (required), --to.
void add_period_report_options(CLI::App& verb, PeriodReportOptions& options);

/// The report's "now": --at, or the system clock.
TimePoint report_time(const ReportVerbOptions& options);

/// The period [--from, --to); without --to, up to and including the report's "now" (to = now +
/// 1 s). Throws CliError when --from is not before --to.
struct ReportPeriod {
  TimePoint from;
  TimePoint to;
};
ReportPeriod report_period(const PeriodReportOptions& options);

/// The engine's workflows as a WorkflowLookup (the engine must outlive it).
WorkflowLookup engine_workflows(const Engine& engine);

/// Prints the document in the format the options ask for (text, --json or --csv; --section).
void print_report(const ReportVerbOptions& options, const ReportDocument& doc);

void add_report_daily_command(CLI::App& report);
void add_report_callbacks_command(CLI::App& report);
void add_report_handover_command(CLI::App& report);
void add_report_sla_command(CLI::App& report);
void add_report_outbox_command(CLI::App& report);

}  // namespace propdesk::cli
