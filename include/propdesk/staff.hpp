// propdesk/staff.hpp: the people dispatch strategies choose from (`staff:` in propdesk.yaml).
//
// A workflow's `{assign: {strategy: least_loaded, role: repairer, skill_field: category}}` asks the
// engine to choose an assignee among its staff: the people with that role who handle the ticket's
// category, are below their cap of open orders and (for the strategies that care) on duty. This
// header is the staff as configured, plain data; docs/configuration.md describes the section:
//
//   staff:
//     max_open: 5                          # everyone's cap on open orders, unless their own says
//     people:
//       wangshifu: {name: 王师傅, roles: [repairer], skills: [plumbing, gas], shift: office}
//       lishifu:   {roles: [repairer], skills: [electrical], max_open: 3, on_duty: true}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"

namespace propdesk {

/// The largest cap on open orders a configuration may give: 10,000.
inline constexpr std::uint32_t kMaxOpenOrdersCap = 10000;

/// One person on the staff.
struct PROPDESK_API StaffMember {
  /// The actor id they act under (Actor::id): 1 to 128 bytes of A-Z a-z 0-9 _ . @ -, starting
  /// with a letter or digit. Unique within the staff.
  std::string id;
  std::string name;                ///< display name (王师傅); may be empty
  std::vector<std::string> roles;  ///< the workflow roles they can be chosen for; at least one
  /// The skills (categories) they handle, e.g. plumbing; empty: every category.
  std::vector<std::string> skills;
  /// Their cap on open orders (tickets assigned to them in a non-final state), 1 to
  /// kMaxOpenOrdersCap; nullopt: the staff's max_open.
  std::optional<std::uint32_t> max_open;
  /// A calendar of the engine's (calendars: in propdesk.yaml): on duty while it is working time.
  /// Empty: `on_duty` says.
  std::string shift;
  bool on_duty = true;  ///< on duty now, when there is no shift (false: on leave)
  SourceLocation where;  ///< where the configuration names them (empty for staff built in code)
};

/// The staff as a whole.
struct PROPDESK_API StaffConfig {
  /// Everyone's cap on open orders unless their own max_open says otherwise; nullopt: no cap.
  std::optional<std::uint32_t> max_open;
  /// In the configuration's order, which is the order round robin goes round.
  std::vector<StaffMember> people;

  [[nodiscard]] bool empty() const { return people.empty(); }
};

/// Whether `id` is acceptable as a staff member's id (see StaffMember::id).
[[nodiscard]] PROPDESK_API bool is_valid_staff_id(std::string_view id);

}  // namespace propdesk
