// `staff:` the people dispatch strategies choose from: a default cap on open orders, and each
// person by id with their roles, skills, cap and duty (a shift calendar, or an on_duty flag). A
// shift names a calendar of `calendars:` (read before this section, wherever it stands in the
// file); an id can be given only once (the YAML reader refuses a duplicate key).
#include <set>
#include <string>
#include <string_view>

#include "config/config_sections.hpp"
#include "workflow/suggestion.hpp"

namespace propdesk {

namespace {

constexpr std::string_view kPersonKeys = "name, roles, skills, max_open, shift, on_duty";

std::optional<std::uint32_t> read_cap(YamlReader& r, const YamlNode& node, const std::string& what) {
  const auto cap = r.integer(node, what);
  if (!cap) return std::nullopt;
  if (*cap < 1 || *cap > static_cast<std::int64_t>(kMaxOpenOrdersCap)) {
    r.error(node, "out-of-range",
            what + " must be from 1 to " + std::to_string(kMaxOpenOrdersCap) + ", not " + node.scalar +
                " (someone who takes no orders: on_duty: false)");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*cap);
}

// A non-empty list of distinct items, each read by `read_item` (which reports its own errors).
template <class ReadItem>
std::vector<std::string> read_list(YamlReader& r, const YamlNode& node, const std::string& what,
                                   ReadItem read_item) {
  std::vector<std::string> out;
  if (!node.is_sequence()) {
    r.error(node, "wrong-type", what + " must be a non-empty list, not " + node.describe());
    return out;
  }
  if (node.items.empty()) {
    r.error(node, "bad-value", what + " must list at least one");
    return out;
  }
  std::set<std::string, std::less<>> seen;
  for (const YamlNode* item : node.items) {
    auto value = read_item(*item);
    if (!value) continue;
    if (!seen.insert(*value).second) {
      r.error(*item, "duplicate-value", what + " lists '" + *value + "' twice");
      continue;
    }
    out.push_back(std::move(*value));
  }
  return out;
}

void read_duty(YamlReader& r, const YamlNode& entry, const CalendarSet& calendars, StaffMember& person) {
  const YamlNode* shift = entry.find("shift");
  const YamlNode* on_duty = entry.find("on_duty");
  if (shift != nullptr && on_duty != nullptr) {
    r.error(*on_duty, "conflicting-keys",
            "'" + person.id + "' has both a shift and on_duty; give one (a shift says when they are on duty)");
    return;
  }
  if (on_duty != nullptr) {
    person.on_duty = r.boolean(*on_duty, "on_duty").value_or(true);
    return;
  }
  if (shift == nullptr) return;
  auto name = r.name(*shift, "the shift calendar");
  if (!name) return;
  if (calendars.find(*name) == nullptr) {
    const std::vector<std::string> known = calendars.names();
    const std::string hint = did_you_mean(*name, known);
    r.error(*shift, "unknown-calendar",
            "shift '" + *name + "' of '" + person.id + "' is not a calendar of this configuration" +
                (hint.empty() ? " (define it under 'calendars')" : hint));
    return;
  }
  person.shift = std::move(*name);
}

std::optional<StaffMember> read_person(YamlReader& r, const YamlNode& key, const YamlNode& entry,
                                       const CalendarSet& calendars) {
  if (!key.is_scalar() || !is_valid_staff_id(key.scalar)) {
    r.error(key, "bad-name",
            "staff id '" + key.scalar +
                "' is not valid (the actor id they act under: 1 to 128 of A-Z a-z 0-9 _ . @ -, starting with a "
                "letter or digit; a display name goes in 'name')");
    return std::nullopt;
  }
  StaffMember person;
  person.id = key.scalar;
  person.where = r.where(key);
  const std::string what = "staff member '" + person.id + "'";
  if (!entry.is_map()) {
    r.error(entry, "wrong-type", what + " must be a mapping of " + std::string(kPersonKeys) + ", not " + entry.describe());
    return std::nullopt;
  }
  const std::size_t errors_before = r.error_count();
  r.check_keys(entry, {"name", "roles", "skills", "max_open", "shift", "on_duty"}, what);
  if (const YamlNode* n = entry.find("name")) person.name = r.text(*n, "the name").value_or("");
  if (const YamlNode* n = r.require(entry, "roles", what)) {
    person.roles = read_list(r, *n, "the roles of '" + person.id + "'",
                             [&](const YamlNode& item) { return r.name(item, "a role"); });
  }
  if (const YamlNode* n = entry.find("skills")) {
    person.skills = read_list(r, *n, "the skills of '" + person.id + "'", [&](const YamlNode& item) {
      auto skill = r.text(item, "a skill");
      if (skill && skill->empty()) {
        r.error(item, "bad-value", "a skill must not be empty");
        return std::optional<std::string>();
      }
      return skill;
    });
  }
  if (const YamlNode* n = entry.find("max_open")) person.max_open = read_cap(r, *n, "the max_open of '" + person.id + "'");
  read_duty(r, entry, calendars, person);
  if (r.error_count() != errors_before) return std::nullopt;
  return person;
}

}  // namespace

void read_staff_section(ConfigContext& ctx, const YamlNode& node, const CalendarSet& calendars,
                        StaffConfig& out) {
  YamlReader& r = ctx.reader;
  if (node.is_null()) return;
  if (!r.expect_map(node, "staff ({max_open: N, people: {id: {roles: [...], ...}}})")) return;
  r.check_keys(node, {"max_open", "people"}, "staff");
  if (const YamlNode* n = node.find("max_open")) out.max_open = read_cap(r, *n, "the staff's max_open");
  const YamlNode* people = r.require(node, "people", "staff");
  if (people == nullptr || people->is_null()) return;
  if (!r.expect_map(*people, "people (id: {roles: [...], skills: [...], ...})")) return;
  for (const auto& [key, entry] : people->entries) {
    if (auto person = read_person(r, *key, *entry, calendars)) out.people.push_back(std::move(*person));
  }
}

}  // namespace propdesk
