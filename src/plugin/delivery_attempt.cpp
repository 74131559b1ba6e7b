// attempt_delivery() (propdesk/delivery_attempt.hpp): claim, send, record.
#include "propdesk/delivery_attempt.hpp"

#include <exception>

namespace propdesk {

std::string_view to_string(DeliveryAttempt::Outcome outcome) {
  switch (outcome) {
    case DeliveryAttempt::Outcome::kDelivered:
      return "delivered";
    case DeliveryAttempt::Outcome::kRetry:
      return "retry";
    case DeliveryAttempt::Outcome::kDead:
      return "dead";
  }
  return "?";
}

namespace {

DeliveryResult send(const DeliveryChannel& channel, const Notification& notification) {
  try {
    return channel.notifier->send(notification);
  } catch (const std::exception& e) {  // a notifier must not throw; one that does is retried
    return DeliveryResult::retry("notifier threw: " + std::string(e.what()));
  } catch (...) {
    return DeliveryResult::retry("notifier threw an unknown exception");
  }
}

double draw(const JitterSource& jitter) {
  if (!jitter) return 0.0;
  try {
    return jitter();
  } catch (...) {
    return 0.0;  // a broken source means no jitter, never a lost retry
  }
}

}  // namespace

std::optional<DeliveryAttempt> attempt_delivery(Store& store, const DeliveryChannel& channel,
                                                const OutboxMessage& due, const Clock& clock,
                                                Duration lease, const JitterSource& jitter) {
  const TimePoint now = clock.now();
  const std::optional<OutboxMessage> claimed = store.claim_outbox(due.key, now, now + lease);
  if (!claimed) return std::nullopt;  // another deliverer was quicker, or it is no longer due
  DeliveryAttempt a;
  a.channel = channel.name;
  a.key = due.key;
  a.ticket_code = claimed->notification.ticket_code;
  a.recipient = claimed->notification.recipient;
  a.attempt = claimed->attempts;
  if (a.attempt > channel.retry.max_attempts) {
    // The allowed attempts were all started, the last one by a process that never recorded how it
    // went (it died while sending): give up without sending again.
    a.outcome = DeliveryAttempt::Outcome::kDead;
    a.sent = false;
    a.error = "gave up after " + std::to_string(a.attempt - 1) +
              " attempts; the last one never finished (" +
              (claimed->last_error.empty() ? "no error recorded" : claimed->last_error) + ")";
    a.recorded = store.fail_outbox(due.key, a.attempt, now, a.error, std::nullopt);
    return a;
  }
  const DeliveryResult result = send(channel, claimed->notification);
  const TimePoint after = clock.now();
  if (result.delivered()) {
    (void)store.acknowledge_outbox(due.key, after);
    a.outcome = DeliveryAttempt::Outcome::kDelivered;
    return a;
  }
  a.retry_at = result.status == DeliveryStatus::kRetry
                   ? next_attempt_after(channel.retry, a.attempt, after, draw(jitter))
                   : std::nullopt;
  a.error = result.error.empty() ? std::string(to_string(result.status)) : result.error;
  a.outcome = a.retry_at ? DeliveryAttempt::Outcome::kRetry : DeliveryAttempt::Outcome::kDead;
  a.recorded = store.fail_outbox(due.key, a.attempt, after, a.error, a.retry_at);
  return a;
}

}  // namespace propdesk
