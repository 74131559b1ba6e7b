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
// Which three-way outcomes (bit 0 less, 1 equal, 2 greater, 3 unordered) make a comparison hold.
std::uint8_t holds_for(Condition::Op op) {
  switch (op) {
    case Condition::Op::kEq: return 0b0010;
    case Condition::Op::kNe: return 0b1101;
    case Condition::Op::kLt: return 0b0001;
    case Condition::Op::kLe: return 0b0011;
    case Condition::Op::kGt: return 0b0100;
    case Condition::Op::kGe: return 0b0110;
    default: return 0;
  }
}

// Appends the leaves of `c` to `out` when `c` is a conjunction of leaves the hot path tests
// directly (see Workflow::Test); false when it is not (then `out` may hold some of them).
bool compile_tests(const Condition& c, std::vector<Workflow::Test>& out) {
  using Op = Condition::Op;
  if (c.op == Op::kAll) {
    for (const Condition& child : c.children)
      if (!compile_tests(child, out)) return false;
    return true;
  }
  Workflow::Test t;
  t.field = c.field;
  if (c.op == Op::kSet || c.op == Op::kUnset) {
    t.mode = c.op == Op::kSet ? Workflow::Test::kSet : Workflow::Test::kUnset;
    out.push_back(t);
    return true;
  }
  t.holds = holds_for(c.op);
  if (t.holds == 0 || c.operands.size() != 1) return false;
  const Value& v = c.operands.front();
  switch (v.kind()) {
    case Value::Kind::kBool: t.operand.i = v.as_bool() ? 1 : 0; break;
    case Value::Kind::kInt: t.operand.i = v.as_int(); break;
    case Value::Kind::kTime: t.operand.i = v.as_time().time_since_epoch().count(); break;
    case Value::Kind::kNumber: t.operand.d = v.as_number(); break;
    case Value::Kind::kString: t.operand.s = &v.as_string(); break;
    default: return false;
  }
  t.mode = Workflow::Test::kCompare;
  t.kind = static_cast<std::uint8_t>(v.kind());
  out.push_back(t);
  return true;
}
}  // namespace

Workflow::Candidate Workflow::pack(const Transition& t, std::uint32_t index, StateId state) {
  Candidate c{};
  c.roles = t.any_role ? ~RoleMask{0} : t.roles;
  c.transition = index;
  c.to = t.to.value_or(state);
  c.first_test = static_cast<std::uint32_t>(tests_.size());
  if (t.when) {
    std::vector<Test> leaves;
    if (compile_tests(*t.when, leaves) && leaves.size() < Candidate::kGeneralGuard) {
      c.n_tests = static_cast<std::uint8_t>(leaves.size());
      tests_.insert(tests_.end(), leaves.begin(), leaves.end());
    } else {
      c.n_tests = Candidate::kGeneralGuard;
    }
  }
  return c;
}

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
    w->state_begin_.push_back(static_cast<std::uint32_t>(w->runs_.size()));
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < entries.size();) {
      CandidateRun run{{}, static_cast<std::uint32_t>(w->order_.size()), 0};
      const EventId event = entries[i].first;
      for (; i < entries.size() && entries[i].first == event; ++i) {
        const Transition& t = p.transitions[entries[i].second];
        w->order_.push_back(entries[i].second);
        w->packed_.push_back(w->pack(t, entries[i].second, static_cast<StateId>(state)));
        ++run.count;
      }
      run.first = w->packed_[run.begin];
      w->runs_.push_back(run);
      w->run_events_.push_back(event);
    }
  }
  w->state_begin_.push_back(static_cast<std::uint32_t>(w->runs_.size()));
  const std::size_t n_events = p.events.size();
  w->n_states_ = p.states.size();
  w->n_events_ = n_events;
  while ((std::size_t{1} << w->event_shift_) < n_events) ++w->event_shift_;
  if ((p.states.size() << w->event_shift_) <= kDenseLimit) {
    w->dense_.assign(p.states.size() << w->event_shift_, CandidateRun{{}, 0, 0});
    for (std::size_t s = 0; s < p.states.size(); ++s)
      for (auto i = w->state_begin_[s]; i < w->state_begin_[s + 1]; ++i)
        w->dense_[(s << w->event_shift_) | w->run_events_[i]] = w->runs_[i];
    w->dense_table_ = w->dense_.data();
    w->row_shift_ = w->event_shift_ + 5;  // sizeof(CandidateRun) == 32
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

const Workflow::CandidateRun* Workflow::sparse_run(StateId state, EventId event) const {
  if (state + 1U >= state_begin_.size()) return &kNoRun;
  const EventId* first = run_events_.data() + state_begin_[state];
  const EventId* last = run_events_.data() + state_begin_[state + 1U];
  const EventId* it = std::lower_bound(first, last, event);
  if (it == last || *it != event) return &kNoRun;
  return runs_.data() + (it - run_events_.data());
}

std::vector<EventId> Workflow::events_from(StateId state) const {
  std::vector<EventId> out;
  if (state + 1U >= state_begin_.size()) return out;
  for (auto i = state_begin_[state]; i < state_begin_[state + 1U]; ++i) out.push_back(run_events_[i]);
  return out;
}

}  // namespace propdesk
