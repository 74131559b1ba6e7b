// propdesk/delivery_round.hpp: deliver what is due now, once, and say what happened.
//
// The OutboxDeliverer (propdesk/outbox_deliverer.hpp) runs for as long as a program does. A desk
// without a long-running process delivers in rounds instead - `propdesk deliver` from cron or a
// systemd timer, like `propdesk advance` - and deliver_due() is one round:
//
//   for every channel, on a thread of its own (a hanging receiver holds up only its channel):
//     take the channel's messages due now, oldest first, and make one attempt at each
//     (attempt_delivery(), propdesk/delivery_attempt.hpp: claim, send, record; the same rules and
//     guarantees as the background deliverer, and it may run beside one on the same store);
//   return every attempt, channel by channel in the order given.
//
// A message is attempted at most once per round: a retry is scheduled for later (backoff), and a
// message another deliverer holds under its claim is left to it. Messages of channels not in
// `channels` are not touched. Nothing is sent twice across rounds: a delivered message is no
// longer pending, so running the round again right away sends nothing.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "propdesk/clock.hpp"
#include "propdesk/delivery_attempt.hpp"
#include "propdesk/delivery_channel.hpp"
#include "propdesk/export.hpp"
#include "propdesk/jitter_source.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// How a round runs.
struct DeliveryRoundOptions {
  /// Where "now" comes from (a SystemClock if null).
  std::shared_ptr<const Clock> clock;
  /// How long a claim keeps other deliverers off a message being sent (OutboxDelivererOptions).
  Duration lease{15 * 60};
  /// How many due messages a channel reads from the store at a time.
  std::size_t batch = 32;
  /// The retry jitter's draws (empty: make_jitter_source() seeded from std::random_device).
  JitterSource jitter;
};

/// One round over `channels` (see the top of this file). Throws std::invalid_argument for a
/// channel without a notifier or two channels with one name, before sending anything; StoreError
/// when the store fails (the attempts made so far are recorded; a claimed message is sent again
/// after its lease).
PROPDESK_API std::vector<DeliveryAttempt> deliver_due(Store& store,
                                                      const std::vector<DeliveryChannel>& channels,
                                                      const DeliveryRoundOptions& options = {});

}  // namespace propdesk
