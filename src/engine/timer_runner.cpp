#include "propdesk/timer_runner.hpp"

#include <algorithm>

#include "propdesk/store_error.hpp"

namespace propdesk {

TimerRunner::TimerRunner(Engine& engine, std::chrono::milliseconds max_sleep, ProblemHandler on_problem)
    : engine_(engine),
      max_sleep_(std::max(max_sleep, std::chrono::milliseconds(1))),
      on_problem_(std::move(on_problem)),
      changes_(engine.events().subscribe_all([this](const TicketEvent&) { poke(); })),
      thread_([this] { run(); }) {}

TimerRunner::~TimerRunner() { stop(); }

void TimerRunner::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void TimerRunner::stop() {
  changes_.disconnect();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t TimerRunner::rounds() const {
  std::lock_guard lock(mutex_);
  return rounds_;
}

AdvanceReport TimerRunner::totals() const {
  std::lock_guard lock(mutex_);
  return totals_;
}

void TimerRunner::run() {
  for (;;) {
    std::chrono::milliseconds wait = max_sleep_;
    try {
      const AdvanceReport report = engine_.advance();
      {
        std::lock_guard lock(mutex_);
        ++rounds_;
        totals_.timers += report.timers;
        totals_.transitions += report.transitions;
        totals_.warnings += report.warnings;
        totals_.breaches += report.breaches;
        totals_.escalations += report.escalations;
        totals_.problems.insert(totals_.problems.end(), report.problems.begin(), report.problems.end());
      }
      if (on_problem_)
        for (const std::string& problem : report.problems) on_problem_(problem);
      if (const auto next = engine_.next_deadline()) {
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*next - engine_.clock().now());
        // A timer still due after advance() could not be acted on yet (it was reported): do not
        // spin on it.
        if (until > std::chrono::milliseconds(0)) wait = std::min(until, max_sleep_);
      }
    } catch (const StoreError& e) {
      if (on_problem_) on_problem_(e.what());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return poked_ || stopping_; });
    if (stopping_) return;
    poked_ = false;
  }
}

}  // namespace propdesk
