// propdesk/outbox_deliverer.hpp: background threads that send the outbox's messages.
//
// The engine queues notifications in the store's outbox with the change that raised them
// (EngineOptions::notifications, propdesk/outbox.hpp); an OutboxDeliverer sends them, off the path
// of Engine::fire. It runs one thread per channel, so a slow, failing or hanging receiver holds up
// only its own channel. Each thread:
//   1. takes the channel's due messages from the store (Store::due_outbox), oldest first;
//   2. claims each (Store::claim_outbox, with a lease: a deliverer in another process, or one
//      restarted after a crash, does not send it meanwhile), sends it through the channel's
//      Notifier, and records the outcome: delivered (acknowledge_outbox), a temporary failure
//      (fail_outbox with the next attempt from the channel's RetryPolicy: exponential backoff up to
//      a cap, with jitter), or a permanent failure or the last allowed attempt (a dead letter) -
//      the rules of attempt_delivery() (propdesk/delivery_attempt.hpp);
//   3. sleeps until the channel's next attempt is due (Store::next_outbox_attempt), at most
//      `max_sleep`, waking at once on poke() or when the engine's event bus reports a change that
//      asked for notifications. Nothing polls faster than that.
//
// Guarantees. A message committed with its change is sent at least once, or ends as a dead letter
// with the reason; a crash at any point loses nothing (the row stays pending, or claimed until its
// lease runs out, and a deliverer started later on the same store sends it). Every attempt of a
// message carries its idempotency key (the webhook notifier sends it as the Idempotency-Key
// header), so a receiver sees a message twice only when a process died between sending and
// recording the delivery, and then with the same key.
//
// Time comes from the injected Clock (next attempts, leases), so tests drive retries with a
// ManualClock and poke(); the retry jitter from the injected JitterSource.
//
// For a deployment without a long-running process, deliver_due() (propdesk/delivery_round.hpp)
// sends what is due once, in the caller's thread; `propdesk deliver` runs it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "propdesk/clock.hpp"
#include "propdesk/delivery_channel.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/event_bus.hpp"
#include "propdesk/export.hpp"
#include "propdesk/jitter_source.hpp"
#include "propdesk/notifier.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// Makes the configured channels (`notifiers:`): each one's notifier type from the registry,
/// created with its settings. Throws std::invalid_argument listing every channel that cannot be
/// made, one line each, naming it and where it is configured: a type no loaded plugin or built-in
/// provides (with a did-you-mean and the types there are), settings the type refuses, a retry
/// policy check_retry_policy() refuses.
PROPDESK_API std::vector<DeliveryChannel> delivery_channels(
    const std::vector<NotifierConfig>& notifiers, const PluginRegistry& registry);

/// How a deliverer runs.
struct OutboxDelivererOptions {
  /// Where "now" comes from (a SystemClock if null): next attempts and leases are in its time.
  std::shared_ptr<const Clock> clock;
  /// How long a claim keeps other deliverers off a message being sent. Longer than any send can
  /// take (the webhook notifier's longest timeout is 10 minutes); a deliverer that dies while
  /// sending delays that message by at most this much.
  Duration lease{15 * 60};
  /// How many due messages a channel takes from the store at a time.
  std::size_t batch = 32;
  /// The longest a channel sleeps without looking at the store (messages queued by other
  /// processes on the same store are seen at the latest then).
  std::chrono::milliseconds max_sleep{std::chrono::minutes(1)};
  /// The random draws of the retry jitter (RetryPolicy::jitter); empty: make_jitter_source()
  /// seeded from std::random_device. Tests inject a seeded source or fixed draws.
  JitterSource jitter;
  /// When set, the deliverer wakes whenever a change reported on this bus asked for notifications
  /// (Engine::events()). The bus must outlive the deliverer.
  EventBus* events = nullptr;
  /// Called with each message that became a dead letter ("staff_group: 7:3:0 is a dead letter
  /// after 10 attempts: ...") and each StoreError (the channel then waits `max_sleep` and tries
  /// again; a message it had claimed is sent again after its lease). Called on a deliverer
  /// thread; an exception it throws is ignored.
  std::function<void(const std::string&)> on_problem;
};

/// What a deliverer did so far, over all its channels.
struct DeliveryStats {
  std::uint64_t attempts = 0;   ///< sends started
  std::uint64_t delivered = 0;  ///< acknowledged
  std::uint64_t retried = 0;    ///< failed attempts with another one scheduled
  std::uint64_t dead = 0;       ///< messages this deliverer made dead letters
  std::uint64_t rounds = 0;     ///< times a channel looked at the store
  std::uint64_t problems = 0;   ///< StoreErrors met

  friend bool operator==(const DeliveryStats&, const DeliveryStats&) = default;
};

class PROPDESK_API OutboxDeliverer {
 public:
  /// Starts one thread per channel. Throws std::invalid_argument, starting nothing, for a null
  /// store or notifier, two channels with one name, or a retry policy check_retry_policy()
  /// refuses.
  OutboxDeliverer(std::shared_ptr<Store> store, std::vector<DeliveryChannel> channels,
                  OutboxDelivererOptions options = {});
  /// stop().
  ~OutboxDeliverer();
  OutboxDeliverer(const OutboxDeliverer&) = delete;
  OutboxDeliverer& operator=(const OutboxDeliverer&) = delete;

  /// Wakes every channel to look at the store now (after a ManualClock moved, or when another
  /// process is known to have queued messages).
  void poke();
  /// Stops the threads and joins them (idempotent). A send in progress is finished first: this
  /// waits at most as long as the slowest channel's timeout. Messages not sent stay pending.
  void stop();

  [[nodiscard]] DeliveryStats stats() const;
  /// Waits until `done(stats())` holds or `timeout` (real time) passes; returns whether it held.
  /// For tests and orderly shutdowns ("everything queued so far was attempted").
  bool wait_for(const std::function<bool(const DeliveryStats&)>& done,
                std::chrono::milliseconds timeout) const;

 private:
  void run(const DeliveryChannel& channel);
  // One message: claim, send, record. Returns whether it was claimed.
  bool deliver(const DeliveryChannel& channel, const OutboxMessage& due);
  void problem(const std::string& text);
  template <class Change>
  void count(Change&& change);

  std::shared_ptr<Store> store_;
  std::vector<DeliveryChannel> channels_;
  OutboxDelivererOptions options_;
  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  mutable std::condition_variable changed_;
  std::uint64_t pokes_ = 0;  // bumped by poke(): each channel compares with what it last saw
  bool stopping_ = false;
  DeliveryStats stats_;
  Subscription subscription_;
  std::vector<std::thread> threads_;  // last: started once everything above is ready
};

}  // namespace propdesk
