// Durable lifecycles per second: a repair ticket created and driven to `closed` on a real SQLite
// file, through the Engine on a SqliteStore, side by side in the same run with plain SQLiteCpp code
// doing the same writes in the same transactions. Goal: the store at least 0.8x of the baseline,
// for one commit per event and for group commit.
//
// One lifecycle = 5 transactions: create, then dispatch, accept, complete, call_back (satisfied):
//   reported -> dispatched -> in_progress -> awaiting_rating -> closed
//
// BM_SqliteStoreLifecycle/commit-per-event   Engine + SqliteStore, group_commit = false, 1 thread:
//     every event is its own transaction (and fsync).
// BM_SqliteStoreLifecycle/commit-per-event/threads:4   the same, 4 threads taking turns (what
//     group commit is compared with; no goal).
// BM_SqliteStoreLifecycle/group-commit/threads:N   N threads run lifecycles at once on one
//     Engine + SqliteStore with group commit on (the default): concurrent events share
//     transactions (events_per_txn: how many on average).
// BM_SqliteBaselineLifecycle/commit-per-event   the hand-written baseline, 1 thread.
// BM_SqliteBaselineLifecycle/mutex/threads:N   N threads share one connection behind a mutex,
//     each event its own transaction: what plain code does without batching.
// BM_SqliteBaselineLifecycle/batched/K   one thread drives K lifecycles in lock step: each
//     transaction carries one event of each of the K tickets (K events per fsync, never fewer,
//     no thread hand-offs). K = N is the best batching N concurrent callers can get; K = N/2 is
//     about what the store's group commit reaches with N threads (compare events_per_txn).
// BM_PairedStores/lmdb-vs-sqlite   no goal: for a desk choosing its store, one lifecycle on
//     SqliteStore (one commit per event) and one on KvStore over the shipped lmdb plugin's store
//     type, alternately, 1 thread.
// BM_PairedLifecycle/...   the comparisons to read against the goal: store and baselines
//     alternate inside each iteration and are timed separately (counters store_per_s, then
//     baseline_per_s, or ideal_per_s / same_per_s / mutex_per_s / plain_per_s, and the ratios;
//     BM_PairedGroupCommit says what each baseline is).
//
// Which baseline the group commit goal is read against: plain code serving the same concurrent
// callers with the same transactions (PlainGroupCommit: N threads, each write durable before its
// caller goes on, one write per running caller in every transaction) -- what an application
// would write instead of the store. One thread that owns every ticket and drives them in lock
// step (`same`, `ideal`, batched/K) writes the same transactions without any caller waiting for
// another or anything handed between threads; it serves no concurrent callers, and bounds what
// any group commit can reach. Its ratios are printed as references. fsync latency
//     on a shared disk drifts by an order of magnitude from one minute to the next, so benchmarks
//     run one after the other can see different disks; paired ones see the same.
//
// What the baseline does per transaction, with prepared statements kept and reused, on a file
// whose schema SqliteStore created (same tables, indexes and triggers), in WAL mode with
// synchronous = FULL and the same busy timeout as SqliteStore:
//   create: BEGIN IMMEDIATE; the code counter upsert (RETURNING the number); INSERT the ticket
//           (same columns: code, workflow, state, severity, assignee, location, the fields as
//           canonical-style JSON text, the SLA clock states as the engine writes them);
//           INSERT the journal entry with a SHA-256 (OpenSSL) over a length-prefixed encoding of
//           the entry and the previous hash; the ticket's timers; COMMIT.
//   event:  BEGIN IMMEDIATE; UPDATE the ticket (every column the store writes) WHERE id = ? AND
//           version = ? (a changed-row check); INSERT the journal entry, hashed the same way; the
//           timer changes; COMMIT.
// The SLA clock states and timer changes are the engine's (the shipped repair workflow has three
// clocks on the office calendar): they are recorded once, untimed, from the same lifecycle run
// through an Engine on a MemoryStore, and the baseline writes the same clock text and the same
// timer rows (deletes and upserts of `timers`) at the same points.
// The fields and input are serialised with nlohmann::json (sorted keys, as the store's encoding
// is), so the rows have the same sizes. What the baseline does not do and the store does: check
// names and UTF-8, read version, code, created_at and the previous entry's hash inside the
// transaction before an update writes (the baseline keeps them in memory), and the engine's input
// checks, transition selection, SLA clock arithmetic and signals. The engine keeps the tickets it
// committed in its ticket cache, so it reads a ticket back from the store (a read transaction on a
// read connection) only when the cache does not have it (PROPDESK_BENCH_TICKET_CACHE=0: every
// event, as before the cache). Those are the overheads measured.
//
// PROPDESK_BENCH_TICKET_CACHE=N sets the engine's ticket cache capacity (bench/shipped_engine.hpp;
// 0: no cache, every event reads the ticket back from the store); unset, the engine's default.
//
// Items are lifecycles: items_per_second is lifecycles per second (over wall time: fsync waits
// are not CPU time). main() prints the store/baseline ratios after the table.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "model/sla_state_codec.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/kv_store.hpp"
#include "propdesk/plugin_loader.hpp"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/sqlite_store.hpp"
#include "ratio_reporter.hpp"
#include "temp_dir.hpp"
#include "recording_store.hpp"
#include "shipped_engine.hpp"

namespace {

using propdesk_bench::RatioReporter;

namespace fs = std::filesystem;
using Json = nlohmann::json;

// --- the lifecycle -------------------------------------------------------------------------

const propdesk::Actor kDesk{"desk-1", "front_desk"};
const propdesk::Actor kRepairer{"rep-7", "repairer"};

propdesk::Fields creation_fields() {
  return {{"location", "3-2-1201"}, {"description", "kitchen tap leaking under the sink"},
          {"category", "plumbing"}, {"reporter", "Wang"},
          {"phone", "13800000000"}, {"channel", "phone"}};
}

// The fields as the engine stores them after creation: the given ones plus the defaults.
Json creation_fields_json() {
  return Json{{"location", "3-2-1201"}, {"description", "kitchen tap leaking under the sink"},
              {"category", "plumbing"}, {"reporter", "Wang"},
              {"phone", "13800000000"}, {"channel", "phone"},
              {"paid", false},          {"reopened", false},
              {"force_closed", false},  {"escalated", false}};
}

struct LifecycleEvent {
  const char* event;
  propdesk::Actor actor;
  const char* input_field;  // nullptr: no input
  propdesk::Value input_value;
  const char* to_state;
};

const std::vector<LifecycleEvent>& lifecycle_events() {
  static const std::vector<LifecycleEvent> events = {
      {"dispatch", kDesk, "assignee", "rep-7", "dispatched"},
      {"accept", kRepairer, nullptr, {}, "in_progress"},
      {"complete", kRepairer, nullptr, {}, "awaiting_rating"},
      {"call_back", kDesk, "satisfaction", 5, "closed"},
  };
  return events;
}

constexpr int kTransactionsPerLifecycle = 5;

// --- what the engine writes besides ticket and entry: SLA clock states and timers -------------

// One transaction of the lifecycle as the engine writes it: the ticket's clock states (encoded as
// the store encodes them) and its timer changes, with due times relative to the change.
struct RecordedStep {
  std::string clocks_json;
  bool cancel_all = false;
  std::vector<std::string> cancel;
  std::vector<std::pair<std::string, std::int64_t>> schedule;  // key, seconds after the change
};

RecordedStep recorded_step(const propdesk::Ticket& t, const propdesk::TimerChanges& timers) {
  RecordedStep step;
  step.clocks_json = propdesk::encode_sla_states(t.clocks);
  step.cancel_all = timers.cancel_all;
  step.cancel = timers.cancel;
  for (const propdesk::Timer& timer : timers.schedule)
    step.schedule.emplace_back(timer.key, (timer.due - t.updated_at).count());
  return step;
}

// The lifecycle's 5 steps, recorded once on a manual clock at 10:00 on a working day in Shanghai.
const std::vector<RecordedStep>& recorded_steps() {
  static const std::vector<RecordedStep> steps = [] {
    using namespace std::chrono;
    const propdesk::TimePoint at{sys_days{year{2026} / 11 / 26} + hours{2}};
    auto store = std::make_shared<propdesk_bench::RecordingStore>();
    propdesk::Engine engine(store, propdesk_bench::shipped_engine_options(
                                       std::make_shared<propdesk::ManualClock>(at)));
    (void)engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    if (!engine.workflow("repair")) throw std::runtime_error("repair.yaml does not load");
    auto created = engine.create("repair", creation_fields(), kDesk);
    if (!created.ok()) throw std::runtime_error("recording: " + created.rejection().message);
    for (const LifecycleEvent& e : lifecycle_events()) {
      propdesk::Fields input;
      if (e.input_field != nullptr) input.emplace(e.input_field, e.input_value);
      auto done = engine.fire(created.value().id, e.event, std::move(input), e.actor);
      if (!done.ok()) throw std::runtime_error("recording: " + done.rejection().message);
    }
    std::vector<RecordedStep> all;
    for (const auto& change : store->changes) {
      if (change.reschedule || change.creates.size() + change.updates.size() != 1)
        throw std::runtime_error("recording: the lifecycle is not one item per commit");
      if (!change.creates.empty())
        all.push_back(recorded_step(change.creates[0].ticket, change.creates[0].timers));
      else
        all.push_back(recorded_step(change.updates[0].ticket, change.updates[0].timers));
    }
    if (all.size() != lifecycle_events().size() + 1)
      throw std::runtime_error("recording: the lifecycle is not one commit per step");
    return all;
  }();
  return steps;
}

// --- a temporary directory on the disk under test ---------------------------------------------

using propdesk_bench::TempDir;

// --- the store side -------------------------------------------------------------------------

struct StoreRun {
  explicit StoreRun(bool group_commit) {
    propdesk::SqliteStoreOptions options;
    options.group_commit = group_commit;
    store = std::make_shared<propdesk::SqliteStore>(dir.path() / "desk.db", options);
    start(store);
  }

  // KvStore on the store type `lmdb` of `plugins` (the shipped lmdb plugin), in this run's folder.
  explicit StoreRun(const propdesk::PluginRegistry& plugins) {
    start(std::make_shared<propdesk::KvStore>(std::shared_ptr<propdesk::KvBackend>(
        plugins.open_kv_store("lmdb", {{"path", (dir.path() / "desk.lmdb").string()}}))));
  }

  void start(std::shared_ptr<propdesk::Store> on) {
    engine = std::make_unique<propdesk::Engine>(std::move(on),
                                                propdesk_bench::shipped_engine_options());
    const auto findings =
        engine->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    loaded = engine->workflow("repair") != nullptr;
    for (const LifecycleEvent& e : lifecycle_events()) {
      propdesk::Fields input;
      if (e.input_field != nullptr) input.emplace(e.input_field, e.input_value);
      inputs.push_back(std::move(input));
    }
  }

  // Creates a ticket and drives it to closed; false if anything is refused.
  bool lifecycle() {
    auto created = engine->create("repair", creation_fields(), kDesk);
    if (!created.ok()) return false;
    const propdesk::TicketId id = created.value().id;
    const auto& events = lifecycle_events();
    for (std::size_t i = 0; i < events.size(); ++i) {
      auto done = engine->fire(id, events[i].event, inputs[i], events[i].actor);
      if (!done.ok() || done.value().to_state != events[i].to_state) return false;
    }
    return true;
  }

  TempDir dir{"propdesk-bench"};
  std::shared_ptr<propdesk::SqliteStore> store;  // null on the lmdb plugin
  std::unique_ptr<propdesk::Engine> engine;
  std::vector<propdesk::Fields> inputs;
  bool loaded = false;
};

std::unique_ptr<StoreRun> g_store_run;  // set up and torn down by thread 0, outside the loop

void BM_SqliteStoreLifecycle(benchmark::State& state, bool group_commit) {
  propdesk::SqliteStoreStats before;
  if (state.thread_index() == 0) {
    g_store_run = std::make_unique<StoreRun>(group_commit);
    before = g_store_run->store->stats();
  }
  bool failed = false;
  for (auto _ : state) {
    if (failed) continue;  // no break: the threads must all reach the end of the loop
    if (!g_store_run->loaded || !g_store_run->lifecycle()) {
      failed = true;
      state.SkipWithError("a lifecycle was refused");
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    const propdesk::SqliteStoreStats after = g_store_run->store->stats();
    const auto transactions = static_cast<double>(after.transactions - before.transactions);
    if (transactions > 0) {
      state.counters["events_per_txn"] =
          static_cast<double>(after.calls - before.calls) / transactions;
    }
    state.counters["largest_batch"] = static_cast<double>(after.largest_batch);
    g_store_run.reset();
  }
}

// --- the baseline: plain SQLiteCpp --------------------------------------------------------------

// SHA-256 through OpenSSL's EVP interface, hex.
class Sha256 {
 public:
  Sha256() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)) {
    if (md_ == nullptr) throw std::runtime_error("OpenSSL: no SHA-256");
  }
  ~Sha256() { EVP_MD_free(md_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  [[nodiscard]] std::string hex(const std::string& bytes) const {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, md_, nullptr) != 1)
      throw std::runtime_error("OpenSSL: SHA-256 failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(2 * size, '0');
    for (unsigned int i = 0; i < size; ++i) {
      out[2 * i] = kHex[digest[i] >> 4U];
      out[2 * i + 1] = kHex[digest[i] & 0xFU];
    }
    return out;
  }

 private:
  EVP_MD* md_;
};

// "<length>:<bytes>" per member, so the concatenation is unambiguous.
void add_member(std::string& out, std::string_view bytes) {
  out += std::to_string(bytes.size());
  out += ':';
  out += bytes;
}

std::int64_t now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
      .time_since_epoch()
      .count();
}

// YYYYMMDD at UTC+8.
std::string business_day(std::int64_t seconds) {
  using namespace std::chrono;
  const sys_seconds t{std::chrono::seconds{seconds} + hours{8}};
  const year_month_day date{floor<days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

// A ticket as the baseline application keeps it in memory between its own writes.
struct BaselineTicket {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string state;
  std::string assignee;
  Json fields;
  std::string last_hash;
};

// One entry's data, encoded before the transaction.
struct PendingEntry {
  std::int64_t at = 0;
  const propdesk::Actor* actor = nullptr;
  std::string event;
  std::string from_state;
  std::string to_state;
  std::string input_json;
  std::string fields_json;
  const RecordedStep* step = nullptr;  // clock states and timer changes
};

class Baseline {
 public:
  explicit Baseline(const fs::path& file)
      : db_(file.string(), SQLite::OPEN_READWRITE),
        begin_(db_, "BEGIN IMMEDIATE"),
        commit_(db_, "COMMIT"),
        next_number_(db_,
                     "INSERT INTO ticket_counters (prefix, day, last) VALUES (?, ?, 1) "
                     "ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1 RETURNING last"),
        insert_ticket_(db_,
                       "INSERT INTO tickets (code, workflow, workflow_version, state, severity, "
                       "assignee, location, fields, clocks, created_at, updated_at, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
        update_ticket_(db_,
                       "UPDATE tickets SET workflow = ?, workflow_version = ?, state = ?, "
                       "severity = ?, assignee = ?, location = ?, fields = ?, clocks = ?, "
                       "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"),
        insert_entry_(db_,
                      "INSERT INTO journal (ticket, seq, at, actor_id, actor_role, event, "
                      "from_state, to_state, input, prev_hash, hash) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        cancel_all_timers_(db_, "DELETE FROM timers WHERE ticket_id = ?"),
        cancel_timer_(db_, "DELETE FROM timers WHERE ticket_id = ? AND key = ?"),
        schedule_timer_(db_,
                        "INSERT INTO timers (ticket_id, key, due) VALUES (?, ?, ?) "
                        "ON CONFLICT (ticket_id, key) DO UPDATE SET due = excluded.due"),
        steps_(recorded_steps()) {
    // What SqliteStore sets on its connections (the file is in WAL mode already).
    db_.setBusyTimeout(static_cast<int>(propdesk::SqliteStoreOptions{}.busy_timeout.count()));
    db_.exec("PRAGMA synchronous = FULL");
    if (db_.execAndGet("PRAGMA journal_mode").getString() != "wal")
      throw std::runtime_error("the baseline's file is not in WAL mode");
    for (const LifecycleEvent& e : lifecycle_events()) {
      Json input = Json::object();
      if (e.input_field != nullptr) {
        const propdesk::Value& v = e.input_value;
        input[e.input_field] =
            v.kind() == propdesk::Value::Kind::kInt ? Json(v.as_int()) : Json(v.as_string());
      }
      inputs_.push_back(std::move(input));
    }
  }

  // Encodes a creation; no database access.
  PendingEntry prepare_create(BaselineTicket& t) const {
    t = BaselineTicket{};
    t.state = "reported";
    t.fields = creation_fields_json();
    PendingEntry p;
    p.at = now_seconds();
    p.actor = &kDesk;
    p.event = "create";
    p.to_state = t.state;
    p.fields_json = t.fields.dump();
    p.input_json = t.fields.dump();  // the creation's input is the initial fields
    p.step = &steps_[0];
    return p;
  }

  // Encodes event `index` of the lifecycle and applies it to `t` in memory.
  PendingEntry prepare_event(BaselineTicket& t, std::size_t index) const {
    const LifecycleEvent& e = lifecycle_events()[index];
    const Json& input = inputs_[index];
    for (const auto& [name, value] : input.items()) {
      if (name == "assignee")
        t.assignee = value.get<std::string>();
      else
        t.fields[name] = value;
    }
    PendingEntry p;
    p.at = now_seconds();
    p.actor = &e.actor;
    p.event = e.event;
    p.from_state = t.state;
    p.to_state = e.to_state;
    t.state = e.to_state;
    p.fields_json = t.fields.dump();
    p.input_json = input.dump();
    p.step = &steps_[index + 1];
    return p;
  }

  void begin() { run(begin_); }
  void commit() { run(commit_); }

  // Inside a transaction: the counter, the ticket and its first entry.
  void write_create(BaselineTicket& t, const PendingEntry& p) {
    const std::string day = business_day(p.at);
    std::int64_t number = 0;
    {
      Reset use(next_number_);
      next_number_.bind(1, "BX");
      next_number_.bindNoCopy(2, day);
      next_number_.executeStep();
      number = next_number_.getColumn(0).getInt64();
    }
    char digits[24];
    std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(number));
    const std::string code = "BX-" + day + "-" + digits;
    {
      Reset use(insert_ticket_);
      insert_ticket_.bindNoCopy(1, code);
      insert_ticket_.bind(2, "repair");
      insert_ticket_.bind(3, 1);
      insert_ticket_.bindNoCopy(4, t.state);
      insert_ticket_.bind(5, "general");
      insert_ticket_.bindNoCopy(6, t.assignee);
      insert_ticket_.bind(7, "3-2-1201");
      insert_ticket_.bindNoCopy(8, p.fields_json);
      insert_ticket_.bindNoCopy(9, p.step->clocks_json);
      insert_ticket_.bind(10, p.at);
      insert_ticket_.bind(11, p.at);
      insert_ticket_.exec();
    }
    t.id = db_.getLastInsertRowid();
    t.version = 1;
    write_timers(t, p);
    insert_entry(t, p, std::string(propdesk::kGenesisHash));
  }

  // Inside a transaction: the ticket's new row (version-checked) and the entry.
  void write_event(BaselineTicket& t, const PendingEntry& p) {
    {
      Reset use(update_ticket_);
      update_ticket_.bind(1, "repair");
      update_ticket_.bind(2, 1);
      update_ticket_.bindNoCopy(3, t.state);
      update_ticket_.bind(4, "general");
      update_ticket_.bindNoCopy(5, t.assignee);
      update_ticket_.bind(6, "3-2-1201");
      update_ticket_.bindNoCopy(7, p.fields_json);
      update_ticket_.bindNoCopy(8, p.step->clocks_json);
      update_ticket_.bind(9, p.at);
      update_ticket_.bind(10, t.id);
      update_ticket_.bind(11, t.version);
      if (update_ticket_.exec() != 1) throw std::runtime_error("baseline: version conflict");
    }
    ++t.version;
    write_timers(t, p);
    insert_entry(t, p, t.last_hash);
  }

  // One lifecycle, each write its own transaction; `lock` serialises the shared connection.
  template <class Lock>
  void lifecycle(Lock& lock) {
    BaselineTicket t;
    {
      PendingEntry p = prepare_create(t);
      std::lock_guard guard(lock);
      begin();
      write_create(t, p);
      commit();
    }
    for (std::size_t i = 0; i < lifecycle_events().size(); ++i) {
      PendingEntry p = prepare_event(t, i);
      std::lock_guard guard(lock);
      begin();
      write_event(t, p);
      commit();
    }
    if (t.state != "closed") throw std::runtime_error("baseline: the ticket did not close");
  }

  // `tickets.size()` lifecycles in lock step: each transaction carries one write per ticket.
  void batched_lifecycles(std::vector<BaselineTicket>& tickets,
                          std::vector<PendingEntry>& pending) {
    pending.resize(tickets.size());
    for (std::size_t k = 0; k < tickets.size(); ++k) pending[k] = prepare_create(tickets[k]);
    begin();
    for (std::size_t k = 0; k < tickets.size(); ++k) write_create(tickets[k], pending[k]);
    commit();
    for (std::size_t i = 0; i < lifecycle_events().size(); ++i) {
      for (std::size_t k = 0; k < tickets.size(); ++k) pending[k] = prepare_event(tickets[k], i);
      begin();
      for (std::size_t k = 0; k < tickets.size(); ++k) write_event(tickets[k], pending[k]);
      commit();
    }
    for (const BaselineTicket& t : tickets) {
      if (t.state != "closed") throw std::runtime_error("baseline: a ticket did not close");
    }
  }

 private:
  // Resets a kept statement when its use ends.
  class Reset {
   public:
    explicit Reset(SQLite::Statement& s) : s_(s) {}
    ~Reset() { s_.tryReset(); }
    Reset(const Reset&) = delete;
    Reset& operator=(const Reset&) = delete;

   private:
    SQLite::Statement& s_;
  };

  static void run(SQLite::Statement& s) {
    Reset use(s);
    s.exec();
  }

  // The step's timer changes, in the order the store applies them.
  void write_timers(const BaselineTicket& t, const PendingEntry& p) {
    const RecordedStep& step = *p.step;
    if (step.cancel_all) {
      Reset use(cancel_all_timers_);
      cancel_all_timers_.bind(1, t.id);
      cancel_all_timers_.exec();
    }
    for (const std::string& key : step.cancel) {
      Reset use(cancel_timer_);
      cancel_timer_.bind(1, t.id);
      cancel_timer_.bindNoCopy(2, key);
      cancel_timer_.exec();
    }
    for (const auto& [key, after] : step.schedule) {
      Reset use(schedule_timer_);
      schedule_timer_.bind(1, t.id);
      schedule_timer_.bindNoCopy(2, key);
      schedule_timer_.bind(3, p.at + after);
      schedule_timer_.exec();
    }
  }

  void insert_entry(BaselineTicket& t, const PendingEntry& p, const std::string& prev_hash) {
    std::string encoded;
    encoded.reserve(256 + p.input_json.size());
    add_member(encoded, "propdesk-journal-v1");
    add_member(encoded, std::to_string(t.id));
    add_member(encoded, std::to_string(t.version));
    add_member(encoded, std::to_string(p.at));
    add_member(encoded, p.actor->id);
    add_member(encoded, p.actor->role);
    add_member(encoded, p.event);
    add_member(encoded, p.from_state);
    add_member(encoded, p.to_state);
    add_member(encoded, p.input_json);
    add_member(encoded, prev_hash);
    std::string hash = sha256_.hex(encoded);
    {
      Reset use(insert_entry_);
      insert_entry_.bind(1, t.id);
      insert_entry_.bind(2, t.version);
      insert_entry_.bind(3, p.at);
      insert_entry_.bindNoCopy(4, p.actor->id);
      insert_entry_.bindNoCopy(5, p.actor->role);
      insert_entry_.bindNoCopy(6, p.event);
      insert_entry_.bindNoCopy(7, p.from_state);
      insert_entry_.bindNoCopy(8, p.to_state);
      insert_entry_.bindNoCopy(9, p.input_json);
      insert_entry_.bindNoCopy(10, prev_hash);
      insert_entry_.bindNoCopy(11, hash);
      insert_entry_.exec();
    }
    t.last_hash = std::move(hash);
  }

  SQLite::Database db_;  // before the statements: they are finalized first
  SQLite::Statement begin_, commit_, next_number_, insert_ticket_, update_ticket_, insert_entry_;
  SQLite::Statement cancel_all_timers_, cancel_timer_, schedule_timer_;
  const std::vector<RecordedStep>& steps_;
  Sha256 sha256_;
  std::vector<Json> inputs_;
};

// Runs `body` on `threads` threads at once and waits for them all.
template <class Body>
void on_threads(int threads, const Body& body) {
  std::vector<std::thread> running;
  running.reserve(static_cast<std::size_t>(threads));
  for (int k = 0; k < threads; ++k) running.emplace_back(body);
  for (std::thread& t : running) t.join();
}

// What a plain application whose callers run on several threads writes to share transactions
// among them, batching as well as the lock-step baseline does: each caller prepares its write (the
// JSON, on its own thread), queues it and waits; when every caller still running has queued one,
// the last to queue writes them all in one transaction on the shared Baseline connection, commits
// and wakes the others. Every caller returns once its write is durable, so each transaction carries
// one write per running caller: the same transactions as `ideal`, with the hand-overs between
// threads that concurrent callers cost.
class PlainGroupCommit {
 public:
  explicit PlainGroupCommit(Baseline& baseline) : baseline_(baseline) {}

  // Runs `lifecycles` lifecycles on each of `threads` threads at once; false if a write failed.
  bool run(int threads, int lifecycles) {
    {
      std::lock_guard lock(mutex_);
      running_ = static_cast<std::size_t>(threads);
    }
    std::atomic<bool> ok{true};
    on_threads(threads, [&] {
      try {
        for (int i = 0; i < lifecycles; ++i) lifecycle();
      } catch (const std::exception&) {
        ok = false;
      }
      leave();
    });
    return ok;
  }

  std::int64_t transactions() const { return transactions_; }
  std::int64_t writes() const { return writes_; }

 private:
  struct Write {
    BaselineTicket* ticket;
    const PendingEntry* entry;
    bool create;
    bool done = false;
    std::exception_ptr error;
  };

  // One lifecycle of a ticket the calling thread owns; each write durable before the next.
  void lifecycle() {
    BaselineTicket t;
    PendingEntry p = baseline_.prepare_create(t);
    submit(t, p, /*create=*/true);
    for (std::size_t i = 0; i < lifecycle_events().size(); ++i) {
      p = baseline_.prepare_event(t, i);
      submit(t, p, /*create=*/false);
    }
    if (t.state != "closed") throw std::runtime_error("plain group commit: the ticket did not close");
  }

  // A caller is done: the others no longer wait for its writes.
  void leave() {
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    done_.notify_all();
  }

  // Whether a transaction can start: nobody writing, and every running caller queued.
  bool ready() const { return !writing_ && !queue_.empty() && queue_.size() >= running_; }

  void submit(BaselineTicket& t, const PendingEntry& p, bool create) {
    Write own{&t, &p, create, false, nullptr};
    std::unique_lock lock(mutex_);
    queue_.push_back(&own);
    done_.wait(lock, [&] { return own.done || ready(); });
    if (!own.done) {
      writing_ = true;
      std::vector<Write*> batch;
      batch.swap(queue_);
      lock.unlock();
      std::exception_ptr error;
      try {
        baseline_.begin();
        for (Write* w : batch) {
          if (w->create)
            baseline_.write_create(*w->ticket, *w->entry);
          else
            baseline_.write_event(*w->ticket, *w->entry);
        }
        baseline_.commit();
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      for (Write* w : batch) {
        w->done = true;
        w->error = error;
      }
      ++transactions_;
      writes_ += static_cast<std::int64_t>(batch.size());
      writing_ = false;
      lock.unlock();
      done_.notify_all();
    }
    if (own.error) std::rethrow_exception(own.error);
  }

  Baseline& baseline_;
  std::mutex mutex_;
  std::condition_variable done_;  // a transaction ended, or a caller left
  std::vector<Write*> queue_;
  std::size_t running_ = 0;  // callers that will still queue writes
  bool writing_ = false;
  std::int64_t transactions_ = 0;
  std::int64_t writes_ = 0;
};

struct BaselineRun {
  BaselineRun() {
    const fs::path file = dir.path() / "baseline.db";
    // The schema (tables, indexes, triggers) and WAL mode exactly as SqliteStore makes them.
    { propdesk::SqliteStore schema(file); }
    baseline = std::make_unique<Baseline>(file);
  }
  TempDir dir{"propdesk-bench"};
  std::unique_ptr<Baseline> baseline;
  std::mutex mutex;
};

std::unique_ptr<BaselineRun> g_baseline_run;  // set up and torn down by thread 0

// One connection; with several threads, they take turns on it (a mutex), one event per
// transaction.
void BM_SqliteBaselineLifecycle(benchmark::State& state) {
  if (state.thread_index() == 0) g_baseline_run = std::make_unique<BaselineRun>();
  bool failed = false;
  for (auto _ : state) {
    if (failed) continue;  // no break: the threads must all reach the end of the loop
    try {
      g_baseline_run->baseline->lifecycle(g_baseline_run->mutex);
    } catch (const std::exception& e) {
      failed = true;
      state.SkipWithError(e.what());
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    state.counters["events_per_txn"] = 1;
    g_baseline_run.reset();
  }
}

// One thread, `batch` lifecycles in lock step per iteration: `batch` events per transaction.
void BM_SqliteBaselineBatched(benchmark::State& state, int batch) {
  BaselineRun run;
  std::vector<BaselineTicket> tickets(static_cast<std::size_t>(batch));
  std::vector<PendingEntry> pending;
  for (auto _ : state) {
    try {
      run.baseline->batched_lifecycles(tickets, pending);
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["events_per_txn"] = batch;
}

// --- paired: store and baseline alternating within each iteration --------------------------------

// Seconds `body` takes on the wall clock.
template <class Body>
double wall_seconds(Body&& body) {
  const auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One iteration of a paired benchmark: runs `a` and `b` once each, `a` first in even rounds and `b`
// first in odd ones, and adds each one's wall time to `a_s` and `b_s`.
template <class A, class B>
void alternate(std::int64_t round, A&& a, double& a_s, B&& b, double& b_s) {
  if (round % 2 == 0) {
    a_s += wall_seconds(a);
    b_s += wall_seconds(b);
  } else {
    b_s += wall_seconds(b);
    a_s += wall_seconds(a);
  }
}

// Each iteration runs one store lifecycle and one baseline lifecycle, in alternating order, and
// times each: both sides see the disk in the same state. Counters: lifecycles per second of each
// side over the whole run, and their ratio.
void BM_PairedCommitPerEvent(benchmark::State& state) {
  StoreRun store(/*group_commit=*/false);
  BaselineRun baseline;
  double store_s = 0;
  double baseline_s = 0;
  std::int64_t round = 0;
  for (auto _ : state) {
    bool ok = true;
    alternate(
        round++, [&] { ok = store.lifecycle() && ok; }, store_s,
        [&] { baseline.baseline->lifecycle(baseline.mutex); }, baseline_s);
    if (!ok || !store.loaded) {
      state.SkipWithError("a lifecycle was refused");
      break;
    }
  }
  const auto n = static_cast<double>(state.iterations());
  if (store_s > 0 && baseline_s > 0) {
    state.counters["store_per_s"] = n / store_s;
    state.counters["baseline_per_s"] = n / baseline_s;
    state.counters["ratio"] = baseline_s / store_s;
  }
}

// The shipped lmdb plugin (plugins/lmdb), loaded once from the build through the real loader.
const propdesk::PluginRegistry& lmdb_plugin() {
  static const std::unique_ptr<propdesk::PluginRegistry> registry = [] {
    auto r = std::make_unique<propdesk::PluginRegistry>();
    const propdesk::PluginLoadReport report = propdesk::load_plugins(
        *r, {{std::filesystem::path(PROPDESK_PLUGIN_BUILD_DIR) / "propdesk_store_lmdb.so"},
             {{"lmdb", {}}},
             false});
    if (!report.ok()) throw std::runtime_error("the lmdb plugin did not load");
    return r;
  }();
  return *registry;
}

// The store a desk chooses: each iteration runs one lifecycle on SqliteStore (one commit per
// event) and one on KvStore over the lmdb plugin's store type, in alternating order, timed
// separately (counters store_per_s: lmdb, baseline_per_s: SQLite, ratio: lmdb / SQLite). No goal:
// figures for choosing.
void BM_PairedStores(benchmark::State& state) {
  StoreRun sqlite(/*group_commit=*/false);
  StoreRun lmdb(lmdb_plugin());
  double sqlite_s = 0;
  double lmdb_s = 0;
  std::int64_t round = 0;
  for (auto _ : state) {
    bool ok = true;
    alternate(
        round++, [&] { ok = sqlite.lifecycle() && ok; }, sqlite_s,
        [&] { ok = lmdb.lifecycle() && ok; }, lmdb_s);
    if (!ok || !sqlite.loaded || !lmdb.loaded) {
      state.SkipWithError("a lifecycle was refused");
      break;
    }
  }
  const auto n = static_cast<double>(state.iterations());
  if (sqlite_s > 0 && lmdb_s > 0) {
    state.counters["store_per_s"] = n / lmdb_s;
    state.counters["baseline_per_s"] = n / sqlite_s;
    state.counters["ratio"] = sqlite_s / lmdb_s;
  }
}

// Each iteration is a round of five phases, in an order that rotates from round to round:
//   store:  `threads` threads each run kPhaseLifecycles lifecycles on the store with group commit;
//   ideal:  the batched baseline, kPhaseLifecycles times all `threads` tickets in lock step
//           (5 transactions of `threads` events each time);
//   same:   the batched baseline with as many transactions as the store needed for the same
//           lifecycles so far (its tickets split into that many / 5 lock-step groups): the same
//           events in the same number of transactions, which is what "the same writes in the same
//           transactions" comes to under group commit;
//   mutex:  `threads` threads each run one lifecycle on the mutex baseline (it commits every
//           event alone, so one lifecycle per thread is enough for its rate; more would make the
//           rounds long);
//   plain:  `threads` threads each run kPhaseLifecycles lifecycles of the baseline's writes
//           through plain code's group commit (PlainGroupCommit): the same callers as the store's,
//           each write durable on return, every transaction one write per running caller.
// `ideal` and `same` are one thread that owns every ticket: no caller waits for another, nothing
// is handed between threads. They bound what any group commit can reach; `plain` is what an
// application would write instead of the store for the same concurrent callers.
// Several lifecycles per thread in the store phase spread its ramp (the first transaction of a
// phase carries one event, the last ones the stragglers) over more transactions; the store under
// continuous load (BM_SqliteStoreLifecycle/group-commit) has no ramp at all.
void BM_PairedGroupCommit(benchmark::State& state, int threads) {
  constexpr int kPhaseLifecycles = 3;
  StoreRun store(/*group_commit=*/true);
  BaselineRun baseline;
  PlainGroupCommit plain(*baseline.baseline);
  const auto n = static_cast<std::size_t>(threads);
  std::vector<BaselineTicket> all(n);
  std::vector<PendingEntry> pending;
  constexpr int kPhases = 5;
  double seconds[kPhases] = {0, 0, 0, 0, 0};  // store, ideal, same, mutex, plain
  std::int64_t store_transactions = 0;
  std::int64_t store_calls = 0;
  std::int64_t store_sets = 0;  // sets of `threads` lifecycles the store ran
  std::atomic<bool> ok{true};
  std::int64_t round = 0;
  auto store_phase = [&] {
    const propdesk::SqliteStoreStats before = store.store->stats();
    seconds[0] += wall_seconds([&] {
      on_threads(threads, [&] {
        for (int i = 0; i < kPhaseLifecycles; ++i) {
          if (!store.lifecycle()) ok = false;
        }
      });
    });
    const propdesk::SqliteStoreStats after = store.store->stats();
    store_transactions += after.transactions - before.transactions;
    store_calls += after.calls - before.calls;
    store_sets += kPhaseLifecycles;
  };
  auto same_phase = [&] {
    // Transactions the store needed per set of `threads` lifecycles, in lock-step groups of 5.
    const double per_set =
        store_sets > 0 ? static_cast<double>(store_transactions) / static_cast<double>(store_sets)
                       : kTransactionsPerLifecycle;
    const auto groups = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::lround(per_set / kTransactionsPerLifecycle)), 1, n);
    seconds[2] += wall_seconds([&] {
      for (int i = 0; i < kPhaseLifecycles; ++i) {
        for (std::size_t g = 0; g < groups; ++g) {
          std::vector<BaselineTicket> group(n / groups + (g < n % groups ? 1 : 0));
          baseline.baseline->batched_lifecycles(group, pending);
        }
      }
    });
  };
  for (auto _ : state) {
    for (std::int64_t k = 0; k < kPhases; ++k) {
      switch ((round + k) % kPhases) {
        case 0:
          store_phase();
          break;
        case 1:
          seconds[1] += wall_seconds([&] {
            for (int i = 0; i < kPhaseLifecycles; ++i)
              baseline.baseline->batched_lifecycles(all, pending);
          });
          break;
        case 2:
          same_phase();
          break;
        case 3:
          seconds[3] += wall_seconds([&] {
            on_threads(threads, [&] {
              try {
                baseline.baseline->lifecycle(baseline.mutex);
              } catch (const std::exception&) {
                ok = false;
              }
            });
          });
          break;
        default:
          seconds[4] += wall_seconds([&] {
            if (!plain.run(threads, kPhaseLifecycles)) ok = false;
          });
      }
    }
    ++round;
    if (!ok || !store.loaded) {
      state.SkipWithError("a lifecycle was refused");
      break;
    }
  }
  const double sets = static_cast<double>(state.iterations()) * threads;
  const double batched = sets * kPhaseLifecycles;
  if (std::all_of(std::begin(seconds), std::end(seconds), [](double s) { return s > 0; })) {
    const double store_rate = batched / seconds[0];
    state.counters["store_per_s"] = store_rate;
    state.counters["ideal_per_s"] = batched / seconds[1];
    state.counters["same_per_s"] = batched / seconds[2];
    state.counters["mutex_per_s"] = sets / seconds[3];
    state.counters["ratio_ideal"] = store_rate / (batched / seconds[1]);
    state.counters["ratio_same"] = store_rate / (batched / seconds[2]);
    state.counters["ratio_mutex"] = store_rate / (sets / seconds[3]);
    state.counters["plain_per_s"] = batched / seconds[4];
    state.counters["ratio_plain"] = store_rate / (batched / seconds[4]);
  }
  if (plain.transactions() > 0) {
    state.counters["plain_events_per_txn"] =
        static_cast<double>(plain.writes()) / static_cast<double>(plain.transactions());
  }
  if (store_transactions > 0) {
    state.counters["events_per_txn"] =
        static_cast<double>(store_calls) / static_cast<double>(store_transactions);
  }
}

// --- registration and the ratios ----------------------------------------------------------------

constexpr int kGroupThreads[] = {4, 8};
// Events per transaction of the separate batched baselines: 4 and 8 are the ideal for 4 and 8
// threads, 2 and 4 what the store's group commit reaches with them (events_per_txn).
constexpr int kBatchSizes[] = {2, 4, 8};

// Wall time (the fsync waits are not CPU time), milliseconds, and at least `seconds` per run: a
// lifecycle takes milliseconds to tens of milliseconds, and fsync latency varies a lot.
void durable(benchmark::internal::Benchmark* b, int threads = 0, double seconds = 1.0) {
  if (threads > 0) b->Threads(threads);
  b->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(seconds);
}

void register_benchmarks() {
  using benchmark::RegisterBenchmark;
  durable(RegisterBenchmark("BM_SqliteStoreLifecycle/commit-per-event", BM_SqliteStoreLifecycle,
                            false));
  durable(
      RegisterBenchmark("BM_SqliteBaselineLifecycle/commit-per-event", BM_SqliteBaselineLifecycle));
  durable(
      RegisterBenchmark("BM_SqliteStoreLifecycle/commit-per-event", BM_SqliteStoreLifecycle, false),
      4);
  for (int n : kGroupThreads) {
    durable(
        RegisterBenchmark("BM_SqliteStoreLifecycle/group-commit", BM_SqliteStoreLifecycle, true),
        n);
    durable(RegisterBenchmark("BM_SqliteBaselineLifecycle/mutex", BM_SqliteBaselineLifecycle), n);
  }
  for (int b : kBatchSizes) {
    durable(RegisterBenchmark(("BM_SqliteBaselineLifecycle/batched/" + std::to_string(b)).c_str(),
                              BM_SqliteBaselineBatched, b));
  }
  durable(RegisterBenchmark("BM_PairedLifecycle/commit-per-event", BM_PairedCommitPerEvent), 0,
          2.0);
  for (int n : kGroupThreads) {
    durable(RegisterBenchmark(("BM_PairedLifecycle/group-commit/" + std::to_string(n)).c_str(),
                              BM_PairedGroupCommit, n),
            0, 2.0);
  }
  durable(RegisterBenchmark("BM_PairedStores/lmdb-vs-sqlite", BM_PairedStores), 0, 2.0);
}

// What a printed ratio is measured against: the goal's baseline, or a bound or reference.
enum class Against { kGoal, kReference };

// Keeps the counters of each benchmark: the median when repetitions are aggregated, else the mean
// of its runs.
void print_line(const std::string& label, double store, double baseline, double ratio,
                std::optional<double> cv, Against against) {
  const std::string spread = cv ? " (cv " + std::to_string(std::lround(*cv * 100)) + "%)" : "";
  const char* verdict = against == Against::kReference ? "reference, no goal"
                        : ratio >= 0.8                 ? "goal >= 0.8x: met"
                                                       : "goal >= 0.8x: NOT met";
  std::printf("  %-46s %7.1f vs %7.1f lifecycles/s = %.2fx%s (%s)\n", label.c_str(), store,
              baseline, ratio, spread.c_str(), verdict);
}

// Store and baseline measured by separate benchmarks, one after the other.
void print_separate(const RatioReporter& r, const std::string& label, const std::string& store,
                    const std::string& baseline) {
  const auto s = r.counter(store, "items_per_second");
  const auto b = r.counter(baseline, "items_per_second");
  if (s && b) print_line(label, *s, *b, *s / *b, std::nullopt, Against::kReference);
}

// Store and baseline measured alternately within one benchmark.
void print_paired(const RatioReporter& r, const std::string& label, const std::string& name,
                  const std::string& baseline_counter, const std::string& ratio_counter,
                  Against against) {
  const auto s = r.counter(name, "store_per_s");
  const auto b = r.counter(name, baseline_counter);
  const auto ratio = r.counter(name, ratio_counter);
  if (s && b && ratio) print_line(label, *s, *b, *ratio, r.cv(name, ratio_counter), against);
}

void print_summary(const RatioReporter& r) {
  std::printf(
      "\nstore / baseline (medians of the repetitions when aggregated, cv: their coefficient of "
      "variation; a lifecycle is %d transactions).\n"
      "Paired (store and baseline alternating in one benchmark, same disk conditions). The goal's\n"
      "baselines: one caller committing every event, and plain group commit for N concurrent\n"
      "callers; the batches of one thread that owns every ticket bound what any group commit can\n"
      "reach; the mutex is plain code without batching:\n",
      kTransactionsPerLifecycle);
  print_paired(r, "commit per event, 1 thread", "BM_PairedLifecycle/commit-per-event",
               "baseline_per_s", "ratio", Against::kGoal);
  for (int n : kGroupThreads) {
    const std::string name = "BM_PairedLifecycle/group-commit/" + std::to_string(n);
    const std::string threads = std::to_string(n) + " threads";
    print_paired(r, "group commit, " + threads + " vs plain group commit", name, "plain_per_s",
                 "ratio_plain", Against::kGoal);
    print_paired(r, "group commit, " + threads + " vs one thread, same batches", name,
                 "same_per_s", "ratio_same", Against::kReference);
    print_paired(r, "group commit, " + threads + " vs one thread, ideal batches", name,
                 "ideal_per_s", "ratio_ideal", Against::kReference);
    print_paired(r, "group commit, " + threads + " vs mutex", name, "mutex_per_s", "ratio_mutex",
                 Against::kReference);
  }
  std::printf(
      "Separate benchmarks (run one after the other; fsync latency drifts between them):\n");
  print_separate(r, "commit per event, 1 thread", "BM_SqliteStoreLifecycle/commit-per-event",
                 "BM_SqliteBaselineLifecycle/commit-per-event");
  for (int n : kGroupThreads) {
    const std::string threads = std::to_string(n) + " threads";
    const std::string store = "BM_SqliteStoreLifecycle/group-commit/threads:" + std::to_string(n);
    print_separate(r, "group commit, " + threads + " vs batched/" + std::to_string(n / 2), store,
                   "BM_SqliteBaselineLifecycle/batched/" + std::to_string(n / 2));
    print_separate(r, "group commit, " + threads + " vs batched/" + std::to_string(n), store,
                   "BM_SqliteBaselineLifecycle/batched/" + std::to_string(n));
    print_separate(r, "group commit, " + threads + " vs mutex", store,
                   "BM_SqliteBaselineLifecycle/mutex/threads:" + std::to_string(n));
  }
  print_separate(r, "commit per event, 4 threads vs mutex",
                 "BM_SqliteStoreLifecycle/commit-per-event/threads:4",
                 "BM_SqliteBaselineLifecycle/mutex/threads:4");
  const std::string stores = "BM_PairedStores/lmdb-vs-sqlite";
  const auto lmdb = r.counter(stores, "store_per_s");
  const auto sqlite = r.counter(stores, "baseline_per_s");
  const auto ratio = r.counter(stores, "ratio");
  if (lmdb && sqlite && ratio) {
    std::printf(
        "Choosing a store (paired, one commit per event, 1 thread; no goal):\n"
        "  KvStore on the lmdb plugin vs SqliteStore %7.1f vs %7.1f lifecycles/s = %.2fx\n",
        *lmdb, *sqlite, *ratio);
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  print_summary(reporter);
  return 0;
}
