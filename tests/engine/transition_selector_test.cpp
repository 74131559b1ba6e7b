// select_transition: the hot path (dense (state, event) runs, the first candidate inline, `when`
// conditions compiled to flat tests) chooses exactly what the plain definition chooses: the first
// candidate of (state, event) in file order whose roles admit the actor and whose condition,
// evaluated from its tree with propdesk::evaluate(), holds.
#include "engine/transition_selector.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "propdesk/condition.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

// Guards of every shape: leaves of each kind and operator, `all` of leaves and mappings with
// several keys (compiled), `any`, `not` and `in` (evaluated from the tree), set/unset.
const std::string kGuards = R"(workflow: guards
version: 1
title: Guards
prefix: GD
fields:
  n: {type: int}
  x: {type: number}
  s: {type: enum, values: [a, b, c]}
  b: {type: bool}
  t: {type: time}
roles: [desk, boss]
states:
  start: {initial: true}
  one: {}
  two: {}
  three: {}
  done: {final: true}
transitions:
  - {event: go, from: start, to: one, roles: [desk], when: {n: {lt: 3}}}
  - {event: go, from: start, to: two, roles: [boss], when: {n: {gte: 3}, b: true}}
  - {event: go, from: start, to: three, when: {x: {gt: 2.5}}}
  - {event: go, from: start, to: done, when: {s: b}}
  - {event: go, from: start, to: one, when: {all: [{s: {ne: a}}, {n: {ne: 5}}, {b: false}]}}
  - {event: go, from: start, to: two, when: {t: {lte: "2026-11-26T10:00:00Z"}}}
  - {event: go, from: start, to: three, when: {any: [{n: {eq: 7}}, {x: {lt: 0}}]}}
  - {event: go, from: start, to: done, when: {not: {s: {in: [a, c]}}}}
  - {event: go, from: start, to: one, when: {n: {set: false}}}
  - {event: go, from: start, to: two, roles: [boss]}
  - {event: hop, from: [start, one], to: two, when: {x: {lte: 2}}}
  - {event: hop, from: [start, one], to: three, when: {s: {ne: c}, b: {set: true}}}
  - {event: hop, from: [start, one], when: {n: {set: true}}}
  - {event: stay, from: any}
  - {event: stop, from: two, to: done, roles: [boss], when: {x: {ne: 1.5}}}
)";

// The plain definition.
std::optional<const Transition*> reference(const Workflow& w, StateId state, EventId event,
                                           std::optional<RoleId> role, const FieldLookup& lookup) {
  if (!role) return std::nullopt;
  for (std::uint32_t index : w.candidates(state, event)) {
    const Transition& t = w.transitions()[index];
    if (!t.admits(*role)) continue;
    if (t.when && !evaluate(*t.when, lookup)) continue;
    return &t;
  }
  return std::nullopt;
}

std::vector<Value> samples(const std::string& field) {
  const Value nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<Value> v = {Value(), Value(2), Value(3), Value(7), Value(2.0), Value(2.5), Value(3.5),
                          nan, Value(-1.0), Value(true), Value(false), Value("a"), Value("b"),
                          Value("c"), Value(*parse_time("2026-11-26T10:00:00Z")),
                          Value(*parse_time("2026-11-26T11:00:00Z"))};
  // Appended by value: GCC 12 at -O2 wrongly finds a moved-from temporary Value "maybe
  // uninitialized" (-Wmaybe-uninitialized) in push_back(Value(...)).
  const Value five(5);
  const Value one_and_a_half(1.5);
  if (field == "n") v.push_back(five);
  if (field == "x") v.push_back(one_and_a_half);
  return v;
}

TEST(TransitionSelector, ChoosesWhatThePlainDefinitionChooses) {
  const LoadResult loaded = load_workflow_string(kGuards, "guards.yaml");
  ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics.front().to_string());
  const Workflow& w = *loaded.workflow;

  // Fields n, x, s, b, t take every sample value in turn, each combined with a few settings of
  // the others (a full cross product would be 17^5 combinations per (state, event, role)).
  const std::vector<std::string> names = {"n", "x", "s", "b", "t"};
  std::vector<FieldId> ids;
  for (const std::string& name : names) ids.push_back(*w.find_field(name));
  std::vector<std::vector<Value>> settings;
  for (std::size_t f = 0; f < names.size(); ++f) {
    for (const Value& v : samples(names[f])) {
      for (const Value& other : {Value(), Value(3), Value(true), Value("b"), Value(1.5)}) {
        std::vector<Value> values(w.fields().size(), other);
        values[ids[f]] = v;
        settings.push_back(std::move(values));
      }
    }
  }
  std::vector<std::optional<RoleId>> roles = {std::nullopt};
  for (RoleId r = 0; r < w.roles().size(); ++r) roles.push_back(r);

  std::size_t checked = 0;
  std::size_t selected = 0;
  for (const std::vector<Value>& values : settings) {
    const auto lookup = [&values](FieldId id) -> const Value* {
      return id < values.size() && !values[id].is_null() ? &values[id] : nullptr;
    };
    const FieldLookup plain = lookup;
    for (StateId state = 0; state < w.states().size(); ++state) {
      for (EventId event = 0; event < w.events().size(); ++event) {
        for (const std::optional<RoleId>& role : roles) {
          const auto expected = reference(w, state, event, role, plain);
          const auto got = select_transition(w, state, event, role, lookup);
          ++checked;
          ASSERT_EQ(got.ok(), expected.has_value())
              << w.state(state).name << " " << w.event(event) << " setting " << checked;
          if (!got.ok()) continue;
          ++selected;
          EXPECT_EQ(got.value().transition, *expected);
          const Transition& t = **expected;
          EXPECT_EQ(got.value().to, t.to.value_or(state));
        }
      }
    }
  }
  EXPECT_GT(selected, checked / 10);  // the grid reaches the conditions, not only rejections
}

TEST(TransitionSelector, RejectsWithTheReason) {
  const LoadResult loaded = load_workflow_string(kGuards, "guards.yaml");
  ASSERT_TRUE(loaded.ok());
  const Workflow& w = *loaded.workflow;
  const StateId two = *w.find_state("two");
  const StateId done = *w.find_state("done");
  const EventId stop = *w.find_event("stop");
  const EventId go = *w.find_event("go");
  const RoleId desk = *w.find_role("desk");
  const RoleId boss = *w.find_role("boss");
  const Value x = 1.5;
  const FieldId x_id = *w.find_field("x");
  const auto lookup = [&](FieldId id) -> const Value* { return id == x_id ? &x : nullptr; };

  EXPECT_EQ(select_transition(w, done, go, boss, lookup).rejection().reason,
            Rejection::Reason::kWrongState);
  EXPECT_EQ(select_transition(w, two, stop, desk, lookup).rejection().reason,
            Rejection::Reason::kRoleNotPermitted);
  EXPECT_EQ(select_transition(w, two, stop, std::nullopt, lookup).rejection().reason,
            Rejection::Reason::kRoleNotPermitted);
  const auto failed = select_transition(w, two, stop, boss, lookup);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.rejection().reason, Rejection::Reason::kConditionFailed);
  EXPECT_EQ(failed.rejection().condition, "x != 1.5");
}

}  // namespace
}  // namespace propdesk
