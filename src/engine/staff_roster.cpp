#include "engine/staff_roster.hpp"

#include <algorithm>
#include <stdexcept>

namespace propdesk {

namespace {
void check_cap(const std::optional<std::uint32_t>& cap, const std::string& whose) {
  if (cap && (*cap < 1 || *cap > kMaxOpenOrdersCap))
    throw std::invalid_argument(whose + " max_open must be from 1 to " + std::to_string(kMaxOpenOrdersCap));
}
}  // namespace

StaffRoster::StaffRoster(StaffConfig config, const CalendarSet& calendars) : config_(std::move(config)) {
  check_cap(config_.max_open, "the staff's");
  for (std::size_t i = 0; i < config_.people.size(); ++i) {
    const StaffMember& p = config_.people[i];
    if (!is_valid_staff_id(p.id)) throw std::invalid_argument("staff id '" + p.id + "' is not valid");
    if (!by_id_.emplace(p.id, i).second) throw std::invalid_argument("staff id '" + p.id + "' is given twice");
    if (p.roles.empty()) throw std::invalid_argument("staff member '" + p.id + "' has no roles");
    check_cap(p.max_open, "staff member '" + p.id + "':");
    if (p.shift.empty() || shifts_.count(p.shift) != 0) continue;
    const Calendar* calendar = calendars.find(p.shift);
    if (calendar == nullptr)
      throw std::invalid_argument("staff member '" + p.id + "' works shift '" + p.shift +
                                  "', which is not a calendar of this engine");
    shifts_.emplace(p.shift, *calendar);
  }
}

const StaffMember* StaffRoster::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &config_.people[it->second];
}

std::vector<const StaffMember*> StaffRoster::with_role(std::string_view role) const {
  std::vector<const StaffMember*> out;
  for (const StaffMember& p : config_.people)
    if (role.empty() || has_role(p, role)) out.push_back(&p);
  return out;
}

bool StaffRoster::on_duty(const StaffMember& person, TimePoint at) const {
  if (person.shift.empty()) return person.on_duty;
  const auto it = shifts_.find(person.shift);
  return it != shifts_.end() && it->second.is_working(at);
}

std::optional<std::uint32_t> StaffRoster::cap(const StaffMember& person) const {
  return person.max_open ? person.max_open : config_.max_open;
}

bool StaffRoster::handles(const StaffMember& person, std::string_view skill) {
  return person.skills.empty() || std::find(person.skills.begin(), person.skills.end(), skill) != person.skills.end();
}

bool StaffRoster::has_role(const StaffMember& person, std::string_view role) {
  return std::find(person.roles.begin(), person.roles.end(), role) != person.roles.end();
}

}  // namespace propdesk
