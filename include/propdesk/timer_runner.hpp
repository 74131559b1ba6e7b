// propdesk/timer_runner.hpp: a thread that acts on an engine's timers as they fall due.
//
// Event-driven, not polling: the runner sleeps until the engine's next deadline and wakes early
// when a change in this process may have set an earlier one (it listens on the engine's event
// bus). Timers set by other processes sharing the store are seen at the latest after
// `max_sleep` (default one minute), or at once after poke().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "propdesk/engine.hpp"
#include "propdesk/event_bus.hpp"
#include "propdesk/export.hpp"

namespace propdesk {

class PROPDESK_API TimerRunner {
 public:
  /// Called with each problem advance() reports (see AdvanceReport::problems), and with the
  /// message of a StoreError (the runner then waits `max_sleep` and tries again).
  using ProblemHandler = std::function<void(const std::string&)>;

  /// Starts the thread. The engine must outlive the runner.
  explicit TimerRunner(Engine& engine, std::chrono::milliseconds max_sleep = std::chrono::minutes(1),
                       ProblemHandler on_problem = nullptr);
  /// Stops and joins the thread.
  ~TimerRunner();
  TimerRunner(const TimerRunner&) = delete;
  TimerRunner& operator=(const TimerRunner&) = delete;

  /// Wakes the thread to look at the timers now (e.g. after a ManualClock moved, or when another
  /// process is known to have set a timer).
  void poke();
  /// Stops the thread (idempotent).
  void stop();
  /// How many advance() rounds ran, and the totals they reported.
  [[nodiscard]] std::uint64_t rounds() const;
  [[nodiscard]] AdvanceReport totals() const;

 private:
  void run();

  Engine& engine_;
  const std::chrono::milliseconds max_sleep_;
  ProblemHandler on_problem_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stopping_ = false;
  std::uint64_t rounds_ = 0;
  AdvanceReport totals_;
  Subscription changes_;
  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace propdesk
