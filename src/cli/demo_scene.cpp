#include "cli/demo_scene.hpp"

#include <chrono>
#include <cstdint>
#include <ratio>

namespace propdesk::cli::demo {

namespace {
using std::chrono::minutes;
using HalfHours = std::chrono::duration<std::int64_t, std::ratio<1800>>;
constexpr minutes kHalfHour{30};
// How far ahead a slot is looked for: two weeks of half hours.
constexpr int kMaxSlots = 14 * 48;
}  // namespace

Scene Scene::at(TimePoint t) const {
  return Scene{rng, staff, hours, office, hours.fit(t).value_or(t)};
}

TimePoint callback_slot(const Scene& s, TimePoint after) {
  const TimePoint earliest = after + std::chrono::hours(1) + kHalfHour * draw(s.rng, 0, 4);
  // The desk's offset is whole hours, so half hours of UTC are half hours at the desk.
  TimePoint t = std::chrono::ceil<HalfHours>(earliest);
  for (int i = 0; i < kMaxSlots; ++i, t += kHalfHour) {
    if (s.office.is_working(t - minutes(1)) && s.office.is_working(t - kHalfHour)) return t;
  }
  return t;
}

Callback draw_callback(Rng& rng, int missed_percent) {
  return chance(rng, missed_percent) ? Callback::kMissed : Callback::kOnTime;
}

TimePoint callback_time(const Scene& s, TimePoint slot, Callback how) {
  if (how == Callback::kOnTime) return slot - minutes(draw(s.rng, 1, 10));
  return slot + std::chrono::days(1) + minutes(draw(s.rng, 0, 60));
}

}  // namespace propdesk::cli::demo
