// The outbox's vocabulary (propdesk/outbox.hpp): statuses and the retry policy's arithmetic.
#include "propdesk/outbox.hpp"

#include <algorithm>
#include <cmath>

namespace propdesk {

std::string_view to_string(OutboxStatus status) {
  switch (status) {
    case OutboxStatus::kPending:
      return "pending";
    case OutboxStatus::kDelivered:
      return "delivered";
    case OutboxStatus::kDead:
      return "dead";
  }
  return "?";
}

std::optional<OutboxStatus> parse_outbox_status(std::string_view text) {
  for (const OutboxStatus s : {OutboxStatus::kPending, OutboxStatus::kDelivered, OutboxStatus::kDead})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

std::string check_retry_policy(const RetryPolicy& p) {
  if (p.max_attempts < 1)
    return "max_attempts must be at least 1, not " + std::to_string(p.max_attempts);
  if (p.first_delay <= Duration{0})
    return "first_delay must be longer than zero, not " + std::to_string(p.first_delay.count()) + "s";
  if (!(p.jitter >= 0.0 && p.jitter <= 1.0))
    return "jitter must be between 0 and 1, not " + std::to_string(p.jitter);
  if (p.max_delay < p.first_delay)
    return "max_delay (" + std::to_string(p.max_delay.count()) +
           "s) must be at least first_delay (" + std::to_string(p.first_delay.count()) + "s)";
  return {};
}

std::optional<TimePoint> next_attempt_after(const RetryPolicy& policy, int attempts, TimePoint now,
                                            double unit) {
  if (attempts >= policy.max_attempts) return std::nullopt;
  // Doubling from first_delay, stopping at max_delay before anything can overflow.
  Duration delay = policy.first_delay;
  for (int n = 1; n < attempts && delay < policy.max_delay; ++n) delay *= 2;
  delay = std::min(delay, policy.max_delay);
  // The jitter only ever takes something off: at most `jitter` of the delay, never all of it
  // beyond that (a NaN draw or jitter counts as none).
  const double jitter = std::isfinite(policy.jitter) ? std::clamp(policy.jitter, 0.0, 1.0) : 0.0;
  const double u = std::isfinite(unit) ? std::clamp(unit, 0.0, 1.0) : 0.0;
  const auto cut = static_cast<Duration::rep>(
      std::floor(static_cast<double>(delay.count()) * jitter * std::min(u, 0.999999999)));
  return now + (delay - Duration{std::clamp<Duration::rep>(cut, 0, delay.count())});
}

void OutboxCounts::add(OutboxStatus status, std::int64_t n) {
  switch (status) {
    case OutboxStatus::kPending:
      pending += n;
      break;
    case OutboxStatus::kDelivered:
      delivered += n;
      break;
    case OutboxStatus::kDead:
      dead += n;
      break;
  }
}

}  // namespace propdesk
