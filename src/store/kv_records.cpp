#include "store/kv_records.hpp"

#include <utility>

#include "propdesk/store_error.hpp"
#include "store/kv_keys.hpp"
#include "store/stored_decode.hpp"

namespace propdesk::kv {
namespace {

constexpr char kFormat = 1;

class Writer {
 public:
  Writer() { out_ += kFormat; }
  Writer& u8(std::uint8_t v) {
    out_ += static_cast<char>(v);
    return *this;
  }
  Writer& u32(std::uint32_t v) {
    put_u32(out_, v);
    return *this;
  }
  Writer& i64(std::int64_t v) {
    put_i64(out_, v);
    return *this;
  }
  Writer& time(TimePoint t) {
    put_time(out_, t);
    return *this;
  }
  Writer& text(std::string_view s) {
    put_u32(out_, static_cast<std::uint32_t>(s.size()));
    out_.append(s);
    return *this;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads a record; any shortfall or a wrong format byte throws DamagedRecordError naming `what`.
class Reader {
 public:
  Reader(std::string_view record, const std::string& where, std::string what)
      : record_(record), where_(where), what_(std::move(what)) {
    if (record_.empty() || record_[0] != kFormat) fail("unknown record format");
    pos_ = 1;
  }
  std::uint8_t u8() {
    if (pos_ >= record_.size()) fail("truncated record");
    return static_cast<std::uint8_t>(record_[pos_++]);
  }
  std::uint32_t u32() { return check(get_u32(record_, pos_)); }
  std::int64_t i64() { return check(get_i64(record_, pos_)); }
  TimePoint time() { return check(get_time(record_, pos_)); }
  std::string_view text() {
    const std::uint32_t n = u32();
    if (record_.size() - pos_ < n) fail("truncated record");
    const std::string_view s = record_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string str() { return std::string(text()); }
  void end() {
    if (pos_ != record_.size()) fail("trailing bytes");
  }
  [[nodiscard]] std::size_t position() const { return pos_; }
  [[noreturn]] void fail(std::string_view why) const {
    throw DamagedRecordError(where_ + ": damaged " + what_ + ": " + std::string(why));
  }
  [[nodiscard]] const std::string& what() const { return what_; }

 private:
  template <typename T>
  T check(std::optional<T> v) {
    if (!v) fail("truncated record");
    return *v;
  }

  std::string_view record_;
  const std::string& where_;
  std::string what_;
  std::size_t pos_ = 0;
};

std::string ticket_name(TicketId id) { return "ticket " + std::to_string(id); }

// The ticket record up to its fields, in order; `fields` and `clocks` receive the encodings.
struct TicketParts {
  Ticket ticket;
  std::string_view fields_json;
  std::string_view clocks_json;
  std::string last_hash;
  std::optional<std::string> location;
};

TicketParts read_ticket(std::string_view record, const std::string& where, TicketId id) {
  Reader r(record, where, ticket_name(id));
  TicketParts p;
  Ticket& t = p.ticket;
  t.id = r.i64();
  t.code = r.str();
  t.workflow = r.str();
  t.workflow_version = static_cast<int>(r.i64());
  t.state = r.str();
  t.severity = r.str();
  t.assignee = r.str();
  p.fields_json = r.text();
  t.created_at = r.time();
  t.updated_at = r.time();
  t.version = r.i64();
  p.clocks_json = r.text();
  p.last_hash = r.str();
  if (r.u8() != 0) p.location = r.str();
  r.end();
  if (t.id != id) r.fail("it names ticket " + std::to_string(t.id));
  return p;
}

// The state members at the start of an outbox record.
void write_outbox_state(Writer& w, const OutboxMessage& m) {
  w.u8(static_cast<std::uint8_t>(m.status))
      .u32(static_cast<std::uint32_t>(m.attempts))
      .time(m.next_attempt)
      .text(m.last_error);
}

void read_outbox_state(Reader& r, OutboxMessage& m) {
  const std::uint8_t status = r.u8();
  if (status > static_cast<std::uint8_t>(OutboxStatus::kDead))
    r.fail("status " + std::to_string(status));
  m.status = static_cast<OutboxStatus>(status);
  m.attempts = static_cast<int>(r.u32());
  m.next_attempt = r.time();
  m.last_error = r.str();
}

}  // namespace

std::string encode_ticket(const Ticket& t, std::string_view fields_json,
                          std::string_view clocks_json, const std::optional<std::string>& location,
                          std::string_view last_hash) {
  Writer w;
  w.i64(t.id)
      .text(t.code)
      .text(t.workflow)
      .i64(t.workflow_version)
      .text(t.state)
      .text(t.severity)
      .text(t.assignee)
      .text(fields_json)
      .time(t.created_at)
      .time(t.updated_at)
      .i64(t.version)
      .text(clocks_json)
      .text(last_hash);
  if (location)
    w.u8(1).text(*location);
  else
    w.u8(0);
  return w.take();
}

StoredHead decode_ticket_head(std::string_view record, const std::string& where, TicketId id) {
  TicketParts p = read_ticket(record, where, id);
  return {p.ticket.id,
          {p.ticket.version, std::move(p.ticket.code), p.ticket.created_at, std::move(p.last_hash)},
          std::move(p.location),
          std::move(p.ticket.workflow),
          std::move(p.ticket.state)};
}

Ticket decode_ticket(std::string_view record, const std::string& where, TicketId id) {
  TicketParts p = read_ticket(record, where, id);
  p.ticket.fields = decode_stored(p.fields_json, where, "fields of " + ticket_name(id));
  p.ticket.clocks = decode_stored_clocks(p.clocks_json, where, id);
  return std::move(p.ticket);
}

std::string encode_entry(const JournalEntry& e, std::string_view input_json) {
  Writer w;
  w.i64(e.ticket)
      .i64(e.seq)
      .time(e.at)
      .text(e.actor.id)
      .text(e.actor.role)
      .text(e.event)
      .text(e.from_state)
      .text(e.to_state)
      .text(input_json)
      .text(e.prev_hash)
      .text(e.hash);
  return w.take();
}

JournalEntry decode_entry(std::string_view record, const std::string& where, TicketId id) {
  Reader r(record, where, "journal entry of " + ticket_name(id));
  JournalEntry e;
  e.ticket = r.i64();
  e.seq = r.i64();
  e.at = r.time();
  e.actor.id = r.str();
  e.actor.role = r.str();
  e.event = r.str();
  e.from_state = r.str();
  e.to_state = r.str();
  const std::string_view input = r.text();
  e.prev_hash = r.str();
  e.hash = r.str();
  r.end();
  e.input = decode_stored(input, where,
                          "input of entry " + std::to_string(e.seq) + " of " + ticket_name(id));
  return e;
}

std::string encode_timer(std::string_view key, TimePoint due) {
  Writer w;
  w.text(key).time(due);
  return w.take();
}

Timer decode_timer(std::string_view record, const std::string& where, TicketId id) {
  Reader r(record, where, "timer of " + ticket_name(id));
  Timer t;
  t.ticket = id;
  t.key = r.str();
  t.due = r.time();
  r.end();
  return t;
}

std::string encode_outbox(const OutboxMessage& m, std::string_view fields_json) {
  const Notification& n = m.notification;
  Writer w;
  write_outbox_state(w, m);
  w.text(m.key)
      .text(m.channel)
      .i64(m.ticket)
      .i64(m.seq)
      .u32(static_cast<std::uint32_t>(m.index))
      .time(m.created_at)
      .text(n.ticket_code)
      .text(n.workflow)
      .text(n.template_name)
      .text(n.recipient)
      .u8(n.recipient_is_role ? 1 : 0)
      .text(n.subject)
      .text(n.body)
      .text(n.link)
      .text(n.state)
      .text(n.state_label)
      .text(n.severity)
      .text(n.event)
      .time(n.at)
      .text(fields_json);
  return w.take();
}

OutboxMessage decode_outbox(std::string_view record, const std::string& where) {
  Reader r(record, where, "outbox message");
  OutboxMessage m;
  read_outbox_state(r, m);
  m.key = r.str();
  m.channel = r.str();
  m.ticket = r.i64();
  m.seq = r.i64();
  m.index = static_cast<int>(r.u32());
  m.created_at = r.time();
  Notification& n = m.notification;
  n.idempotency_key = m.key;
  n.ticket_id = m.ticket;
  n.ticket_code = r.str();
  n.workflow = r.str();
  n.template_name = r.str();
  n.recipient = r.str();
  n.recipient_is_role = r.u8() != 0;
  n.subject = r.str();
  n.body = r.str();
  n.link = r.str();
  n.state = r.str();
  n.state_label = r.str();
  n.severity = r.str();
  n.event = r.str();
  n.at = r.time();
  const std::string_view fields = r.text();
  r.end();
  n.fields = decode_stored_outbox_fields(fields, where, m.key);
  return m;
}

OutboxState decode_outbox_state(std::string_view record, const std::string& where) {
  Reader r(record, where, "outbox message");
  OutboxMessage m;
  read_outbox_state(r, m);
  OutboxState s;
  s.status = m.status;
  s.next_attempt = m.next_attempt;
  s.key = r.str();
  s.channel = r.str();
  return s;
}

std::string rewrite_outbox_state(std::string_view record, const OutboxMessage& message,
                                 const std::string& where) {
  Reader r(record, where, "outbox message " + message.key);
  OutboxMessage old;
  read_outbox_state(r, old);
  Writer w;
  write_outbox_state(w, message);
  std::string out = w.take();
  out.append(record.substr(r.position()));
  return out;
}

std::string encode_workflow(const StoredWorkflow& wf) {
  Writer w;
  w.text(wf.name)
      .i64(wf.version)
      .text(wf.source_name)
      .text(wf.source_text)
      .text(wf.source_hash)
      .time(wf.saved_at);
  return w.take();
}

StoredWorkflow decode_workflow(std::string_view record, const std::string& where) {
  Reader r(record, where, "workflow record");
  StoredWorkflow wf;
  wf.name = r.str();
  wf.version = static_cast<int>(r.i64());
  wf.source_name = r.str();
  wf.source_text = r.str();
  wf.source_hash = r.str();
  wf.saved_at = r.time();
  r.end();
  return wf;
}

}  // namespace propdesk::kv
