#include "store/outbox_writer.hpp"

#include <algorithm>

#include "model/utf8.hpp"

namespace propdesk {

std::string outbox_key(TicketId ticket, std::int64_t seq, int index) {
  return std::to_string(ticket) + ":" + std::to_string(seq) + ":" + std::to_string(index);
}

std::string outbox_error_text(std::string_view error) {
  std::string out;
  out.reserve(std::min(error.size(), kMaxOutboxErrorBytes));
  for (std::size_t i = 0; i < error.size();) {
    const std::size_t n = utf8_char_length(error, i);
    const bool valid = n > 1 || static_cast<unsigned char>(error[i]) < 0x80;
    if (out.size() + (valid ? n : 1) > kMaxOutboxErrorBytes) break;
    if (valid)
      out.append(error.substr(i, n));
    else
      out += '?';
    i += n;
  }
  return out;
}

void write_outbox(const ItemResult& sealed, TimePoint at, const std::vector<OutboxMessage>& messages,
                  const PreparedItem& prepared, OutboxWriter& writer) {
  for (std::size_t i = 0; i < messages.size(); ++i) {
    OutboxMessage m = messages[i];
    m.ticket = sealed.outcome.id;
    m.seq = sealed.outcome.version;
    m.index = static_cast<int>(i);
    m.key = outbox_key(m.ticket, m.seq, m.index);
    m.notification.idempotency_key = m.key;
    m.notification.ticket_id = m.ticket;
    m.notification.ticket_code = sealed.outcome.code;
    m.attempts = 0;
    m.created_at = at;
    m.next_attempt = at;
    m.last_error = outbox_error_text(m.last_error);
    writer.insert_outbox(m, prepared.outbox_fields[i]);
  }
}

}  // namespace propdesk
