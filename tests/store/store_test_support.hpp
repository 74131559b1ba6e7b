// Helpers shared by the store tests: temporary directories, items, raw SQL on a database file.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/store.hpp"
#include "propdesk/store_wrapper.hpp"

namespace propdesk {

inline void PrintTo(const JournalProblem& p, std::ostream* os) {
  *os << "{ticket " << p.ticket << ", seq " << p.seq << ": " << p.reason << "}";
}

inline void PrintTo(const Ticket& t, std::ostream* os) {
  *os << "{ticket " << t.id << " " << t.code << " " << t.workflow << "/" << t.state << " v"
      << t.version << ", " << t.clocks.size() << " clocks}";
}

inline void PrintTo(const OutboxMessage& m, std::ostream* os) {
  *os << "{" << m.key << " " << m.channel << " " << to_string(m.status) << " attempts "
      << m.attempts << " next " << m.next_attempt.time_since_epoch().count() << " '"
      << m.last_error << "'}";
}

inline void PrintTo(const Timer& t, std::ostream* os) {
  *os << "{ticket " << t.ticket << " '" << t.key << "' due " << t.due.time_since_epoch().count()
      << "}";
}

}  // namespace propdesk

namespace propdesk::testing_support {

/// A fresh directory under the test temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "propdesk_store_" + std::to_string(::getpid()) + "_" +
                       std::to_string(counter++) + "_" + (info ? info->name() : "x");
    for (char& c : name)
      if (c == '/') c = '_';
    path_ = std::filesystem::path(::testing::TempDir()) / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// 2026-11-26T10:00:00+08:00 plus `offset`.
inline TimePoint t0(Duration offset = Duration{0}) {
  using namespace std::chrono;
  return TimePoint{sys_days{year{2026} / November / 26}} + hours{2} + offset;
}

/// A timer to schedule: `key` due at t0() + `offset` seconds (the ticket is the item's).
inline Timer timer(std::string key, std::int64_t offset, TicketId ticket = 0) {
  return Timer{ticket, std::move(key), t0(Duration{offset})};
}

/// TimerChanges that only schedule.
inline TimerChanges schedule(std::vector<Timer> timers) {
  TimerChanges changes;
  changes.schedule = std::move(timers);
  return changes;
}

/// A rendered notification for `channel`, as the engine would queue it (the store fills in the
/// key, ticket and code).
inline OutboxMessage message(std::string channel, std::string subject = "派工单",
                             std::string recipient = "supervisor") {
  OutboxMessage m;
  m.channel = std::move(channel);
  Notification& n = m.notification;
  n.workflow = "repair";
  n.template_name = "work_order";
  n.recipient = std::move(recipient);
  n.recipient_is_role = true;
  n.subject = std::move(subject);
  n.body = "3-2-1201（plumbing）：厨房水管漏水。请在 2026-11-26 11:00 前处理。";
  n.link = "https://desk.example.com/t/";
  n.state = "dispatched";
  n.state_label = "已派工";
  n.severity = "general";
  n.event = "dispatch";
  n.at = t0();
  n.fields = {{"phone", "138****5678"}, {"reporter", "张*"}, {"floor", "12"}};
  return m;
}

/// Outbox filters (GCC warns about designated initializers that leave members out).
inline OutboxQuery with_status(OutboxStatus status) {
  OutboxQuery q;
  q.status = status;
  return q;
}
inline OutboxQuery of_channel(std::string channel) {
  OutboxQuery q;
  q.channel = std::move(channel);
  return q;
}
inline OutboxQuery of_ticket(TicketId ticket) {
  OutboxQuery q;
  q.ticket = ticket;
  return q;
}
inline OutboxQuery page(OutboxQuery q, std::size_t limit, std::size_t offset) {
  q.limit = limit;
  q.offset = offset;
  return q;
}

/// Two clocks covering every member: a running one with a due time, a paused one without, with
/// the top step bit set.
inline std::vector<SlaClockState> sample_clocks() {
  SlaClockState response;
  response.name = "response";
  response.phase = SlaClockState::Phase::kRunning;
  response.started_at = t0();
  response.since = t0(Duration{600});
  response.elapsed = Duration{300};
  response.target = Duration{7200};
  response.due = t0(Duration{7500});
  response.warned = true;
  SlaClockState resolve;
  resolve.name = "解决";
  resolve.phase = SlaClockState::Phase::kPaused;
  resolve.started_at = t0();
  resolve.since = t0(Duration{900});
  resolve.elapsed = Duration{900};
  resolve.target = Duration{172800};
  resolve.breached = true;
  resolve.steps_done = (std::uint64_t{1} << 63) | 5u;
  return {response, resolve};
}

/// A repair ticket in state "reported", created at `at`.
inline NewTicket new_repair(Fields fields = {{"location", "3-2-1502"}, {"category", "plumbing"}},
                            TimePoint at = t0(), std::string prefix = "BX") {
  NewTicket item;
  item.ticket.workflow = "repair";
  item.ticket.state = "reported";
  item.ticket.fields = fields;
  item.ticket.created_at = at;
  item.ticket.updated_at = at;
  item.code_prefix = std::move(prefix);
  item.entry.at = at;
  item.entry.actor = {"desk-01", "front_desk"};
  item.entry.event = "create";
  item.entry.to_state = "reported";
  item.entry.input = std::move(fields);
  return item;
}

/// An update of `current` by event `event` into state `to`, setting `field` = `value`.
inline Update change(const Ticket& current, std::string event, std::string to,
                     std::string field = "note", Value value = "x") {
  Update u;
  u.ticket = current;
  u.expected_version = current.version;
  u.ticket.state = to;
  u.ticket.fields[field] = value;
  u.ticket.updated_at = current.updated_at + Duration{60};
  u.entry.at = u.ticket.updated_at;
  u.entry.actor = {"worker-7", "repairer"};
  u.entry.event = std::move(event);
  u.entry.from_state = current.state;
  u.entry.to_state = std::move(to);
  u.entry.input = {{field, value}};
  return u;
}

/// Equal and of the same kinds (Value's == treats 1 and 1.0 as equal; stores must not).
inline ::testing::AssertionResult same_typed(const Fields& a, const Fields& b) {
  if (a.size() != b.size())
    return ::testing::AssertionFailure() << a.size() << " fields vs " << b.size();
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    if (i->first != j->first || i->second.kind() != j->second.kind() || !(i->second == j->second))
      return ::testing::AssertionFailure()
             << "field '" << i->first << "': " << to_string(i->second.kind()) << " "
             << i->second.to_string() << " vs '" << j->first << "': " << to_string(j->second.kind())
             << " " << j->second.to_string();
  }
  return ::testing::AssertionSuccess();
}

/// Runs SQL on a database file through a plain sqlite3 connection (to tamper, or to look).
inline void raw_exec(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message << "\n" << sql;
}

/// The first column of the first row of a query, as text ("" when no row).
inline std::string raw_value(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, 0);
    value = text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace propdesk::testing_support
