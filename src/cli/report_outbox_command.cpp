// `propdesk report outbox --db FILE [--at TIME] [--limit N]`: the dead letters (notifications
// given up on, with their last error) and the notifications still waiting to be delivered.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/exit_status.hpp"
#include "cli/report_commands.hpp"
#include "propdesk/outbox_report.hpp"

namespace propdesk::cli {

namespace {

struct OutboxOptions : ReportVerbOptions {
  std::size_t limit = 10000;
};

// The columns every message shows first.
std::vector<Cell> message_cells(const OutboxMessage& m) {
  return {text_cell(m.key),
          text_cell(m.notification.ticket_code),
          text_cell(m.channel),
          text_cell(m.notification.recipient),
          text_cell(m.notification.subject),
          count_cell(m.attempts),
          Cell(m.created_at)};
}

const std::vector<Column>& message_columns() {
  static const std::vector<Column> columns = {
      {"key", "KEY"},          {"ticket", "TICKET"},   {"channel", "CHANNEL"},
      {"recipient", "TO"},     {"subject", "SUBJECT"}, {"attempts", "TRIES"},
      {"created_at", "RAISED"}};
  return columns;
}

ReportSection dead_section(const OutboxReport& report) {
  ReportSection section;
  section.key = "dead";
  section.title = "Dead letters (未送达通知): given up on, with the last error";
  section.columns = message_columns();
  section.columns.insert(section.columns.end(),
                         {{"failed_at", "GIVEN UP"}, {"last_error", "LAST ERROR"}});
  for (const OutboxMessage& m : report.dead) {
    std::vector<Cell> row = message_cells(m);
    row.insert(row.end(), {Cell(m.next_attempt), text_cell(m.last_error)});
    section.rows.push_back(std::move(row));
  }
  return section;
}

ReportSection pending_section(const OutboxReport& report) {
  ReportSection section;
  section.key = "pending";
  section.title = "Pending (待发送): not delivered yet";
  section.columns = message_columns();
  section.columns.insert(section.columns.end(), {{"next_attempt", "NEXT TRY"},
                                                 {"waiting_seconds", "WAITING"},
                                                 {"last_error", "LAST ERROR"}});
  for (const OutboxMessage& m : report.pending) {
    std::vector<Cell> row = message_cells(m);
    const Duration waiting = report.at > m.created_at ? report.at - m.created_at : Duration{0};
    row.insert(row.end(), {Cell(m.next_attempt), Cell(waiting), text_cell(m.last_error)});
    section.rows.push_back(std::move(row));
  }
  return section;
}

int run_outbox(const OutboxOptions& opt) {
  const TimePoint now = report_time(opt);
  const auto store = open_store(opt.session, DbAccess::kRead);
  const OutboxReport report = outbox_report(*store, now, opt.limit);
  ReportDocument doc;
  doc.report = "outbox";
  doc.title = "Outbox (通知发送)";
  doc.summary = {{{"at", "at (+08:00)"}, Cell(report.at)},
                 {{"dead_count", "dead letters (未送达)"}, count_cell(report.counts.dead)},
                 {{"pending_count", "pending (待发送)"}, count_cell(report.counts.pending)},
                 {{"delivered_count", "delivered (已送达)"}, count_cell(report.counts.delivered)}};
  if (report.truncated)
    doc.summary.push_back({{"listed_at_most", "listed at most"}, count_cell(opt.limit)});
  doc.sections.push_back(dead_section(report));
  doc.sections.push_back(pending_section(report));
  print_report(opt, doc);
  return kExitOk;
}

}  // namespace

void add_report_outbox_command(CLI::App& report) {
  auto opt = std::make_shared<OutboxOptions>();
  CLI::App* cmd = report.add_subcommand(
      "outbox", "Notifications given up on (dead letters, with the last error) and still pending");
  add_report_verb_options(*cmd, *opt, SessionOptionSpec{true, false});
  cmd->add_option("--limit", opt->limit, "List at most this many of each (default 10000)")
      ->check(CLI::PositiveNumber);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_outbox(*opt); })); });
}

}  // namespace propdesk::cli
