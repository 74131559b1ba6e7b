// propdesk/outbox_report.hpp: what the outbox holds that needs a person's attention.
//
// The dead letters (notifications given up on: attempts exhausted, a permanent failure, no channel
// for the recipient), each with its last error, and the notifications still waiting to be
// delivered, with how long they have waited. `propdesk report outbox` prints it.
#pragma once

#include <cstddef>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// The outbox at one moment.
struct OutboxReport {
  TimePoint at;         ///< the report's "now"
  OutboxCounts counts;  ///< every message, by status
  /// Dead letters, by (ticket, seq, index): the oldest change first. At most `limit`.
  std::vector<OutboxMessage> dead;
  /// Pending messages, by (ticket, seq, index). At most `limit`.
  std::vector<OutboxMessage> pending;
  /// Whether a list reached `limit` and may have been cut there (counts says how many there are).
  bool truncated = false;
};

/// Reads the outbox of `store` at `now`, listing at most `limit` dead letters and as many pending
/// messages. Throws StoreError when the store fails.
PROPDESK_API OutboxReport outbox_report(const Store& store, TimePoint now,
                                        std::size_t limit = 10000);

}  // namespace propdesk
