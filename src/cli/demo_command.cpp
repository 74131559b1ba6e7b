// `propdesk demo [--db FILE] [--days N] [--seed N]`: a week (by default) at the front desk of
// 阳光花园, played through the engine on a manual clock into a fresh SQLite database, then reported
// through the library's reports and verified.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/demo_desk.hpp"
#include "cli/demo_handover.hpp"
#include "cli/demo_report.hpp"
#include "cli/demo_tally.hpp"
#include "cli/demo_week.hpp"
#include "cli/demo_week_reports.hpp"
#include "cli/engine_session.hpp"
#include "cli/exit_status.hpp"
#include "cli/journal_check.hpp"
#include "cli/local_time.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/store_error.hpp"

namespace propdesk::cli {

namespace {

struct DemoOptions {
  SessionOptions session{.db = "propdesk-demo.db", .workflows = {}, .config = {}};
  int days = 7;
  unsigned seed = 20261126;
};

constexpr const char* kFirstOpening = "2026-11-26T08:30:00+08:00";
constexpr const char* kOfficeCalendar = "office";

// The demo starts from nothing, but never deletes a file that is not a propdesk database.
void remove_old_database(const std::string& db) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return;
  try {
    SqliteStore check(db);
  } catch (const StoreError& e) {
    throw CliError("refusing to replace '" + db + "': " + e.what());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix, ec);
}

struct Featured {
  const char* feature;
  const char* title;
};
constexpr Featured kFeatured[] = {
    {"major_complaint",
     "a major complaint: raised by the severity rule, the manager told at once, signed off by the "
     "manager"},
    {"breached_repair",
     "a repair that breached: response (supervisor), resolution (supervisor), 200% (manager)"},
    {"timer_repair",
     "a repair nobody rated: moved to the callback by the 48-hour timer, called back at the "
     "resident's time"},
};

std::string span_text(int days) {
  if (days == 1) return "a day";
  if (days == 7) return "a week";
  return std::to_string(days) + " days";
}

int run_demo(const DemoOptions& opt) {
  remove_old_database(opt.session.db);
  const TimePoint first_opening = *parse_time(kFirstOpening);
  auto clock = std::make_shared<ManualClock>(first_opening);
  auto engine = open_engine(opt.session, DbAccess::kCreate, clock);
  const Calendar* office = engine->calendars().find(kOfficeCalendar);
  if (!office) {
    throw CliError("the demo needs the '" + std::string(kOfficeCalendar) +
                   "' calendar, which the configuration does not define");
  }

  const demo::Staff staff;
  demo::DemoDesk desk(*engine, *clock, demo::OfficeHours(first_opening, opt.days));
  const demo::OfficeHours& hours = desk.hours();
  const demo::DayTally tally(engine->events(), hours);
  demo::Rng rng(opt.seed);
  for (demo::Story& story : demo::plan_week(rng, staff, hours, *office))
    desk.open(std::move(story));
  demo::ShiftHandovers handovers(*engine, desk, staff);
  handovers.schedule(rng);
  desk.run();
  if (engine->events().subscriber_errors() > 0) desk.fail("a subscriber of the event bus threw");
  if (!desk.failures().empty()) {
    for (const std::string& failure : desk.failures())
      std::cerr << "demo failure: " << failure << '\n';
    std::cerr << "demo stopped at " << format_local(clock->now()) << " +08:00 (seed " << opt.seed
              << ")\n";
    return kExitError;
  }

  std::ostream& out = std::cout;
  out << "propdesk demo: " << span_text(opt.days)
      << " at the front desk of 阳光花园 (buildings 1-6), " << format_local(first_opening) << " to "
      << format_local(hours.end()) << " +08:00, on a manual clock (seed " << opt.seed << ")\n"
      << "database: " << opt.session.db << "\n"
      << "The desk is staffed 08:30-18:00 every day; SLA clocks on the '" << kOfficeCalendar
      << "' calendar count only its working time (not nights, not the weekend).\n\n"
      << "Day by day (+08:00)\n";
  demo::print_days(out, tally, hours);
  out << "  arrivals and closed: residents' tickets; warnings, breaches, escalations: what the "
         "engine journaled at each deadline's instant; major: tickets that became major\n";

  out << "\nShift handovers (交接班): " << handovers.recorded()
      << " recorded at closing from the handover report, " << handovers.acknowledged()
      << " acknowledged the next morning (" << handovers.acknowledged_late()
      << " late: the acknowledgement clock counts office hours, so a handover at closing is due "
         "half an hour into the next working period), the last one waits for the morning after the "
         "demo\n";
  if (!handovers.last().empty()) out << "  last: " << handovers.last() << '\n';

  out << "\nDeliberate mistakes, refused by the engine (" << desk.mistakes().size() << ")\n";
  demo::print_moments(out, desk.mistakes());

  out << "\nTickets by workflow and state\n";
  const std::int64_t open = demo::print_state_counts(out, *engine);
  out << "  " << desk.tickets_opened() << " tickets opened by the desk's stories, "
      << desk.events_fired() << " events fired, " << open << " tickets still open at "
      << format_local(hours.end()) << "\n";

  out << '\n';
  demo::print_raised_to_major(out, *engine);

  for (const auto& f : kFeatured) {
    if (auto id = desk.featured(f.feature)) {
      out << '\n';
      demo::print_ticket_story(out, *engine, *id, f.title);
    }
  }

  out << '\n';
  demo::print_sla_summary(out, *engine, hours.first_midnight(),
                          hours.first_midnight() + std::chrono::days(opt.days));
  out << '\n';
  demo::print_missing_callbacks(out, *engine, hours.end());
  out << '\n';
  demo::print_open_items(out, *engine, hours.end());

  const JournalVerification check = engine->store().verify_journals();
  out << '\n' << describe(check, engine->store()) << '\n';
  return check.intact() ? kExitOk : kExitError;
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto opt = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Play a week at a small estate's front desk into a fresh database and verify it");
  add_session_options(*cmd, opt->session, {.db_required = false, .workflows = true});
  cmd->add_option("--days", opt->days, "Days to play, from Thursday 2026-11-26")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  cmd->add_option("--seed", opt->seed, "Seed of the week's randomness")->capture_default_str();
  cmd->callback([opt] { std::exit(run_verb([&] { return run_demo(*opt); })); });
}

}  // namespace propdesk::cli
