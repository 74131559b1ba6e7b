#!/usr/bin/env bash
# Builds the benchmarks (Release, in build-bench) and runs them: workflow loading, dispatch in
# memory (against Boost.MSM), durable lifecycles on SQLite (against plain SQLiteCpp), timers at
# 10k/100k/1M tickets in the store, and the engine acting on time (a day of 100,000 tickets
# advanced hour by hour; the next due timer at 10k/100k/1M tickets). Each benchmark runs 3 times,
# in random order (a simulated day once), and the medians give the ratios printed at the end of
# each binary's output. About 8 minutes on 2 cores. See docs/benchmarks.md.
#
# Environment: PROPDESK_BENCH_DIR (build directory, default build-bench), PROPDESK_JOBS (parallel
# compile jobs, default 2), PROPDESK_CMAKE_ARGS (more cmake arguments), TMPDIR (where the SQLite
# files go: it must be on the disk you want to measure, not a tmpfs). Extra arguments are passed
# to every benchmark binary (e.g. --benchmark_filter=Select). PROPDESK_BENCH_DAY_TICKETS and
# PROPDESK_BENCH_SQLITE_DAY_TICKETS size advance_bench's simulated days (100,000 and 1,000).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PROPDESK_BENCH_DIR:-build-bench}
jobs=${PROPDESK_JOBS:-2}

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPROPDESK_BUILD_TESTS=OFF \
  ${PROPDESK_CMAKE_ARGS:-} >/dev/null
echo "== building (log: $build/bench-build.log)"
if ! cmake --build "$build" --target workflow_load_bench dispatch_bench lifecycle_bench timer_bench \
  advance_bench fsync_delay -j"$jobs" >"$build/bench-build.log" 2>&1; then
  tail -n 40 "$build/bench-build.log"
  exit 1
fi

args=(--benchmark_repetitions=3 --benchmark_report_aggregates_only=true
      --benchmark_enable_random_interleaving=true "$@")

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes the figures noisy)"
echo "== temporary files: ${TMPDIR:-/tmp} ($(df -PT "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $2 }'))"

echo
echo "== workflow_load_bench (goal: load + validate 1,000 states / 5,000 transitions under 50 ms)"
"$build/bench/workflow_load_bench" "${args[@]}" | tee "$build/workflow_load_bench.txt"
# Judged on CPU time: on a shared machine the wall time also counts the time others hold the CPU.
awk '/^BM_LoadAndValidate_median/ {
       wall = $2; if ($3 == "us") wall /= 1000; else if ($3 == "s") wall *= 1000;
       cpu = $4; if ($5 == "us") cpu /= 1000; else if ($5 == "s") cpu *= 1000;
       printf "  load + validate: %.1f ms CPU, %.1f ms wall (goal < 50 ms: %s)\n", cpu, wall,
              cpu < 50 ? "met" : "NOT met" }' "$build/workflow_load_bench.txt"

echo
echo "== dispatch_bench (goal: select_transition within 3x of Boost.MSM)"
"$build/bench/dispatch_bench" "${args[@]}"

echo
echo "== lifecycle_bench (goal: SqliteStore at least 0.8x of plain SQLiteCpp)"
"$build/bench/lifecycle_bench" "${args[@]}"

echo
echo "== timer_bench (goal: next_timer and firing a timer cost O(log n): 1M/10k a small factor)"
"$build/bench/timer_bench" "${args[@]}"

echo
echo "== advance_bench (a simulated day of 100,000 tickets; next deadline and next timer through the"
echo "   engine at 10k/100k/1M tickets: 1M/10k a small factor)"
"$build/bench/advance_bench" "${args[@]}"
