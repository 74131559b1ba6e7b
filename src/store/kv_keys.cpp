#include "store/kv_keys.hpp"

#include <charconv>

#include "model/sha256.hpp"
#include "store/outbox_writer.hpp"

namespace propdesk::kv {
namespace {

constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
constexpr std::size_t kDigestChars = 64;    // hex SHA-256
constexpr std::size_t kOutboxIdBytes = 20;  // u64 ticket, u64 seq, u32 index

std::string tagged(std::string_view tag, std::size_t reserve) {
  std::string key;
  key.reserve(tag.size() + reserve);
  key.append(tag);
  return key;
}

void put_outbox_id(std::string& out, TicketId id, std::int64_t seq, int index) {
  put_u64(out, static_cast<std::uint64_t>(id));
  put_u64(out, static_cast<std::uint64_t>(seq));
  put_u32(out, static_cast<std::uint32_t>(index));
}

}  // namespace

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void put_i64(std::string& out, std::int64_t v) {
  put_u64(out, static_cast<std::uint64_t>(v) ^ kSignBit);
}

void put_time(std::string& out, TimePoint t) {
  put_i64(out, static_cast<std::int64_t>(t.time_since_epoch().count()));
}

std::optional<std::uint32_t> get_u32(std::string_view bytes, std::size_t& pos) {
  if (bytes.size() < pos || bytes.size() - pos < 4) return std::nullopt;
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[pos++]);
  return v;
}

std::optional<std::uint64_t> get_u64(std::string_view bytes, std::size_t& pos) {
  if (bytes.size() < pos || bytes.size() - pos < 8) return std::nullopt;
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[pos++]);
  return v;
}

std::optional<std::int64_t> get_i64(std::string_view bytes, std::size_t& pos) {
  const auto v = get_u64(bytes, pos);
  if (!v) return std::nullopt;
  return static_cast<std::int64_t>(*v ^ kSignBit);
}

std::optional<TimePoint> get_time(std::string_view bytes, std::size_t& pos) {
  const auto v = get_i64(bytes, pos);
  if (!v) return std::nullopt;
  return TimePoint{Duration{*v}};
}

std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    if (static_cast<unsigned char>(end.back()) != 0xFF) {
      end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

std::string ticket_key(TicketId id) {
  std::string key = tagged(kTicketTag, 8);
  put_u64(key, static_cast<std::uint64_t>(id));
  return key;
}

std::string entries_prefix(TicketId id) {
  std::string key = tagged(kEntryTag, 16);
  put_u64(key, static_cast<std::uint64_t>(id));
  return key;
}

std::string entry_key(TicketId id, std::int64_t seq) {
  std::string key = entries_prefix(id);
  put_u64(key, static_cast<std::uint64_t>(seq));
  return key;
}

std::string code_key(std::string_view code) {
  std::string key = tagged(kCodeTag, code.size());
  key.append(code);
  return key;
}

std::string counter_key(std::string_view prefix, std::string_view day) {
  std::string key = tagged(kCounterTag, prefix.size() + 1 + day.size());
  key.append(prefix).append("/").append(day);
  return key;
}

std::string location_part(std::string_view location) {
  return std::string(location.substr(0, kLocationPartBytes));
}

std::string location_key(std::string_view location, TicketId id) {
  std::string key = tagged(kLocationTag, kLocationPartBytes + 8);
  key.append(location_part(location));
  put_u64(key, static_cast<std::uint64_t>(id));
  return key;
}

std::string timer_key_part(std::string_view key) {
  if (key.size() <= kTimerKeyPartBytes) return std::string(key);
  std::string part(key.substr(0, kTimerKeyPartBytes));
  part.append(sha256_hex(key));
  return part;
}

bool is_long_timer_part(std::string_view part) { return part.size() > kTimerKeyPartBytes; }

std::string timers_prefix(TicketId id) {
  std::string key = tagged(kTimerTag, 8 + kTimerKeyPartBytes + kDigestChars);
  put_u64(key, static_cast<std::uint64_t>(id));
  return key;
}

std::string timer_key(TicketId id, std::string_view key) {
  std::string k = timers_prefix(id);
  k.append(timer_key_part(key));
  return k;
}

std::string timer_queue_key(TimePoint due, TicketId id, std::string_view key) {
  std::string k = tagged(kTimerQueueTag, 16 + kTimerKeyPartBytes + kDigestChars);
  put_time(k, due);
  put_u64(k, static_cast<std::uint64_t>(id));
  k.append(timer_key_part(key));
  return k;
}

std::string outbox_ticket_prefix(TicketId id) {
  std::string key = tagged(kOutboxTag, kOutboxIdBytes);
  put_u64(key, static_cast<std::uint64_t>(id));
  return key;
}

std::string outbox_record_key(TicketId id, std::int64_t seq, int index) {
  std::string key = tagged(kOutboxTag, kOutboxIdBytes);
  put_outbox_id(key, id, seq, index);
  return key;
}

std::string pending_key(TimePoint next_attempt, TicketId id, std::int64_t seq, int index) {
  std::string key = tagged(kPendingTag, 8 + kOutboxIdBytes);
  put_time(key, next_attempt);
  put_outbox_id(key, id, seq, index);
  return key;
}

std::string channel_prefix(std::string_view channel) {
  std::string key = tagged(kChannelPendingTag, kDigestChars + 8 + kOutboxIdBytes);
  key.append(sha256_hex(channel));
  return key;
}

std::string channel_pending_key(std::string_view channel, TimePoint next_attempt, TicketId id,
                                std::int64_t seq, int index) {
  std::string key = channel_prefix(channel);
  put_time(key, next_attempt);
  put_outbox_id(key, id, seq, index);
  return key;
}

std::optional<OutboxId> pending_id(std::string_view key) {
  if (key.size() < kOutboxIdBytes) return std::nullopt;
  std::size_t pos = key.size() - kOutboxIdBytes;
  const auto ticket = get_u64(key, pos);
  const auto seq = get_u64(key, pos);
  const auto index = get_u32(key, pos);
  if (!ticket || !seq || !index) return std::nullopt;
  return OutboxId{static_cast<TicketId>(*ticket), static_cast<std::int64_t>(*seq),
                  static_cast<int>(*index)};
}

std::optional<OutboxId> parse_outbox_key(std::string_view key) {
  OutboxId id;
  const char* p = key.data();
  const char* end = key.data() + key.size();
  auto number = [&](auto& out, bool last) {
    const auto [next, ec] = std::from_chars(p, end, out);
    if (ec != std::errc{} || next == p) return false;
    p = next;
    if (last) return p == end;
    if (p == end || *p != ':') return false;
    ++p;
    return true;
  };
  if (!number(id.ticket, false) || !number(id.seq, false) || !number(id.index, true))
    return std::nullopt;
  // Only the canonical spelling names a message ("07:1:0" does not).
  if (outbox_key(id.ticket, id.seq, id.index) != key) return std::nullopt;
  return id;
}

std::string workflow_key(std::string_view name, int version) {
  std::string key = tagged(kWorkflowTag, kDigestChars + 4);
  key.append(sha256_hex(name));
  put_u32(key, static_cast<std::uint32_t>(version));
  return key;
}

}  // namespace propdesk::kv
