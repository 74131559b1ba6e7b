// `propdesk report handover --db FILE --from TIME [--to TIME] [--record --as USER:ROLE --incoming
// USER]`: the shift handover (交接班): open items at the end of the shift, what changed during it;
// with --record, a handover ticket (workflow `handover`) for the incoming person to acknowledge.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/actor_argument.hpp"
#include "cli/exit_status.hpp"
#include "cli/open_items_section.hpp"
#include "cli/report_commands.hpp"
#include "propdesk/handover_report.hpp"

namespace propdesk::cli {

namespace {

struct HandoverOptions : PeriodReportOptions {
  bool record = false;
  std::string actor;     ///< --as
  std::string incoming;  ///< --incoming
  std::string outgoing;  ///< --outgoing (default: the --as user)
};

ReportSection entries_section(std::string key, std::string title,
                              const std::vector<ShiftEntry>& entries) {
  ReportSection section;
  section.key = std::move(key);
  section.title = std::move(title);
  section.columns = {{"at", "TIME"},       {"code", "CODE"},       {"workflow", "WORKFLOW"},
                     {"seq", "#"},         {"actor", "ACTOR"},     {"role", "ROLE"},
                     {"event", "EVENT"},   {"from_state", "FROM"}, {"to_state", "TO"},
                     {"to_label", "状态"}, {"clock", "CLOCK"},     {"location", "LOCATION"}};
  for (const ShiftEntry& e : entries) {
    section.rows.push_back({Cell(e.at), text_cell(e.code), text_cell(e.workflow), count_cell(e.seq),
                            text_cell(e.actor.id), text_cell(e.actor.role), text_cell(e.event),
                            text_cell(e.from_state), text_cell(e.to_state), text_cell(e.to_label),
                            text_cell(e.clock), text_cell(e.location)});
  }
  return section;
}

ReportDocument handover_document(const HandoverReport& report, const std::string& recorded) {
  ReportDocument doc;
  doc.report = "handover";
  doc.title = "Shift handover (交接班)";
  doc.summary = {
      {{"from", "from (+08:00)"}, Cell(report.from)},
      {{"to", "to (+08:00)"}, Cell(report.to)},
      {{"open_count", "open at the end (未关闭)"}, count_cell(report.open.items.size())},
      {{"created_count", "new (新增)"}, count_cell(report.created.size())},
      {{"closed_count", "closed (关闭)"}, count_cell(report.closed.size())},
      {{"breach_count", "breaches (超时)"}, count_cell(report.breaches.size())},
      {{"escalation_count", "escalations (升级)"}, count_cell(report.escalations.size())},
      {{"recorded", "handover ticket"}, recorded.empty() ? Cell() : text_cell(recorded)}};
  doc.sections.push_back(open_items_section(report.open));
  doc.sections.push_back(
      entries_section("changes", "Changes during the shift (本班变更)", report.changes));
  doc.sections.push_back(entries_section("created", "New tickets (新增)", report.created));
  doc.sections.push_back(entries_section("closed", "Closed tickets (关闭)", report.closed));
  doc.sections.push_back(entries_section("breaches", "SLA breaches (超时)", report.breaches));
  doc.sections.push_back(entries_section("escalations", "Escalations (升级)", report.escalations));
  return doc;
}

int run_handover(const HandoverOptions& opt) {
  const ReportPeriod period = report_period(opt);
  std::optional<Actor> actor;
  if (opt.record) actor = parse_actor(opt.actor);
  // --record creates a ticket: its workflow version must be saved like any other verb's that writes.
  auto engine = open_engine(opt.session, actor ? DbAccess::kExisting : DbAccess::kRead);
  const HandoverReport report =
      handover_report(engine->store(), engine_workflows(*engine), {period.from, period.to});

  std::string recorded;
  if (actor) {
    const std::string outgoing = opt.outgoing.empty() ? actor->id : opt.outgoing;
    Result<Ticket> created = engine->create(
        kHandoverWorkflow, handover_ticket_fields(report, outgoing, opt.incoming), *actor);
    if (!created) return report_rejection(created.rejection(), opt.json);
    recorded = created->code;
  }
  print_report(opt, handover_document(report, recorded));
  if (!recorded.empty()) {
    // Not into CSV or JSON on stdout: JSON has it as "recorded".
    (opt.json || opt.csv ? std::cerr : std::cout)
        << "\nrecorded " << recorded << " for " << opt.incoming
        << "; to take over: propdesk ticket fire " << recorded << " acknowledge --db "
        << opt.session.db << " --as " << opt.incoming << ":front_desk\n";
  }
  return kExitOk;
}

}  // namespace

void add_report_handover_command(CLI::App& report) {
  auto opt = std::make_shared<HandoverOptions>();
  CLI::App* cmd = report.add_subcommand(
      "handover", "Shift handover: open at the end of the shift, what changed during it");
  add_period_report_options(*cmd, *opt);
  CLI::Option* record = cmd->add_flag("--record", opt->record,
                                      "Record a handover ticket (workflow handover, JJ-...) for "
                                      "the incoming person to acknowledge");
  CLI::Option* as = cmd->add_option("--as", opt->actor, "Who records it, as USER:ROLE");
  CLI::Option* incoming = cmd->add_option("--incoming", opt->incoming, "Who takes over (user id)");
  CLI::Option* outgoing =
      cmd->add_option("--outgoing", opt->outgoing, "Who hands over (default: the --as user)");
  record->needs(as)->needs(incoming);
  as->needs(record);
  incoming->needs(record);
  outgoing->needs(record);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_handover(*opt); })); });
}

}  // namespace propdesk::cli
