// propdesk/clock.hpp: where the engine gets "now" from.
//
// Time is injected: production code uses SystemClock, tests, demos and simulations a ManualClock
// that moves only when told to. Nothing in propdesk calls the system clock directly or sleeps.
#pragma once

#include <atomic>
#include <chrono>

#include "propdesk/export.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// A source of the current time. Implementations must be thread-safe.
class PROPDESK_API Clock {
 public:
  virtual ~Clock() = default;
  /// The current instant, UTC, second precision.
  [[nodiscard]] virtual TimePoint now() const = 0;
};

/// The system's wall clock.
class PROPDESK_API SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

/// A clock that stands still until set or advanced. Thread-safe.
class PROPDESK_API ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  [[nodiscard]] TimePoint now() const override { return TimePoint(std::chrono::seconds(now_.load())); }
  /// Moves to `t` (backwards too: tests may need it; the engine does not assume monotony).
  void set(TimePoint t) { now_.store(t.time_since_epoch().count()); }
  void advance(Duration d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace propdesk
