// The engine's staff (EngineOptions::staff) made ready to dispatch from: people by id and by
// role in the configuration's order, their caps, their skills, and whether they are on duty at an
// instant (their shift calendar, or their on_duty flag). Immutable once built: safe to share
// between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/calendar.hpp"
#include "propdesk/calendar_set.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/staff.hpp"

namespace propdesk {

class StaffRoster {
 public:
  /// No staff.
  StaffRoster() = default;
  /// Throws std::invalid_argument for staff the configuration loader would refuse: an invalid or
  /// repeated id, someone without roles, a cap outside 1..kMaxOpenOrdersCap, a shift calendar not
  /// in `calendars`.
  StaffRoster(StaffConfig config, const CalendarSet& calendars);

  [[nodiscard]] bool empty() const { return config_.people.empty(); }
  /// The person with that id, or null.
  [[nodiscard]] const StaffMember* find(std::string_view id) const;
  /// Everyone with `role` (everyone when it is empty), in the configuration's order.
  [[nodiscard]] std::vector<const StaffMember*> with_role(std::string_view role) const;
  /// Whether `person` is on duty at `at`: inside their shift's working time, or their on_duty flag.
  [[nodiscard]] bool on_duty(const StaffMember& person, TimePoint at) const;
  /// Their cap on open orders; nullopt: none.
  [[nodiscard]] std::optional<std::uint32_t> cap(const StaffMember& person) const;
  /// Whether they handle `skill` (everyone handles every skill when they list none).
  [[nodiscard]] static bool handles(const StaffMember& person, std::string_view skill);
  /// Whether they have `role`.
  [[nodiscard]] static bool has_role(const StaffMember& person, std::string_view role);

 private:
  StaffConfig config_;
  std::map<std::string, std::size_t, std::less<>> by_id_;  // index into config_.people
  std::map<std::string, Calendar, std::less<>> shifts_;    // the calendars shifts name
};

}  // namespace propdesk
