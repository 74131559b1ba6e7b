// Workflow::compile: name maps and the (state, event) -> transitions index.
#include "propdesk/workflow.hpp"

#include <algorithm>
#include <stdexcept>

#include "model/sha256.hpp"

namespace propdesk {

namespace {
template <typename Id, typename Range, typename NameOf>
void index_names(std::map<std::string, Id, std::less<>>& out, const Range& items, NameOf name_of,
                 const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!out.emplace(name_of(items[i]), static_cast<Id>(i)).second)
      throw std::invalid_argument(std::string("duplicate ") + what + " '" + name_of(items[i]) + "'");
}

template <typename Map>
auto lookup(const Map& map, std::string_view name) -> std::optional<typename Map::mapped_type> {
  auto it = map.find(name);
  if (it == map.end()) return std::nullopt;
  return it->second;
}
}  // namespace

std::shared_ptr<const Workflow> Workflow::compile(WorkflowParts parts) {
  std::shared_ptr<Workflow> w(new Workflow());
  w->p_ = std::move(parts);
  if (w->p_.source_hash.empty() && !w->p_.source_text.empty())
    w->p_.source_hash = sha256_hex(w->p_.source_text);
  const WorkflowParts& p = w->p_;
  if (p.states.size() > kMaxStates || p.events.size() > kMaxEvents || p.fields.size() > kMaxFields ||
      p.roles.size() > kMaxRoles)
    throw std::invalid_argument("workflow too large for its id types");

  index_names(w->field_ids_, p.fields, [](const FieldDef& f) { return f.name; }, "field");
  index_names(w->state_ids_, p.states, [](const StateDef& s) { return s.name; }, "state");
  index_names(w->event_ids_, p.events, [](const std::string& e) { return e; }, "event");
  index_names(w->role_ids_, p.roles, [](const RoleDef& r) { return r.name; }, "role");
  index_names(w->clock_ids_, p.clocks, [](const ClockDef& c) { return c.name; }, "clock");
  index_names(w->template_ids_, p.templates, [](const TemplateDef& t) { return t.name; }, "template");

  const auto initial_count = std::count_if(p.states.begin(), p.states.end(),
                                           [](const StateDef& s) { return s.initial; });
  if (initial_count != 1) throw std::invalid_argument("a workflow needs exactly one initial state");
  w->initial_ = static_cast<StateId>(std::find_if(p.states.begin(), p.states.end(),
                                                  [](const StateDef& s) { return s.initial; }) -
                                     p.states.begin());
  auto builtin = [&](std::string_view name) {
    auto id = lookup(w->field_ids_, name);
    if (!id) throw std::invalid_argument("missing built-in field '" + std::string(name) + "'");
    return *id;
  };
  w->severity_ = builtin("severity");
  w->assignee_ = builtin("assignee");
  auto system = lookup(w->role_ids_, "system");
  if (!system) throw std::invalid_argument("missing built-in role 'system'");
  w->system_ = *system;

  // Bucket transitions by (state, event), keeping file order inside each bucket.
  std::vector<std::vector<std::pair<EventId, std::uint32_t>>> per_state(p.states.size());
  for (std::uint32_t t = 0; t < p.transitions.size(); ++t) {
    const Transition& tr = p.transitions[t];
    if (tr.event >= p.events.size()) throw std::invalid_argument("transition event out of range");
    if (tr.to && *tr.to >= p.states.size()) throw std::invalid_argument("transition target out of range");
    for (StateId s : tr.from) {
      if (s >= p.states.size()) throw std::invalid_argument("transition source out of range");
      per_state[s].emplace_back(tr.event, t);
    }
  }
  w->state_begin_.reserve(p.states.size() + 1);
  for (std::size_t state = 0; state < per_state.size(); ++state) {
    auto& entries = per_state[state];
    w->state_begin_.push_back(static_cast<std::uint32_t>(w->slots_.size()));
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < entries.size();) {
      Slot slot{entries[i].first, static_cast<std::uint32_t>(w->order_.size()), 0};
      for (; i < entries.size() && entries[i].first == slot.event; ++i) {
        const Transition& t = p.transitions[entries[i].second];
        w->order_.push_back(entries[i].second);
        w->packed_.push_back({t.any_role ? ~RoleMask{0} : t.roles, t.when ? &*t.when : nullptr, entries[i].second,
                              t.to.value_or(static_cast<StateId>(state))});
        ++slot.count;
      }
      w->slots_.push_back(slot);
    }
  }
  w->state_begin_.push_back(static_cast<std::uint32_t>(w->slots_.size()));
  const std::size_t n_events = p.events.size();
  w->n_states_ = p.states.size();
  w->n_events_ = n_events;
  if (p.states.size() * n_events <= kDenseLimit) {
    w->dense_.assign(p.states.size() * n_events, {0, 0});
    for (std::size_t s = 0; s < p.states.size(); ++s)
      for (auto i = w->state_begin_[s]; i < w->state_begin_[s + 1]; ++i)
        w->dense_[s * n_events + w->slots_[i].event] = {w->slots_[i].begin, w->slots_[i].count};
  }
  return w;
}

std::optional<FieldId> Workflow::find_field(std::string_view name) const {
  return lookup(field_ids_, name);
}
std::optional<StateId> Workflow::find_state(std::string_view name) const {
  return lookup(state_ids_, name);
}
std::optional<EventId> Workflow::find_event(std::string_view name) const {
  return lookup(event_ids_, name);
}
std::optional<RoleId> Workflow::find_role(std::string_view name) const {
  return lookup(role_ids_, name);
}
std::optional<ClockId> Workflow::find_clock(std::string_view name) const {
  return lookup(clock_ids_, name);
}
const TemplateDef* Workflow::find_template(std::string_view name) const {
  auto id = lookup(template_ids_, name);
  return id ? &p_.templates[*id] : nullptr;
}

std::span<const std::uint32_t> Workflow::sparse_candidates(StateId state, EventId event) const {
  if (state + 1U >= state_begin_.size()) return {};
  const Slot* first = slots_.data() + state_begin_[state];
  const Slot* last = slots_.data() + state_begin_[state + 1U];
  const Slot* it = std::lower_bound(first, last, event,
                                    [](const Slot& s, EventId e) { return s.event < e; });
  if (it == last || it->event != event) return {};
  return {order_.data() + it->begin, it->count};
}

std::vector<EventId> Workflow::events_from(StateId state) const {
  std::vector<EventId> out;
  if (state + 1U >= state_begin_.size()) return out;
  for (auto i = state_begin_[state]; i < state_begin_[state + 1U]; ++i) out.push_back(slots_[i].event);
  return out;
}

}  // namespace propdesk
