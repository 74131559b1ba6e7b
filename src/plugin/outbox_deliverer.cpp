// The deliverer (propdesk/outbox_deliverer.hpp): one thread per channel, claim -> send -> record.
#include "propdesk/outbox_deliverer.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "propdesk/delivery_attempt.hpp"

namespace propdesk {

OutboxDeliverer::OutboxDeliverer(std::shared_ptr<Store> store, std::vector<DeliveryChannel> channels,
                                 OutboxDelivererOptions options)
    : store_(std::move(store)),
      channels_(std::move(channels)),
      options_(std::move(options)),
      clock_(options_.clock ? options_.clock : std::make_shared<SystemClock>()) {
  if (!store_) throw std::invalid_argument("OutboxDeliverer needs a store");
  std::set<std::string, std::less<>> names;
  for (const DeliveryChannel& c : channels_) {
    if (!c.notifier) throw std::invalid_argument("channel '" + c.name + "' has no notifier");
    if (c.name.empty()) throw std::invalid_argument("a channel without a name");
    if (!names.insert(c.name).second)
      throw std::invalid_argument("two channels are named '" + c.name + "'");
    if (std::string problem = check_retry_policy(c.retry); !problem.empty())
      throw std::invalid_argument("channel '" + c.name + "': retry: " + problem);
  }
  options_.batch = std::max<std::size_t>(options_.batch, 1);
  options_.max_sleep = std::max(options_.max_sleep, std::chrono::milliseconds(1));
  options_.lease = std::max(options_.lease, Duration{1});
  if (!options_.jitter) options_.jitter = make_jitter_source();
  if (options_.events) {
    subscription_ = options_.events->subscribe_all([this](const TicketEvent& e) {
      if (!e.notifications.empty()) poke();
    });
  }
  threads_.reserve(channels_.size());
  try {
    for (const DeliveryChannel& c : channels_) threads_.emplace_back([this, &c] { run(c); });
  } catch (...) {
    stop();
    throw;
  }
}

OutboxDeliverer::~OutboxDeliverer() { stop(); }

void OutboxDeliverer::poke() {
  {
    std::lock_guard lock(mutex_);
    ++pokes_;
  }
  wake_.notify_all();
}

void OutboxDeliverer::stop() {
  subscription_.disconnect();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

DeliveryStats OutboxDeliverer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool OutboxDeliverer::wait_for(const std::function<bool(const DeliveryStats&)>& done,
                               std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return done(stats_); });
}

template <class Change>
void OutboxDeliverer::count(Change&& change) {
  {
    std::lock_guard lock(mutex_);
    change(stats_);
  }
  changed_.notify_all();
}

void OutboxDeliverer::problem(const std::string& text) {
  if (!options_.on_problem) return;
  try {
    options_.on_problem(text);
  } catch (...) {
    // A handler must not throw; if it does, the deliverer carries on regardless.
  }
}

bool OutboxDeliverer::deliver(const DeliveryChannel& channel, const OutboxMessage& due) {
  const std::optional<DeliveryAttempt> a =
      attempt_delivery(*store_, channel, due, *clock_, options_.lease, options_.jitter);
  if (!a) return false;  // another deliverer was quicker, or it is no longer due
  if (a->sent) count([](DeliveryStats& s) { ++s.attempts; });
  if (!a->recorded) return true;
  switch (a->outcome) {
    case DeliveryAttempt::Outcome::kDelivered:
      count([](DeliveryStats& s) { ++s.delivered; });
      break;
    case DeliveryAttempt::Outcome::kRetry:
      count([](DeliveryStats& s) { ++s.retried; });
      break;
    case DeliveryAttempt::Outcome::kDead:
      problem(channel.name + ": " + due.key + " is a dead letter" +
              (a->sent ? " after " + std::to_string(a->attempt) +
                             (a->attempt == 1 ? " attempt: " : " attempts: ")
                       : std::string(": ")) +
              a->error);
      count([](DeliveryStats& s) { ++s.dead; });
      break;
  }
  return true;
}

void OutboxDeliverer::run(const DeliveryChannel& channel) {
  std::uint64_t seen_pokes = 0;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      seen_pokes = pokes_;
    }
    std::chrono::milliseconds wait = options_.max_sleep;
    try {
      const std::vector<OutboxMessage> due =
          store_->due_outbox(clock_->now(), options_.batch, channel.name);
      count([](DeliveryStats& s) { ++s.rounds; });
      bool progress = false;
      for (const OutboxMessage& m : due) {
        {
          std::lock_guard lock(mutex_);
          if (stopping_) return;
        }
        progress |= deliver(channel, m);
      }
      // A full batch: there may be more due at once. Otherwise sleep until the next attempt, but
      // never spin on messages that could not be claimed (their lease holds them).
      if (progress && due.size() == options_.batch) continue;
      if (const auto next = store_->next_outbox_attempt(channel.name)) {
        const auto until =
            std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock_->now());
        if (until <= std::chrono::milliseconds(0) && progress) continue;
        if (until > std::chrono::milliseconds(0)) wait = std::min(until, options_.max_sleep);
      }
    } catch (const std::exception& e) {  // StoreError, or out of memory: wait, then try again
      count([](DeliveryStats& s) { ++s.problems; });
      problem(channel.name + ": " + e.what());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [&] { return stopping_ || pokes_ != seen_pokes; });
    if (stopping_) return;
  }
}

}  // namespace propdesk
