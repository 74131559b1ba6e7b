// Queueing an item's outbox messages, whatever the storage: how a committed item's messages are
// completed (key, ticket, seq, index, times; propdesk/outbox.hpp) lives here once, and each store
// supplies the one primitive write. Both stores call write_outbox() inside whatever makes their item
// atomic, after the item's entry is sealed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "propdesk/outbox.hpp"
#include "store/commit_batch.hpp"

namespace propdesk {

/// The storage-specific half: stores one complete message.
class OutboxWriter {
 public:
  virtual ~OutboxWriter() = default;
  /// Adds `message` (complete: key, ticket, seq, index set). `fields_json` is the canonical
  /// encoding of its notification's fields as string values (PreparedItem::outbox_fields).
  virtual void insert_outbox(const OutboxMessage& message, const std::string& fields_json) = 0;
};

/// "<ticket>:<seq>:<index>".
std::string outbox_key(TicketId ticket, std::int64_t seq, int index);

/// `error` as a store keeps it: cut to kMaxOutboxErrorBytes at a character boundary, bytes that
/// are not UTF-8 replaced by '?'.
std::string outbox_error_text(std::string_view error);

/// Completes `messages` (already checked by prepare_batch()) as the messages of the entry that
/// `sealed` describes (its ticket id, code and version), committed at `at`, and inserts them
/// through `writer` in order.
void write_outbox(const ItemResult& sealed, TimePoint at, const std::vector<OutboxMessage>& messages,
                  const PreparedItem& prepared, OutboxWriter& writer);

}  // namespace propdesk
