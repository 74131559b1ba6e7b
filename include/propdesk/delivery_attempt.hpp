// propdesk/delivery_attempt.hpp: one attempt to deliver one outbox message - claim, send, record.
//
// The one place where the rules of an attempt live; both ways of delivering use it: the
// background OutboxDeliverer (propdesk/outbox_deliverer.hpp) and a round over what is due now
// (deliver_due(), propdesk/delivery_round.hpp, which `propdesk deliver` runs).
//
//   1. claim the message (Store::claim_outbox, leased until now + lease): nobody else sends it
//      meanwhile; a message another deliverer claimed first is left alone;
//   2. when every allowed attempt was started already (the last by a process that died before
//      recording how it went), make it a dead letter without sending it again;
//   3. otherwise send it through the channel's notifier (an exception counts as a retry) and
//      record the outcome: delivered; a retry at next_attempt_after() with a draw of the jitter
//      source (exponential backoff, capped, jittered); or a dead letter (a permanent failure, or
//      a retry on the last allowed attempt).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "propdesk/clock.hpp"
#include "propdesk/delivery_channel.hpp"
#include "propdesk/export.hpp"
#include "propdesk/jitter_source.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// What one attempt did to one message.
struct DeliveryAttempt {
  enum class Outcome {
    kDelivered,  ///< the receiver took it
    kRetry,      ///< a temporary failure; pending again from `retry_at`
    kDead,       ///< a dead letter now, with `error`
  };
  std::string channel;
  std::string key;          ///< the message's idempotency key
  std::string ticket_code;  ///< the ticket it is about
  std::string recipient;    ///< the notification's recipient (a role or a person)
  Outcome outcome = Outcome::kDelivered;
  int attempt = 0;    ///< the attempt's number (1 for the first)
  bool sent = true;   ///< false: given up without sending (attempts used up by a crash)
  std::string error;  ///< why it failed; "" when delivered
  std::optional<TimePoint> retry_at;  ///< kRetry: when it may be tried again
  /// false: the failure was not recorded because a later claim of the message overtook this one
  /// (its lease ran out while sending); that claim's attempt decides.
  bool recorded = true;
};

/// "delivered", "retry" or "dead".
PROPDESK_API std::string_view to_string(DeliveryAttempt::Outcome outcome);

/// One attempt at the message `due` (as read by Store::due_outbox) through `channel`, with times
/// from `clock`, a claim of `lease` and the retry jitter drawn from `jitter` (none when empty).
/// Returns nullopt when the message could not be claimed (another deliverer has it, it is no longer
/// due); otherwise what happened, recorded in the store (see DeliveryAttempt::recorded). Never
/// throws for the notifier's failures; throws StoreError when the store fails (a claim already made
/// then expires with its lease).
PROPDESK_API std::optional<DeliveryAttempt> attempt_delivery(Store& store,
                                                             const DeliveryChannel& channel,
                                                             const OutboxMessage& due,
                                                             const Clock& clock, Duration lease,
                                                             const JitterSource& jitter);

}  // namespace propdesk
