// `propdesk outbox purge --db FILE --older-than D [--status delivered|dead]... [--json]`: delete
// the outbox messages that were delivered (or given up on) longer ago than D. Pending messages are
// never purged; the journal keeps the changes that raised every message.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "cli/duration_option.hpp"
#include "cli/engine_session.hpp"
#include "cli/exit_status.hpp"
#include "cli/local_time.hpp"
#include "cli/ticket_json.hpp"
#include "cli/time_option.hpp"

namespace propdesk::cli {

namespace {

struct PurgeOptions {
  SessionOptions session;
  std::string older_than;
  std::string at;
  std::vector<std::string> statuses;
  bool json = false;
};

std::vector<OutboxStatus> purged_statuses(const std::vector<std::string>& names) {
  if (names.empty()) return {OutboxStatus::kDelivered};
  std::vector<OutboxStatus> out;
  for (const std::string& name : names) {
    const std::optional<OutboxStatus> s = parse_outbox_status(name);
    if (s == OutboxStatus::kPending)
      throw CliError("--status pending: messages not delivered yet are never purged");
    if (!s) throw CliError("--status expects delivered or dead, got '" + name + "'");
    out.push_back(*s);
  }
  return out;
}

int run_purge(const PurgeOptions& opt) {
  const std::vector<OutboxStatus> statuses = purged_statuses(opt.statuses);
  const Duration age = parse_duration_option("--older-than", opt.older_than);
  const std::shared_ptr<Store> store = open_store(opt.session, DbAccess::kExisting);
  const TimePoint now = opt.at.empty() ? SystemClock().now() : parse_time_option("--at", opt.at);
  const TimePoint before = now - age;
  const std::int64_t purged = store->purge_outbox(before, statuses);
  const OutboxCounts left = store->outbox_counts();
  std::string names;
  for (const OutboxStatus s : statuses)
    names += (names.empty() ? "" : " or ") + std::string(to_string(s));
  if (opt.json) {
    Json out;
    out["before"] = format_time(before);
    out["statuses"] = Json::array();
    for (const OutboxStatus s : statuses) out["statuses"].push_back(std::string(to_string(s)));
    out["purged"] = purged;
    out["pending"] = left.pending;
    out["delivered"] = left.delivered;
    out["dead"] = left.dead;
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << "purged " << purged << (purged == 1 ? " message " : " messages ") << names
              << " before " << format_local(before) << "; the outbox keeps " << left.pending
              << " pending, " << left.delivered << " delivered, " << left.dead << " dead\n";
  }
  return kExitOk;
}

}  // namespace

void add_outbox_command(CLI::App& app) {
  CLI::App* outbox = app.add_subcommand("outbox", "Maintain the notification outbox");
  outbox->require_subcommand(1);
  auto opt = std::make_shared<PurgeOptions>();
  CLI::App* purge = outbox->add_subcommand(
      "purge", "Delete delivered (or dead) messages older than --older-than; never pending ones");
  add_session_options(*purge, opt->session, SessionOptionSpec{true, false});
  purge
      ->add_option("--older-than", opt->older_than,
                   "Messages that ended (delivered, given up on) longer ago than this: 30d, 12h")
      ->required();
  purge->add_option(
      "--status", opt->statuses,
      "delivered (the default) or dead; repeatable. Pending messages are never purged");
  purge->add_option("--at", opt->at, "Count the age from this time instead of now (+08:00)");
  purge->add_flag("--json", opt->json, "Print the result as JSON");
  purge->callback([opt] { std::exit(run_verb([&] { return run_purge(*opt); })); });
}

}  // namespace propdesk::cli
