// deliver_due() (propdesk/delivery_round.hpp): one round, a thread per channel.
#include "propdesk/delivery_round.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

namespace propdesk {

namespace {

// One channel's part of the round: its messages due now, each attempted at most once.
std::vector<DeliveryAttempt> channel_round(Store& store, const DeliveryChannel& channel,
                                           const Clock& clock, const DeliveryRoundOptions& options,
                                           const JitterSource& jitter) {
  std::vector<DeliveryAttempt> attempts;
  std::set<std::string, std::less<>> seen;
  for (;;) {
    // Messages attempted already may still be due (a retry with a very short delay): read past
    // them, so that each read brings up to `batch` new ones.
    const std::size_t limit = options.batch + seen.size();
    const std::vector<OutboxMessage> due = store.due_outbox(clock.now(), limit, channel.name);
    bool fresh = false;
    for (const OutboxMessage& m : due) {
      if (!seen.insert(m.key).second) continue;  // attempted in this round already
      fresh = true;
      if (auto a = attempt_delivery(store, channel, m, clock, options.lease, jitter))
        attempts.push_back(std::move(*a));
    }
    if (!fresh || due.size() < limit) break;  // everything due now was seen
  }
  return attempts;
}

}  // namespace

std::vector<DeliveryAttempt> deliver_due(Store& store, const std::vector<DeliveryChannel>& channels,
                                         const DeliveryRoundOptions& options) {
  std::set<std::string, std::less<>> names;
  for (const DeliveryChannel& c : channels) {
    if (!c.notifier) throw std::invalid_argument("channel '" + c.name + "' has no notifier");
    if (!names.insert(c.name).second)
      throw std::invalid_argument("two channels are named '" + c.name + "'");
  }
  const std::shared_ptr<const Clock> clock =
      options.clock ? options.clock : std::make_shared<SystemClock>();
  const JitterSource jitter = options.jitter ? options.jitter : make_jitter_source();
  DeliveryRoundOptions opt = options;
  opt.batch = std::max<std::size_t>(opt.batch, 1);
  opt.lease = std::max(opt.lease, Duration{1});

  std::vector<std::vector<DeliveryAttempt>> results(channels.size());
  std::vector<std::exception_ptr> errors(channels.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(channels.size());
    for (std::size_t i = 0; i < channels.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          results[i] = channel_round(store, channels[i], *clock, opt, jitter);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    }
  }  // joined
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  std::vector<DeliveryAttempt> all;
  for (auto& r : results) std::move(r.begin(), r.end(), std::back_inserter(all));
  return all;
}

}  // namespace propdesk
