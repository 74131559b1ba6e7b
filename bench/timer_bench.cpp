// Timers at scale: what it costs to find the next timer and to fire it, with 10,000, 100,000 and
// 1,000,000 tickets holding one timer each, in a SqliteStore (a real file) and a MemoryStore. The
// Store contract promises O(log n) in the number of timers; this program checks that the cost at
// 1M is a small factor of the cost at 10k (log2 1M / log2 10k = 1.5), not 100x (linear).
//
// BM_NextTimer/<store>/<N>   Store::next_timer(): the earliest timer.
// BM_FireNextTimer/<store>/<N>   "fire the next due timer": next_timer(), then reschedule() that
//     ticket's timer to after every other one (the number of timers stays N). For SqliteStore
//     each reschedule is a durable transaction of its own (one fsync); the CPU time is the cost of
//     the work itself, the wall time adds the wait for the disk.
//
// Setup, not measured: each (store, N) population is built once, on first use, with batched
// commits (kBatch creations per commit() call: one transaction each for SqliteStore), and kept
// for the rest of the run. A ticket is a minimal repair ticket; its timer "clock:response" is due
// at a distinct second (see new_ticket()).
//
// Counters: wall_ns and cpu_ns, per operation. main() prints them per N and the ratio 1M/10k
// after the table (medians of the repetitions when aggregated). log2 1M / log2 10k is 1.5x, a
// linear cost would give 100x; a ratio up to 10x is called "small": at 1M the data no longer
// fits in the CPU caches, so each level of a tree costs a cache miss that it did not at 10k.
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
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "ratio_reporter.hpp"
#include "temp_dir.hpp"

namespace {

using propdesk_bench::RatioReporter;
namespace fs = std::filesystem;

constexpr std::int64_t kSizes[] = {10'000, 100'000, 1'000'000};
constexpr std::int64_t kBatch = 10'000;  // creations per commit() while populating
constexpr const char* kStores[] = {"Sqlite", "Memory"};
const propdesk::TimePoint kBase{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};

using propdesk_bench::TempDir;

// Ticket `i` (0-based) of `n` with its timer. Tickets are created 5,000 a day, so that their codes
// keep four digits and ascend with the ids (the code index then grows at its end). Timers are due
// in an order unrelated to the ids: ticket i falls in bucket i % kBuckets, and the buckets follow
// one another in due order, so firing visits the tickets with a stride of kBuckets ids - a new
// page of the tickets table at every fire, over the whole table - while populating appends to
// only kBuckets places of the due index (random positions would make populating a 1M file take
// minutes with SQLite's default 2 MB page cache).
propdesk::NewTicket new_ticket(std::int64_t i, std::int64_t n) {
  const propdesk::TimePoint created = kBase + std::chrono::days{i / 5000};
  propdesk::NewTicket item;
  item.ticket.workflow = "repair";
  item.ticket.state = "reported";
  item.ticket.created_at = created;
  item.ticket.updated_at = created;
  item.code_prefix = "BX";
  item.entry.at = created;
  item.entry.actor = {"desk-1", "front_desk"};
  item.entry.event = "create";
  item.entry.to_state = "reported";
  constexpr std::int64_t kBuckets = 100;  // divides every N
  const std::int64_t due = 1 + (i % kBuckets) * (n / kBuckets) + i / kBuckets;
  item.timers.schedule = {{0, "clock:response", kBase + std::chrono::seconds{due}}};
  return item;
}

// One store holding N tickets with a timer each.
struct Population {
  std::unique_ptr<TempDir> dir;  // SqliteStore only
  std::unique_ptr<propdesk::Store> store;
  std::int64_t next_due = 0;  // seconds after kBase: later than every timer
};

std::unique_ptr<propdesk::Store> open_store(const std::string& kind, std::unique_ptr<TempDir>& dir) {
  if (kind == "Memory") return std::make_unique<propdesk::MemoryStore>();
  dir = std::make_unique<TempDir>("propdesk-timer-bench");
  return std::make_unique<propdesk::SqliteStore>(dir->path() / "timers.db");
}

Population& population(const std::string& kind, std::int64_t n) {
  static std::map<std::pair<std::string, std::int64_t>, Population> cache;
  Population& p = cache[{kind, n}];
  if (p.store) return p;
  const auto start = std::chrono::steady_clock::now();
  p.store = open_store(kind, p.dir);
  std::vector<propdesk::NewTicket> batch;
  for (std::int64_t first = 0; first < n; first += kBatch) {
    batch.clear();
    for (std::int64_t i = first; i < std::min(n, first + kBatch); ++i)
      batch.push_back(new_ticket(i, n));
    for (const propdesk::CommitOutcome& o : p.store->commit(batch, {}))
      if (!o.ok()) throw std::runtime_error("populating: " + o.message);
  }
  p.next_due = n + 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "(populated %s with %lld tickets and timers in %.1f s)\n", kind.c_str(),
               static_cast<long long>(n), seconds);
  return p;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Runs the benchmark loop with `op`, and sets wall_ns and cpu_ns per iteration.
template <class Op>
void measure(benchmark::State& state, Op&& op) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  for (auto _ : state) {
    if (!op()) {
      state.SkipWithError("an operation failed");
      break;
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double cpu = thread_cpu_seconds() - cpu_start;
  const auto n = static_cast<double>(state.iterations());
  if (n > 0) {
    state.counters["wall_ns"] = wall * 1e9 / n;
    state.counters["cpu_ns"] = cpu * 1e9 / n;
  }
}

void BM_NextTimer(benchmark::State& state, const std::string& kind, std::int64_t n) {
  Population& p = population(kind, n);
  measure(state, [&] {
    std::optional<propdesk::Timer> next = p.store->next_timer();
    benchmark::DoNotOptimize(next);
    return next.has_value();
  });
}

void BM_FireNextTimer(benchmark::State& state, const std::string& kind, std::int64_t n) {
  Population& p = population(kind, n);
  measure(state, [&] {
    const std::optional<propdesk::Timer> next = p.store->next_timer();
    if (!next) return false;
    propdesk::TimerChanges later;
    later.schedule = {{0, next->key, kBase + std::chrono::seconds{p.next_due++}}};
    return p.store->reschedule(next->ticket, 1, later).ok();
  });
}

std::string name(const char* bench, const std::string& kind, std::int64_t n) {
  return std::string(bench) + "/" + kind + "/" + std::to_string(n);
}

void register_benchmarks() {
  for (const char* kind : kStores) {
    for (std::int64_t n : kSizes) {
      benchmark::RegisterBenchmark(name("BM_NextTimer", kind, n).c_str(), BM_NextTimer,
                                   std::string(kind), n)
          ->Unit(benchmark::kMicrosecond)
          ->MinTime(0.1);
      const bool durable = std::string(kind) == "Sqlite";
      benchmark::RegisterBenchmark(name("BM_FireNextTimer", kind, n).c_str(), BM_FireNextTimer,
                                   std::string(kind), n)
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime()
          ->MinTime(durable ? 0.3 : 0.1);
    }
  }
}

void print_row(const RatioReporter& r, const std::string& bench, const char* kind,
               const char* counter) {
  std::printf("  %-17s %-6s %-4s", bench.c_str() + 3, kind, counter[0] == 'w' ? "wall" : "cpu");
  std::optional<double> first;
  std::optional<double> last;
  for (std::int64_t n : kSizes) {
    const auto v = r.counter(name(bench.c_str(), kind, n), counter);
    if (v)
      std::printf(" %12.0f", *v);
    else
      std::printf(" %12s", "-");
    if (n == kSizes[0]) first = v;
    last = v;
  }
  if (first && last && *first > 0) {
    const double ratio = *last / *first;
    // log2 gives 1.5x; misses in the CPU caches add to it at 1M (a tree walk that stayed in the
    // caches at 10k misses at every level), linear would be 100x.
    std::printf("  %6.2fx  %s\n", ratio,
                ratio <= 10.0 ? "small: far from linear" : "NOT logarithmic");
  } else {
    std::printf("\n");
  }
}

void print_summary(const RatioReporter& r) {
  std::printf(
      "\nns per operation (medians of the repetitions when aggregated); 1M/10k: log2 would give "
      "1.5x, linear 100x\n");
  std::printf("  %-17s %-6s %-4s %12s %12s %12s  %7s\n", "operation", "store", "time", "10,000",
              "100,000", "1,000,000", "1M/10k");
  for (const char* bench : {"BM_NextTimer", "BM_FireNextTimer"}) {
    for (const char* kind : kStores) {
      print_row(r, bench, kind, "wall_ns");
      print_row(r, bench, kind, "cpu_ns");
    }
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
