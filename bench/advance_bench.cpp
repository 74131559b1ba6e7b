// Time at scale, through the Engine (issue 4's benchmark): advancing a simulated day of tickets,
// and finding and firing the next due timer with 10,000 to 1,000,000 open tickets.
//
// BM_AdvanceDay/<store>   A day at the desk on a ManualClock with the shipped configuration
//     (workflows/propdesk.yaml: calendars, the complaint severity rule): N tickets of the shipped
//     repair (70 %) and complaint (30 %) workflows created evenly across Thursday 2026-11-26
//     (Asia/Shanghai), some events fired minutes to hours after creation (repairs dispatched,
//     accepted, completed; complaints classified, answered by the department; 5 % of complaints
//     name a leak and are major at once), then engine.advance() through the day hour by hour,
//     00:00 to 24:00, journaling warnings, breaches and escalation steps (and the severity raises
//     that breaches cause). Timed: the 24 advance() calls. Counters: the report's totals, the
//     time per processed timer, and the baseline below.
//     Baseline, same run, same store, right after the day: plain Engine::fire() calls of an
//     internal event (`add_note` on open repair tickets, one journal entry each). A processed SLA
//     timer and such a fire do the same kind of work - read the ticket, decide, commit one
//     journal entry with its timer changes - so per_timer / per_fire says how close advance()
//     comes to the ordinary event path (1.0 = as cheap).
//     Populating is not timed: the day's creations and events are played once through an Engine
//     on a MemoryStore (recorded, see recording_store.hpp) and written into each fresh store
//     with batched Store::commit calls (10,000 items per call: one transaction for SQLite).
//     SqliteStore's day used to be the fsync latency times the number of timers (one transaction
//     per processed timer); advance() now commits a round's SLA entries (up to 128 timers of
//     different tickets) in one transaction, but timed transitions, ladder `fire:` events and
//     severity raises still commit one by one. The SqliteStore day has its own, smaller number
//     of tickets (PROPDESK_BENCH_SQLITE_DAY_TICKETS, default 1,000, chosen when every timer cost
//     an fsync); PROPDESK_BENCH_DAY_TICKETS sets the MemoryStore's (default 100,000).
//
// BM_NextDeadline/<store>/<N>   engine.next_deadline() with N open repair tickets, each holding
//     the timers the engine gives a new ticket (clock:response on the office calendar,
//     clock:resolution around the clock), created at distinct office-hours seconds.
// BM_FireNextTimer/<store>/<N>   "process the next due timer": t = engine.next_deadline(),
//     engine.advance(t) (which acts on the timer(s) due at t: journals the warning or breach,
//     schedules the clock's next threshold), per timer acted on. Each iteration moves on to the
//     next deadline, so N stays about the same.
//     N = 10,000, 100,000 and 1,000,000 for MemoryStore; 10,000 and 100,000 for SqliteStore (a
//     million SQLite tickets take minutes to populate; bench/timer_bench.cpp shows SqliteStore's
//     timers at 1M at the store level). Tickets are built as Engine::create builds them (the
//     shipped workflow, its SlaTracker and timed transitions) and committed 10,000 per call.
//     main() prints the 1M/10k (or 100k/10k) ratios: log2 would give 1.5x (1.33x), linear 100x.
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "engine/timed_transitions.hpp"
#include "engine/timer_merge.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/engine_setup.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sla_tracker.hpp"
#include "propdesk/sqlite_store.hpp"
#include "ratio_reporter.hpp"
#include "temp_dir.hpp"
#include "recording_store.hpp"
#include "shipped_engine.hpp"

namespace {

using propdesk_bench::RatioReporter;
using propdesk_bench::RecordingStore;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// 00:00 on Thursday 2026-11-26 in Shanghai (UTC+8), a working day.
const propdesk::TimePoint kDayStart{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} +
                                    std::chrono::hours{16}};
constexpr std::size_t kCommitBatch = 10'000;  // items per Store::commit while populating

std::size_t env_size(const char* name, std::size_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return static_cast<std::size_t>(std::strtoull(text, nullptr, 10));
}

using propdesk_bench::TempDir;

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// A fresh store of `kind` ("Memory" or "Sqlite"); `dir` keeps a SQLite file's folder alive.
std::shared_ptr<propdesk::Store> open_store(const std::string& kind, std::unique_ptr<TempDir>& dir) {
  if (kind == "Memory") return std::make_shared<propdesk::MemoryStore>();
  dir = std::make_unique<TempDir>("propdesk-advance-bench");
  propdesk::SqliteStoreOptions options;
  options.check_integrity_on_open = false;
  return std::make_shared<propdesk::SqliteStore>(dir->path() / "desk.db", options);
}

propdesk::Engine make_engine(std::shared_ptr<propdesk::Store> store,
                             std::shared_ptr<const propdesk::Clock> clock) {
  return propdesk::Engine(std::move(store), propdesk_bench::shipped_engine_options(std::move(clock)));
}

// Writes recorded changes into `store` with few, large commit() calls: consecutive commits are
// merged up to kCommitBatch items (a call applies its creations before its updates, which keeps
// the recorded order of each ticket's changes: a ticket is created before anything updates it);
// a reschedule is written on its own. Throws if the store does not end up with the same ids.
void replay(const std::vector<RecordingStore::Change>& changes, propdesk::Store& store) {
  std::vector<propdesk::NewTicket> creates;
  std::vector<propdesk::Update> updates;
  std::vector<propdesk::TicketId> expected_ids;
  const auto flush = [&] {
    if (creates.empty() && updates.empty()) return;
    const auto outcomes = store.commit(creates, updates);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (!outcomes[i].ok()) throw std::runtime_error("replaying: " + outcomes[i].message);
      if (i < expected_ids.size() && outcomes[i].id != expected_ids[i])
        throw std::runtime_error("replaying: the ids differ from the recording");
    }
    creates.clear();
    updates.clear();
    expected_ids.clear();
  };
  for (const RecordingStore::Change& change : changes) {
    if (change.reschedule) {
      flush();
      if (!store.reschedule(change.ticket, change.expected_version, change.timers).ok())
        throw std::runtime_error("replaying: a reschedule failed");
      continue;
    }
    for (const propdesk::NewTicket& c : change.creates) {
      creates.push_back(c);
      expected_ids.push_back(c.ticket.id);
    }
    updates.insert(updates.end(), change.updates.begin(), change.updates.end());
    if (creates.size() + updates.size() >= kCommitBatch) flush();
  }
  flush();
}

void save_workflows(propdesk::Store& from, propdesk::Store& to) {
  for (const propdesk::StoredWorkflow& w : from.workflows())
    if (!to.save_workflow(w).ok()) throw std::runtime_error("cannot save workflow " + w.name);
}

// --- the day ------------------------------------------------------------------------------------

// What happens at one instant of the day.
struct Action {
  propdesk::TimePoint at;
  std::size_t ticket;  // index in creation order
  int step;            // 0 creates; later steps fire the ticket's events in order
};

struct DayTicket {
  bool complaint = false;
  propdesk::Fields fields;
  std::vector<std::pair<std::string, propdesk::Fields>> events;  // fired in order
  propdesk::TicketId id = 0;
  bool major = false;
};

std::string location(std::mt19937_64& rng) {
  return std::to_string(1 + rng() % 30) + "-" + std::to_string(1 + rng() % 6) + "-" +
         std::to_string(1 + rng() % 33) + "0" + std::to_string(1 + rng() % 4);
}

// A recorded day of `n` tickets (see the top of this file).
struct RecordedDay {
  std::shared_ptr<RecordingStore> store = std::make_shared<RecordingStore>();
  std::size_t repairs = 0;
  std::size_t complaints = 0;
  std::size_t majors = 0;
  std::size_t events = 0;
  double seconds = 0;
};

const RecordedDay& recorded_day(std::size_t n) {
  // Never freed: tearing a few hundred thousand recorded items down at exit takes seconds.
  static auto& cache = *new std::map<std::size_t, std::unique_ptr<RecordedDay>>;
  auto& slot = cache[n];
  if (slot) return *slot;
  const auto start = std::chrono::steady_clock::now();
  slot = std::make_unique<RecordedDay>();
  RecordedDay& day = *slot;
  auto clock = std::make_shared<propdesk::ManualClock>(kDayStart);
  propdesk::Engine engine = make_engine(day.store, clock);
  for (const propdesk::Diagnostic& d : propdesk::load_workflows(engine, propdesk_bench::shipped_config()))
    if (d.severity == propdesk::DiagnosticSeverity::kError) throw std::runtime_error(d.to_string());

  std::mt19937_64 rng(20261126);
  const auto minutes = [&](int lo, int hi) {
    return std::chrono::minutes{lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1))};
  };
  const char* repairs[] = {"kitchen tap leaking under the sink", "corridor light out",
                           "door lock stuck", "bathroom tiles cracked", "heating not warm"};
  const char* categories[] = {"plumbing", "electrical", "door_window", "wall_floor", "other"};
  const char* complaints[] = {"楼下装修噪音太大", "垃圾没有及时清运", "保安态度不好",
                              "停车位被占用", "物业费账单有误"};
  const char* complaint_categories[] = {"noise", "environment", "service_attitude", "parking", "fees"};
  const char* depts[] = {"engineering", "security", "cleaning", "customer_service", "finance"};

  std::vector<DayTicket> tickets(n);
  std::vector<Action> actions;
  actions.reserve(n * 3);
  const propdesk::TimePoint day_end = kDayStart + 24h;
  for (std::size_t i = 0; i < n; ++i) {
    DayTicket& t = tickets[i];
    const propdesk::TimePoint created =
        kDayStart + std::chrono::seconds{static_cast<std::int64_t>(i * 86400 / n)};
    t.complaint = rng() % 10 < 3;
    std::vector<std::chrono::minutes> delays;
    if (!t.complaint) {
      ++day.repairs;
      const auto k = rng() % 5;
      t.fields = {{"location", location(rng)}, {"description", repairs[k]}, {"category", categories[k]},
                  {"reporter", "resident"}, {"phone", "13800000000"}, {"channel", "phone"}};
      if (rng() % 2 == 0) {
        t.events.push_back({"dispatch", {{"assignee", "rep-" + std::to_string(rng() % 40)}}});
        delays.push_back(minutes(5, 20));
        if (rng() % 10 < 6) {
          t.events.push_back({"accept", {}});
          delays.push_back(minutes(10, 40));
          if (rng() % 2 == 0) {
            t.events.push_back({"complete", {}});
            delays.push_back(minutes(60, 180));
          }
        }
      }
    } else {
      ++day.complaints;
      const auto k = rng() % 5;
      const bool leak = rng() % 20 == 0;  // names a leak: major at once (keyword 漏水)
      t.fields = {{"location", location(rng)},
                  {"description", leak ? std::string("天花板漏水，水滴到床上") : complaints[k]},
                  {"category", complaint_categories[k]}, {"reporter", "resident"},
                  {"phone", "13900000000"}, {"channel", "phone"}};
      if (rng() % 10 < 6) {
        t.events.push_back({"classify", {{"dept", depts[rng() % 5]}}});
        delays.push_back(minutes(5, 30));
        if (rng() % 2 == 0) {
          t.events.push_back({"respond", {{"response", "已安排人员处理"}}});
          delays.push_back(minutes(30, 120));
        }
      }
    }
    actions.push_back({created, i, 0});
    propdesk::TimePoint at = created;
    for (std::size_t e = 0; e < delays.size(); ++e) {
      at += delays[e];
      if (at >= day_end) {
        t.events.resize(e);
        break;
      }
      actions.push_back({at, i, static_cast<int>(e + 1)});
    }
  }
  std::stable_sort(actions.begin(), actions.end(),
                   [](const Action& a, const Action& b) { return a.at < b.at; });

  const propdesk::Actor desk{"desk-1", "front_desk"};
  for (const Action& a : actions) {
    clock->set(a.at);
    DayTicket& t = tickets[a.ticket];
    if (a.step == 0) {
      auto created = engine.create(t.complaint ? "complaint" : "repair", t.fields, desk);
      if (!created.ok()) throw std::runtime_error("day: " + created.rejection().message);
      t.id = created.value().id;
      t.major = created.value().severity == "major";
      if (t.major) ++day.majors;
      continue;
    }
    auto [event, input] = t.events[static_cast<std::size_t>(a.step - 1)];
    propdesk::Actor actor = desk;
    if (event == "accept" || event == "complete") {
      actor = {"rep", "repairer"};
    } else if (event == "respond") {
      actor = {"dept", "department"};
    } else if (event == "classify") {
      // A complaint the rule made major since (a breach, a repeat) is classified as major.
      const auto now = engine.get(t.id);
      event = now && now->severity == "major" ? "classify_major" : "classify_general";
    }
    auto done = engine.fire(t.id, event, std::move(input), actor);
    if (!done.ok()) throw std::runtime_error("day: " + event + ": " + done.rejection().message);
    ++day.events;
  }
  day.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "(recorded a day of %zu tickets: %zu repairs, %zu complaints (%zu major at "
               "creation), %zu events, in %.1f s)\n",
               n, day.repairs, day.complaints, day.majors, day.events, day.seconds);
  return day;
}

void BM_AdvanceDay(benchmark::State& state, const std::string& kind) {
  const std::size_t n = kind == "Memory" ? env_size("PROPDESK_BENCH_DAY_TICKETS", 100'000)
                                         : env_size("PROPDESK_BENCH_SQLITE_DAY_TICKETS", 1'000);
  const RecordedDay& day = recorded_day(n);
  // Untimed: a fresh store with the recorded day written into it.
  std::unique_ptr<TempDir> dir;
  std::shared_ptr<propdesk::Store> store = open_store(kind, dir);
  save_workflows(*day.store, *store);
  const auto replay_start = std::chrono::steady_clock::now();
  replay(day.store->changes, *store);
  const double replay_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - replay_start).count();
  auto clock = std::make_shared<propdesk::ManualClock>(kDayStart);
  propdesk::Engine engine = make_engine(store, clock);

  propdesk::AdvanceReport total;
  double cpu = 0;
  for (auto _ : state) {
    const double cpu_start = thread_cpu_seconds();
    for (int hour = 1; hour <= 24; ++hour) {
      clock->set(kDayStart + std::chrono::hours{hour});
      propdesk::AdvanceReport r = engine.advance();
      total.timers += r.timers;
      total.transitions += r.transitions;
      total.warnings += r.warnings;
      total.breaches += r.breaches;
      total.escalations += r.escalations;
      total.problems.insert(total.problems.end(), r.problems.begin(), r.problems.end());
    }
    cpu += thread_cpu_seconds() - cpu_start;
  }
  if (!total.problems.empty()) {
    state.SkipWithError(("advance() reported: " + total.problems.front()).c_str());
    return;
  }
  // The baseline, untimed by the harness but measured here: plain fires on open repair tickets.
  const std::size_t max_fires = kind == "Memory" ? 20'000 : 500;
  std::vector<propdesk::TicketId> open;
  propdesk::TicketQuery q;
  q.workflow = "repair";
  q.state = "reported";
  q.limit = std::min(total.timers, max_fires);
  for (const propdesk::Ticket& t : engine.query(q)) open.push_back(t.id);
  const propdesk::Actor desk{"desk-1", "front_desk"};
  const auto fire_start = std::chrono::steady_clock::now();
  const double fire_cpu_start = thread_cpu_seconds();
  for (propdesk::TicketId id : open) {
    if (!engine.fire(id, "add_note", {{"note", "called the resident back"}}, desk).ok()) {
      state.SkipWithError("a baseline fire was refused");
      return;
    }
  }
  const double fire_cpu = thread_cpu_seconds() - fire_cpu_start;
  const double fire_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - fire_start).count();

  const auto timers = static_cast<double>(total.timers);
  state.counters["tickets"] = static_cast<double>(n);
  state.counters["timers"] = timers;
  state.counters["warnings"] = static_cast<double>(total.warnings);
  state.counters["breaches"] = static_cast<double>(total.breaches);
  state.counters["escalations"] = static_cast<double>(total.escalations);
  state.counters["transitions"] = static_cast<double>(total.transitions);
  state.counters["populate_s"] = replay_s;
  state.counters["day_cpu_s"] = cpu;
  if (timers > 0) state.counters["cpu_us_per_timer"] = cpu * 1e6 / timers;
  if (!open.empty()) {
    const auto fires = static_cast<double>(open.size());
    state.counters["fires"] = fires;
    state.counters["wall_us_per_fire"] = fire_s * 1e6 / fires;
    state.counters["cpu_us_per_fire"] = fire_cpu * 1e6 / fires;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total.timers));
}

// --- timers at scale ----------------------------------------------------------------------------

constexpr std::size_t kMemorySizes[] = {10'000, 100'000, 1'000'000};
constexpr std::size_t kSqliteSizes[] = {10'000, 100'000};

// N open repair tickets holding the timers Engine::create gives them.
struct Population {
  std::unique_ptr<TempDir> dir;
  std::shared_ptr<propdesk::Store> store;
  std::shared_ptr<propdesk::ManualClock> clock;
  std::unique_ptr<propdesk::Engine> engine;
};

// Never freed (a million tickets take seconds to tear down); main() closes and removes the SQLite
// ones (close_sqlite_populations).
std::map<std::pair<std::string, std::size_t>, Population>& populations() {
  static auto& cache = *new std::map<std::pair<std::string, std::size_t>, Population>;
  return cache;
}

void close_sqlite_populations() {
  for (auto& [key, p] : populations()) {
    if (!p.dir) continue;
    p.engine.reset();
    p.store.reset();
    p.dir.reset();
  }
}

Population& population(const std::string& kind, std::size_t n) {
  Population& p = populations()[{kind, n}];
  if (p.engine) return p;
  const auto start = std::chrono::steady_clock::now();
  // One ticket made by the engine itself: the fields (with defaults), entry and code prefix as
  // Engine::create writes them. The others are that ticket at other instants, their clocks and
  // timers computed as create computes them.
  RecordingStore recorder;
  const propdesk::Calendar* office = propdesk_bench::shipped_config().calendars.find("office");
  if (office == nullptr) throw std::runtime_error("no office calendar");
  const propdesk::TimePoint first = *office->add_working_time(kDayStart, 1s);
  propdesk::NewTicket model;
  std::shared_ptr<const propdesk::Workflow> workflow;
  {
    auto shared = std::shared_ptr<RecordingStore>(&recorder, [](RecordingStore*) {});
    propdesk::Engine engine = make_engine(shared, std::make_shared<propdesk::ManualClock>(first));
    (void)engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    workflow = engine.workflow("repair");
    if (!workflow) throw std::runtime_error("repair.yaml does not load");
    auto created = engine.create("repair",
                                 {{"location", "3-2-1201"}, {"description", "kitchen tap leaking"},
                                  {"category", "plumbing"}, {"reporter", "Wang"},
                                  {"phone", "13800000000"}, {"channel", "phone"}},
                                 {"desk-1", "front_desk"});
    if (!created.ok() || recorder.changes.empty() || recorder.changes.back().creates.empty())
      throw std::runtime_error("cannot create the model ticket");
    model = recorder.changes.back().creates.front();
  }
  const propdesk::SlaTracker sla(workflow, propdesk_bench::shipped_config().calendars);

  p.store = open_store(kind, p.dir);
  save_workflows(recorder, *p.store);
  std::vector<propdesk::NewTicket> batch;
  batch.reserve(kCommitBatch);
  propdesk::TimePoint at = kDayStart;
  for (std::size_t i = 0; i < n; ++i) {
    // Ticket i is created at the (i+1)-th second of office time from the start of the day.
    at = *office->add_working_time(at, 1s);
    propdesk::NewTicket item = model;
    item.ticket.id = 0;
    item.ticket.code.clear();
    item.ticket.version = 0;
    item.ticket.created_at = at;
    item.ticket.updated_at = at;
    item.ticket.clocks.clear();
    item.entry.at = at;
    item.timers = sla.update(nullptr, item.ticket, at).timers;
    propdesk::TimerChanges timed;
    propdesk::schedule_timed_transitions(*workflow, std::nullopt, workflow->initial_state(), at, timed);
    propdesk::merge_timer_changes(item.timers, timed);
    batch.push_back(std::move(item));
    if (batch.size() == kCommitBatch || i + 1 == n) {
      for (const propdesk::CommitOutcome& o : p.store->commit(batch, {}))
        if (!o.ok()) throw std::runtime_error("populating: " + o.message);
      batch.clear();
    }
  }
  p.clock = std::make_shared<propdesk::ManualClock>(first);
  p.engine = std::make_unique<propdesk::Engine>(p.store, propdesk_bench::shipped_engine_options(p.clock));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "(populated %s with %zu repair tickets and their timers in %.1f s)\n",
               kind.c_str(), n, seconds);
  return p;
}

template <class Op>
void measure(benchmark::State& state, Op&& op) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  std::int64_t items = 0;
  for (auto _ : state) {
    const std::size_t done = op();
    if (done == 0) {
      state.SkipWithError("nothing was due or acted on");
      return;
    }
    items += static_cast<std::int64_t>(done);
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double cpu = thread_cpu_seconds() - cpu_start;
  if (items > 0) {
    state.counters["wall_ns"] = wall * 1e9 / static_cast<double>(items);
    state.counters["cpu_ns"] = cpu * 1e9 / static_cast<double>(items);
  }
}

void BM_NextDeadline(benchmark::State& state, const std::string& kind, std::size_t n) {
  Population& p = population(kind, n);
  measure(state, [&]() -> std::size_t {
    const auto next = p.engine->next_deadline();
    benchmark::DoNotOptimize(next);
    return next ? 1 : 0;
  });
}

void BM_FireNextTimer(benchmark::State& state, const std::string& kind, std::size_t n) {
  Population& p = population(kind, n);
  measure(state, [&]() -> std::size_t {
    const auto next = p.engine->next_deadline();
    if (!next) return 0;
    p.clock->set(*next);
    const propdesk::AdvanceReport r = p.engine->advance(*next);
    return r.problems.empty() ? r.timers : 0;
  });
}

std::string name(const char* bench, const std::string& kind, std::size_t n) {
  return std::string(bench) + "/" + kind + "/" + std::to_string(n);
}

void register_benchmarks() {
  for (const char* kind : {"Memory", "Sqlite"}) {
    benchmark::RegisterBenchmark((std::string("BM_AdvanceDay/") + kind).c_str(), BM_AdvanceDay,
                                 std::string(kind))
        ->Iterations(1)
        ->Repetitions(1)  // a day is long; run the program again for more samples
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  for (const char* kind : {"Memory", "Sqlite"}) {
    const bool sqlite = std::string(kind) == "Sqlite";
    const std::vector<std::size_t> sizes = sqlite ? std::vector<std::size_t>(std::begin(kSqliteSizes), std::end(kSqliteSizes))
                                                  : std::vector<std::size_t>(std::begin(kMemorySizes), std::end(kMemorySizes));
    for (std::size_t n : sizes) {
      benchmark::RegisterBenchmark(name("BM_NextDeadline", kind, n).c_str(), BM_NextDeadline,
                                   std::string(kind), n)
          ->Unit(benchmark::kMicrosecond)
          ->MinTime(0.1);
      // A fixed number of timers per run, so that every N acts on the same kind of timers
      // (warnings, breaches, ladder steps of the earliest tickets).
      benchmark::RegisterBenchmark(name("BM_FireNextTimer", kind, n).c_str(), BM_FireNextTimer,
                                   std::string(kind), n)
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime()
          ->Iterations(sqlite ? 150 : 2000);
    }
  }
}

void print_row(const RatioReporter& r, const char* bench, const std::string& kind,
               const std::vector<std::size_t>& sizes, const char* counter) {
  std::printf("  %-15s %-6s %-4s", bench + 3, kind.c_str(), counter[0] == 'w' ? "wall" : "cpu");
  std::optional<double> first;
  std::optional<double> last;
  for (std::size_t n : sizes) {
    const auto v = r.counter(name(bench, kind, n), counter);
    if (v)
      std::printf(" %12.0f", *v);
    else
      std::printf(" %12s", "-");
    if (n == sizes.front()) first = v;
    last = v;
  }
  for (std::size_t k = sizes.size(); k < 3; ++k) std::printf(" %12s", "");
  if (first && last && *first > 0) {
    std::printf("  %6.2fx (%s/10k)\n", *last / *first, sizes.back() == 1'000'000 ? "1M" : "100k");
  } else {
    std::printf("\n");
  }
}

void print_summary(const RatioReporter& r) {
  std::printf("\nA day at the desk (medians of the repetitions when aggregated):\n");
  for (const char* kind : {"Memory", "Sqlite"}) {
    const std::string bench = std::string("BM_AdvanceDay/") + kind;
    const auto tickets = r.counter(bench, "tickets");
    const auto timers = r.counter(bench, "timers");
    const auto items = r.counter(bench, "items_per_second");
    const auto cpu = r.counter(bench, "cpu_us_per_timer");
    const auto fire_wall = r.counter(bench, "wall_us_per_fire");
    const auto fire_cpu = r.counter(bench, "cpu_us_per_fire");
    if (!tickets || !timers || !items || *items <= 0) continue;
    const double wall_per_timer = 1e6 / *items;
    std::printf(
        "  %-6s %7.0f tickets: %7.0f timers acted on (warnings %.0f, breaches %.0f, escalation "
        "steps %.0f, transitions %.0f) in %.2f s: %.1f us per timer (cpu %.1f)\n",
        kind, *tickets, *timers, r.counter(bench, "warnings").value_or(0),
        r.counter(bench, "breaches").value_or(0), r.counter(bench, "escalations").value_or(0),
        r.counter(bench, "transitions").value_or(0), *timers / *items, wall_per_timer,
        cpu.value_or(0));
    if (fire_wall && fire_cpu) {
      std::printf(
          "         baseline, plain fire() of add_note on the same store: %.1f us per fire (cpu "
          "%.1f): per timer / per fire = %.2fx wall, %.2fx cpu\n",
          *fire_wall, *fire_cpu, wall_per_timer / *fire_wall, cpu.value_or(0) / *fire_cpu);
    }
  }
  std::printf(
      "\nTimers through the engine, ns per timer (medians); log2 would give 1.5x for 1M/10k and "
      "1.33x for 100k/10k, linear 100x and 10x\n");
  std::printf("  %-15s %-6s %-4s %12s %12s %12s  %s\n", "operation", "store", "time", "10,000",
              "100,000", "1,000,000", "ratio");
  const std::vector<std::size_t> memory(std::begin(kMemorySizes), std::end(kMemorySizes));
  const std::vector<std::size_t> sqlite(std::begin(kSqliteSizes), std::end(kSqliteSizes));
  for (const char* bench : {"BM_NextDeadline", "BM_FireNextTimer"}) {
    print_row(r, bench, "Memory", memory, "wall_ns");
    print_row(r, bench, "Memory", memory, "cpu_ns");
    print_row(r, bench, "Sqlite", sqlite, "wall_ns");
    print_row(r, bench, "Sqlite", sqlite, "cpu_ns");
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
  close_sqlite_populations();
  print_summary(reporter);
  return 0;
}
