// propdesk/calendar_set.hpp: the business calendars an engine knows, by name.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/calendar.hpp"

namespace propdesk {

/// Calendars by name, as the engine configuration defines them (`calendars:` in propdesk.yaml).
/// A clock's `calendar: office` is looked up here; a clock without a calendar runs 24x7.
class CalendarSet {
 public:
  /// Adds or replaces the calendar with calendar.name().
  void add(Calendar calendar) {
    std::string name = calendar.name();
    by_name_.insert_or_assign(std::move(name), std::move(calendar));
  }
  /// The calendar of that name, or null.
  [[nodiscard]] const Calendar* find(std::string_view name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &it->second;
  }
  /// The names, sorted.
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> names;
    for (const auto& [name, calendar] : by_name_) names.push_back(name);
    return names;
  }
  [[nodiscard]] bool empty() const { return by_name_.empty(); }

 private:
  std::map<std::string, Calendar, std::less<>> by_name_;
};

}  // namespace propdesk
