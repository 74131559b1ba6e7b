// propdesk/outbox.hpp: notifications waiting to be delivered, kept by the store.
//
// A change that notifies somebody writes its notifications into the store's outbox in the same
// transaction as the ticket and its journal entry (NewTicket::outbox, Update::outbox): either the
// change and its notifications are committed, or neither. A deliverer (propdesk/
// outbox_deliverer.hpp) sends them later, in the background, through the channel each names, and
// records how each attempt went. So a slow or failing receiver never holds up a change, and a crash
// between the commit and the delivery loses nothing: the row is still there after a restart.
//
// The life of a message:
//
//   pending --claim--> pending (being sent: next_attempt = the claim's lease, attempts + 1)
//      |                 |--acknowledge--> delivered
//      |                 |--fail with a retry time--> pending (next_attempt = that time)
//      |                 '--fail without one--> dead (a dead letter: the report shows it)
//      '--(a claim whose process died)--> claimable again once its lease has passed
//
// Delivery is at least once: a process that dies after sending but before acknowledging leaves the
// message to be sent again when its lease runs out, with the same idempotency key, which receivers
// can deduplicate on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/notification.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// Where a message is in its life (see the top of this file).
enum class OutboxStatus {
  kPending,    ///< to be sent (or being sent, under a claim)
  kDelivered,  ///< a receiver accepted it
  kDead,       ///< given up on: attempts exhausted, a permanent failure, or no channel takes it
};

/// "pending", "delivered" or "dead".
PROPDESK_API std::string_view to_string(OutboxStatus status);
/// The inverse of to_string(); nullopt for anything else.
PROPDESK_API std::optional<OutboxStatus> parse_outbox_status(std::string_view text);

/// The longest error text a store keeps for a message (OutboxMessage::last_error): longer texts
/// are cut at a character boundary, and bytes that are not UTF-8 become '?'.
inline constexpr std::size_t kMaxOutboxErrorBytes = 2000;

/// One notification for one channel.
///
/// The caller of a commit fills in `channel` and `notification` (rendered: subject, body and the
/// rest of what the channel sends), and may give `status` kDead with a `last_error` for a
/// notification that no channel takes, so that it is kept and reported rather than lost. Every
/// other member is set by the store when the change commits:
///   - ticket, seq: the ticket and the journal entry whose change raised it; index: its place
///     among that entry's messages (0, 1, ...);
///   - key: the idempotency key "<ticket>:<seq>:<index>", unique within the store, the same for
///     every attempt; notification.idempotency_key, ticket_id and ticket_code are set to the
///     message's key, ticket and the ticket's code (a creation's are not known before);
///   - created_at and next_attempt: the entry's `at` (due at once); attempts 0.
struct OutboxMessage {
  std::string key;
  TicketId ticket = 0;
  std::int64_t seq = 0;
  int index = 0;
  std::string channel;        ///< the configured channel that sends it ("" when none takes it)
  Notification notification;  ///< what is sent, as rendered at commit time
  OutboxStatus status = OutboxStatus::kPending;
  int attempts = 0;           ///< attempts started (claims), including one in progress
  TimePoint created_at;
  /// kPending: when it may be claimed next (the end of a claim's lease while it is being sent).
  /// kDelivered, kDead: when that happened.
  TimePoint next_attempt;
  std::string last_error;     ///< why the last attempt failed; "" when none did

  friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

/// A filter over outbox messages. Every member that is set must match.
struct OutboxQuery {
  std::optional<OutboxStatus> status;
  std::optional<std::string> channel;
  std::optional<TicketId> ticket;
  std::size_t limit = 1000;  ///< at most this many messages
  std::size_t offset = 0;    ///< skip this many matches first (paging)
};

/// How many messages the outbox holds in each status.
struct OutboxCounts {
  std::int64_t pending = 0;
  std::int64_t delivered = 0;
  std::int64_t dead = 0;

  /// Counts `n` more messages of `status`.
  PROPDESK_API void add(OutboxStatus status, std::int64_t n = 1);

  friend bool operator==(const OutboxCounts&, const OutboxCounts&) = default;
};

/// How often and how patiently a channel retries: after the n-th failed attempt the next one is
/// first_delay * 2^(n-1) later, at most max_delay, shortened by a random part of at most `jitter`
/// of it; after max_attempts attempts the message is a dead letter. With the defaults: about 30s,
/// 1m, 2m, 4m, 8m, 16m, 32m, 1h, 1h (each up to 10 % sooner), then dead (about 3 hours of trying).
///
/// The jitter spreads the retries of messages that failed together (a receiver that was down for
/// everybody) so that they do not all come back in the same second. It only ever shortens a wait:
/// a delay d becomes d - floor(d * jitter * u) seconds for a random u in [0, 1), so it stays within
/// (d * (1 - jitter) - 1s, d], never above max_delay and never below zero.
struct RetryPolicy {
  int max_attempts = 10;              ///< >= 1
  Duration first_delay{30};           ///< > 0
  Duration max_delay{60 * 60};        ///< >= first_delay
  double jitter = 0.1;                ///< 0 (none) to 1: the largest part of a delay taken off

  friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

/// Why `policy` cannot be used ("max_attempts must be at least 1, not 0"), or "" when it can.
PROPDESK_API std::string check_retry_policy(const RetryPolicy& policy);

/// When to try again after the `attempts`-th attempt failed at `now` (see RetryPolicy), or
/// nullopt when that was the last attempt the policy allows (the message becomes a dead letter).
/// `unit` is the random draw in [0, 1) that picks the jitter (values outside are clamped); 0 gives
/// the full delay, as without jitter.
PROPDESK_API std::optional<TimePoint> next_attempt_after(const RetryPolicy& policy, int attempts,
                                                         TimePoint now, double unit = 0.0);

}  // namespace propdesk
