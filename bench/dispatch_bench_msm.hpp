// The hand-written Boost.MSM machine of the repair workflow that dispatch_bench compares with.
//
// It lives in a translation unit of its own, compiled as C++17 (dispatch_bench_msm.cpp): Boost
// 1.74's MSM back end names its constructors with a template-id (state_machine<A0, ...>()),
// which C++20 forbids (CWG 2237) and GCC 12 rejects. This header is plain C++17 so that both sides
// can include it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace propdesk_bench {

/// The ratings the cycle carries as event payloads; kept in memory so that the compiler cannot
/// fold the guards.
struct MsmCycleInput {
  int unsatisfied_rating = 2;  ///< rate: < 3 reopens
  int fair_rating = 4;         ///< rate: >= 3 goes to the callback
  int unsatisfied_call = 1;    ///< call_back: < 3 reopens
};

/// A Boost.MSM back::state_machine of the repair workflow (every state, every state-changing
/// transition and the internal ones, guards on a small struct of fields and on the events'
/// payload), started in `reported`.
class MsmRepair {
 public:
  /// Events of the cycle (see dispatch_bench.cpp): it returns to `reported`.
  static constexpr int kCycleLength = 11;

  MsmRepair();
  ~MsmRepair();
  MsmRepair(const MsmRepair&) = delete;
  MsmRepair& operator=(const MsmRepair&) = delete;

  /// Processes the 11 events of the cycle once.
  void run_cycle(const MsmCycleInput& input);
  /// Events that found no transition so far (0 when the machine follows the workflow).
  [[nodiscard]] std::int64_t rejected() const;

  /// Plays the cycle on a fresh machine, checking the state after every event, and checks that
  /// the guarded paid branch of `complete` wins when it holds. Empty when all is right, else what
  /// is wrong.
  static std::string check();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace propdesk_bench
