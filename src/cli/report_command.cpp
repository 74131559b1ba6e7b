// `propdesk report daily|callbacks|handover|sla|outbox`: the group and the options its verbs share.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/command.hpp"
#include "cli/exit_status.hpp"
#include "cli/report_commands.hpp"
#include "cli/time_option.hpp"
#include "cli/report_renderer.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"
#include "workflow/suggestion.hpp"

namespace propdesk::cli {

namespace {
const std::vector<std::string> kReports = {"daily", "callbacks", "handover", "sla", "outbox"};

// The options of the report verbs that take a value: what follows them is not a report's name.
bool takes_value(const std::string& option) {
  static const std::vector<std::string> kValued = {"--db",   "--workflows", "--config", "--at",
                                                   "--from", "--to",        "--section",
                                                   "--as",   "--incoming",  "--outgoing",
                                                   "--limit"};
  return std::find(kValued.begin(), kValued.end(), option) != kValued.end();
}

// `propdesk report` without a known report: say which exist.
int unknown_report(const std::vector<std::string>& arguments) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& a = arguments[i];
    if (a.starts_with("-")) {
      if (takes_value(a)) ++i;
      continue;
    }
    throw CliError("unknown report '" + a + "'" + did_you_mean(a, kReports) +
                   " (reports: daily, callbacks, handover, sla, outbox)");
  }
  throw CliError("which report? daily, callbacks, handover, sla or outbox");
}
}  // namespace

void add_report_verb_options(CLI::App& verb, ReportVerbOptions& options,
                             SessionOptionSpec session) {
  add_session_options(verb, options.session, session);
  verb.add_option("--at", options.at,
                  "The report's \"now\" (default: the current time), e.g. \"2026-11-26 18:00\"");
  CLI::Option* json = verb.add_flag("--json", options.json, "Print JSON (stable keys)");
  CLI::Option* csv =
      verb.add_flag("--csv", options.csv, "Print one section as CSV (RFC 4180), see --section");
  json->excludes(csv);
  verb.add_option("--section", options.section,
                  "Only this section (with --csv: which one; default the first)");
}

void add_period_report_options(CLI::App& verb, PeriodReportOptions& options) {
  add_report_verb_options(verb, options);
  verb.add_option("--from", options.from, "Start of the period (inclusive)")->required();
  verb.add_option("--to", options.to, "End of the period (exclusive; default: up to and including --at or now)");
}

TimePoint report_time(const ReportVerbOptions& options) {
  return options.at.empty() ? SystemClock().now() : parse_time_option("--at", options.at);
}

ReportPeriod report_period(const PeriodReportOptions& options) {
  const TimePoint from = parse_time_option("--from", options.from);
  // Without --to the period runs up to and including "now" (times have second precision), so
  // that a change made the second the report runs is in it.
  const TimePoint to = options.to.empty() ? report_time(options) + Duration{1}
                                          : parse_time_option("--to", options.to);
  if (from >= to) {
    throw CliError("--from (" + options.from + ") must be before --to (" +
                   (options.to.empty() ? format_time(to) : options.to) + ")");
  }
  return {from, to};
}

WorkflowLookup engine_workflows(const Engine& engine) {
  return [&engine](std::string_view name, int version) { return engine.workflow(name, version); };
}

void print_report(const ReportVerbOptions& options, const ReportDocument& doc) {
  const ReportFormat format = options.json  ? ReportFormat::kJson
                              : options.csv ? ReportFormat::kCsv
                                            : ReportFormat::kText;
  const std::optional<std::string> section =
      options.section.empty() ? std::nullopt : std::optional<std::string>(options.section);
  print_report(std::cout, doc, format, section);
}

void add_report_command(CLI::App& app) {
  CLI::App* report = app.add_subcommand(
      "report",
      "The desk's reports: daily unclosed items, callbacks, shift handover, SLA, the outbox");
  add_report_daily_command(*report);
  add_report_callbacks_command(*report);
  add_report_handover_command(*report);
  add_report_sla_command(*report);
  add_report_outbox_command(*report);
  // Anything that is not one of the reports lands here, to be named in the error.
  report->allow_extras();
  report->callback([report] {
    if (report->get_subcommands().empty())
      std::exit(run_verb([&] { return unknown_report(report->remaining()); }));
  });
}

}  // namespace propdesk::cli
