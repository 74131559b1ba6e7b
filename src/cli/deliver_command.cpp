// `propdesk deliver --db FILE [--config FILE] [--plugin-dir DIR]... [--until-idle [--max-wait D]
// | --follow [--poll D]] [--json]`: send the outbox's due notifications through the configured
// channels, once (from cron or a systemd timer, like `advance`), until nothing is pending, or
// (--follow, as a service) until SIGINT or SIGTERM, picking up what other processes queue. Prints
// every attempt and what is left; the exit status says whether every message attempted was
// delivered (0) or not (3); a --follow run that was told to stop exits 0.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <thread>

#include "cli/command.hpp"
#include "cli/configured_plugins.hpp"
#include "cli/delivery_tally.hpp"
#include "cli/duration_option.hpp"
#include "cli/engine_session.hpp"
#include "cli/exit_status.hpp"
#include "cli/local_time.hpp"
#include "cli/stop_signals.hpp"
#include "cli/text_columns.hpp"
#include "cli/ticket_json.hpp"
#include "propdesk/delivery_round.hpp"
#include "propdesk/outbox_deliverer.hpp"

namespace propdesk::cli {

namespace {

struct DeliverOptions {
  SessionOptions session;
  std::vector<std::string> plugin_dirs;
  bool once = false;
  bool until_idle = false;
  std::string max_wait = "10m";
  bool follow = false;
  std::string poll = "1s";
  bool json = false;
};

// The earliest next attempt of a pending message of one of `channels`.
std::optional<TimePoint> next_attempt(const Store& store,
                                      const std::vector<DeliveryChannel>& channels) {
  std::optional<TimePoint> next;
  for (const DeliveryChannel& c : channels) {
    const std::optional<TimePoint> t = store.next_outbox_attempt(c.name);
    if (t && (!next || *t < *next)) next = t;
  }
  return next;
}

Json attempt_json(const DeliveryAttempt& a) {
  Json j;
  j["channel"] = a.channel;
  j["key"] = a.key;
  j["ticket"] = a.ticket_code;
  j["to"] = a.recipient;
  j["outcome"] = std::string(to_string(a.outcome));
  j["attempt"] = a.attempt;
  j["error"] = a.error;
  j["retry_at"] = a.retry_at ? Json(format_time(*a.retry_at)) : Json();
  return j;
}

void print_attempt(TextTable& table, const DeliveryAttempt& a) {
  std::string what = a.error;
  if (a.outcome == DeliveryAttempt::Outcome::kRetry && a.retry_at)
    what = "next try " + format_local(*a.retry_at) + ": " + a.error;
  table.add_row({std::string(to_string(a.outcome)), a.channel, a.key, a.ticket_code, a.recipient,
                 "#" + std::to_string(a.attempt), what});
}

int run_deliver(const DeliverOptions& opt) {
  // Before any thread starts (plugins may start some): SIGINT and SIGTERM end a --follow run.
  std::optional<StopSignals> stop;
  if (opt.follow) stop.emplace();
  const EngineConfig config = load_session_config(opt.session);
  const std::shared_ptr<Store> store = open_store(opt.session, DbAccess::kExisting);
  const Duration max_wait = parse_duration_option("--max-wait", opt.max_wait);
  const Duration poll = parse_duration_option("--poll", opt.poll);
  if (poll <= Duration{0}) throw CliError("--poll must be at least 1s");

  PluginRegistry registry;
  const PluginLoadReport plugins =
      load_configured_plugins(registry, config.plugins, opt.plugin_dirs);
  for (const PluginFailure& f : plugins.failed)
    std::cerr << "warning: plugin " << f.to_string() << '\n';
  std::vector<DeliveryChannel> channels;
  try {
    channels = delivery_channels(config.notifiers, registry);
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << '\n';
    throw CliError(
        "cannot set up the notifiers of the configuration (see notifiers: and plugins:)");
  }

  const auto clock = std::make_shared<SystemClock>();
  DeliveryRoundOptions round;
  round.clock = clock;
  const TimePoint give_up = clock->now() + max_wait;
  std::vector<DeliveryAttempt> attempts;  // for --json
  DeliveryTally tally;
  bool stopped = false;
  for (;;) {
    std::vector<DeliveryAttempt> done = deliver_due(*store, channels, round);
    for (const DeliveryAttempt& a : done) tally.add(a);
    if (opt.json) {
      std::move(done.begin(), done.end(), std::back_inserter(attempts));
    } else {
      TextTable table("");
      for (const DeliveryAttempt& a : done) print_attempt(table, a);
      table.print(std::cout);
      std::cout.flush();
    }
    const std::optional<TimePoint> next = next_attempt(*store, channels);
    const TimePoint now = clock->now();
    if (opt.follow) {
      // Until the next retry is due, but look again after `poll` for what others queued.
      const Duration wait = next && *next - now < poll ? std::max(*next - now, Duration{0}) : poll;
      if (stop->wait_for(wait)) {
        stopped = true;
        break;
      }
      continue;
    }
    if (!opt.until_idle || !next || *next > give_up) break;
    if (*next > now) std::this_thread::sleep_for(*next - now);
  }

  // Messages are counted by how their last attempt of this run ended: a message retried and then
  // delivered (--until-idle, --follow) is one delivered message.
  const bool failed = tally.failed();
  const OutboxCounts counts = store->outbox_counts();
  const std::optional<TimePoint> next = next_attempt(*store, channels);
  if (opt.json) {
    Json out;
    out["channels"] = Json::array();
    for (const DeliveryChannel& c : channels) out["channels"].push_back(c.name);
    out["attempts"] = Json::array();
    for (const DeliveryAttempt& a : attempts) out["attempts"].push_back(attempt_json(a));
    out["delivered"] = tally.delivered();
    out["retried"] = tally.to_retry();
    out["dead"] = tally.dead();
    out["pending"] = counts.pending;
    out["next_attempt"] = next ? Json(format_time(*next)) : Json();
    std::cout << out.dump(2) << '\n';
  } else {
    if (channels.empty())
      std::cout << "no notifiers configured (notifiers: in " +
                       (opt.session.config.empty() ? default_config_file() : opt.session.config) +
                       "): nothing to deliver\n";
    std::cout << "delivered " << tally.delivered() << ", to retry " << tally.to_retry()
              << ", dead letters " << tally.dead() << " (" << tally.attempts()
              << (tally.attempts() == 1 ? " attempt" : " attempts")
              << "); pending now " << counts.pending << ", next attempt "
              << (next ? format_local(*next) : std::string("none")) << '\n';
  }
  // Failed: a message attempted in this run did not end delivered (a dead letter, or still to be
  // retried). A retry that succeeded later in the same run (--until-idle) is no failure. A --follow
  // run told to stop did its job: what failed is in the outbox (report outbox) and was printed.
  if (stopped) return kExitOk;
  return failed ? kExitDeliveryFailed : kExitOk;
}

}  // namespace

void add_deliver_command(CLI::App& app) {
  auto opt = std::make_shared<DeliverOptions>();
  CLI::App* cmd = app.add_subcommand(
      "deliver", "Send the notifications due in the outbox through the configured notifiers");
  add_session_options(*cmd, opt->session, SessionOptionSpec{true, false});
  opt->session.config = default_config_file();
  cmd->add_option("--config", opt->session.config, "Engine configuration (notifiers:, plugins:)")
      ->capture_default_str();
  cmd->add_option("--plugin-dir", opt->plugin_dirs,
                  "Another folder to look for the configured plugins in; repeatable");
  CLI::Option* once =
      cmd->add_flag("--once", opt->once, "Send what is due now, once (the default)");
  CLI::Option* idle = cmd->add_flag(
      "--until-idle", opt->until_idle,
      "Also wait for the retries, until nothing is pending or the next try is past --max-wait");
  once->excludes(idle);
  cmd->add_option("--max-wait", opt->max_wait,
                  "With --until-idle: wait at most this long for retries (default 10m)");
  CLI::Option* follow = cmd->add_flag(
      "--follow", opt->follow,
      "Keep running (a service): send what becomes due, also what other processes queue, until "
      "SIGINT or SIGTERM; then exit 0");
  follow->excludes(once)->excludes(idle);
  cmd->add_option("--poll", opt->poll,
                  "With --follow: look for newly queued notifications this often (default 1s)");
  CLI::Option* json = cmd->add_flag("--json", opt->json, "Print the result as JSON");
  follow->excludes(json);
  cmd->callback([opt] { std::exit(run_verb([&] { return run_deliver(*opt); })); });
}

}  // namespace propdesk::cli
