// `propdesk advance --db FILE [--to TIME] [--json]`: act on every deadline due by TIME (default:
// now): SLA warnings and breaches, escalation steps, timed transitions. For a desk without a
// long-running process (run it from cron or a systemd timer), for catching up after downtime, and
// for simulations that move time by hand.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "cli/engine_session.hpp"
#include "cli/exit_status.hpp"
#include "cli/local_time.hpp"
#include "cli/ticket_json.hpp"
#include "cli/time_option.hpp"

namespace propdesk::cli {

namespace {
struct AdvanceOptions {
  SessionOptions session;
  std::string to;
  bool json = false;
};

int run_advance(const AdvanceOptions& opt) {
  auto engine = open_engine(opt.session, DbAccess::kExisting);
  const TimePoint to = opt.to.empty() ? engine->clock().now() : parse_time_option("--to", opt.to);
  const AdvanceReport r = engine->advance(to);
  const std::optional<TimePoint> next = engine->next_deadline();
  if (opt.json) {
    Json out;
    out["to"] = format_time(to);
    out["timers"] = r.timers;
    out["transitions"] = r.transitions;
    out["warnings"] = r.warnings;
    out["breaches"] = r.breaches;
    out["escalations"] = r.escalations;
    out["problems"] = r.problems;
    out["next_deadline"] = next ? Json(format_time(*next)) : Json();
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << "advanced to " << format_local(to) << ": " << r.timers << " timers, " << r.warnings
              << " warnings, " << r.breaches << " breaches, " << r.escalations << " escalation steps, "
              << r.transitions << " timed events\n";
    for (const std::string& problem : r.problems) std::cerr << "problem: " << problem << '\n';
    std::cout << "next deadline: " << (next ? format_local(*next) : std::string("none")) << '\n';
  }
  return r.problems.empty() ? kExitOk : kExitError;
}
}  // namespace

void add_advance_command(CLI::App& app) {
  auto opt = std::make_shared<AdvanceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "advance", "Act on every deadline due by --to (default: now): SLA warnings, breaches, "
                 "escalations, timed events");
  add_session_options(*cmd, opt->session);
  cmd->add_option("--to", opt->to, "Up to this time (\"2026-11-26 18:00\" at +08:00; default: now)");
  cmd->add_flag("--json", opt->json, "Print the result as JSON");
  cmd->callback([opt] { std::exit(run_verb([&] { return run_advance(*opt); })); });
}

}  // namespace propdesk::cli
