// `propdesk demo [--db FILE] [--days N] [--seed N]`: a day at the front desk of 阳光花园, played
// through the engine on a manual clock into a fresh SQLite database, then reported and verified.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/demo_desk.hpp"
#include "cli/demo_report.hpp"
#include "cli/demo_stories.hpp"
#include "cli/engine_session.hpp"
#include "cli/exit_status.hpp"
#include "cli/journal_check.hpp"
#include "cli/local_time.hpp"
#include "propdesk/store_error.hpp"

namespace propdesk::cli {

namespace {

struct DemoOptions {
  SessionOptions session{.db = "propdesk-demo.db", .workflows = {}, .config = {}};
  int days = 1;
  unsigned seed = 20261126;
};

constexpr const char* kFirstOpening = "2026-11-26T08:30:00+08:00";

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
    {"major_complaint", "the major complaint, signed off by the manager"},
    {"reopened_repair", "a repair reopened after an unsatisfied rating"},
    {"paid_service", "paid work: quote, visit, payment, callback"},
};

int run_demo(const DemoOptions& opt) {
  remove_old_database(opt.session.db);
  const TimePoint first_opening = *parse_time(kFirstOpening);
  auto clock = std::make_shared<ManualClock>(first_opening);
  auto engine = open_engine(opt.session, DbAccess::kCreate, clock);
  // Counted from the event bus, as an embedding program would: kClosed follows every change that
  // enters a final state (closed, cancelled, answered, declined ...).
  std::int64_t finished = 0;
  const Subscription counting = engine->events().subscribe(
      TicketEvent::Kind::kClosed, [&finished](const TicketEvent&) { ++finished; });

  demo::Rng rng(opt.seed);
  const demo::Staff staff;
  demo::DemoDesk desk(*engine, *clock, demo::OfficeHours(first_opening, opt.days));
  for (int day = 0; day < opt.days; ++day) {
    for (auto& arrival : demo::plan_day(day, desk.hours().opening(day), rng, staff))
      desk.open_at(arrival.at, std::move(arrival.story));
  }
  desk.run();

  std::ostream& out = std::cout;
  out << "propdesk demo: " << (opt.days == 1 ? "a day" : std::to_string(opt.days) + " days")
      << " at the front desk of 阳光花园 (buildings 1-6), from " << format_local(first_opening)
      << " +08:00 on a manual clock (seed " << opt.seed << ")\n"
      << "database: " << opt.session.db << "\n\n"
      << "Timeline (+08:00)\n";
  demo::print_timeline(out, desk.timeline(), opt.days > 1);

  out << "\nTickets by workflow and state\n";
  const std::int64_t open = demo::print_state_counts(out, *engine);
  out << "  " << desk.tickets_opened() << " tickets opened, " << desk.events_fired()
      << " events fired, " << finished << " finished, " << desk.expected_rejections()
      << " mistakes rejected by the engine, " << open << " still open at "
      << format_local(desk.hours().closing(opt.days - 1)) << "\n";

  for (const auto& f : kFeatured) {
    if (auto id = desk.featured(f.feature)) {
      out << '\n';
      demo::print_ticket_story(out, *engine, *id, f.title);
    }
  }

  for (const std::string& failure : desk.failures())
    std::cerr << "demo failure: " << failure << '\n';
  const JournalCheck check = check_journals(engine->store());
  out << '\n' << describe(check, engine->store()) << '\n';
  return check.intact() && desk.failures().empty() ? kExitOk : kExitError;
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto opt = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Play a day at a small estate's front desk into a fresh database and verify it");
  add_session_options(*cmd, opt->session, {.db_required = false, .workflows = true});
  cmd->add_option("--days", opt->days, "Days to play")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  cmd->add_option("--seed", opt->seed, "Seed of the day's randomness")->capture_default_str();
  cmd->callback([opt] { std::exit(run_verb([&] { return run_demo(*opt); })); });
}

}  // namespace propdesk::cli
