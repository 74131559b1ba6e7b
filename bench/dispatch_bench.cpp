// Dispatch in memory: the cost of one transition of the shipped repair workflow, side by side
// with a hand-written Boost.MSM state machine of the same workflow, in the same run.
//
// The benchmarks drive the same fixed cycle of 11 events, which returns to its start state
// so that it can loop forever (see cycle()):
//   reported -dispatch-> dispatched -accept-> in_progress -hold-> on_hold -resume-> in_progress
//   -complete-> awaiting_rating (unpaid: the guarded paid branch is tried and fails)
//   -rate(2)-> dispatched (guard satisfaction < 3 holds) -accept-> in_progress
//   -complete-> awaiting_rating -rate(4)-> callback (guard fails, the fallback fires)
//   -call_back(1)-> dispatched (guard holds) -return-> reported
//
// BM_MsmRepair        Boost.MSM (dispatch_bench_msm.cpp): process_event() per event, guards on a
//                     small struct of fields and on the event's payload.
// BM_PropdeskSelect   propdesk::select_transition() on the compiled repair Workflow, with events,
//                     states and roles interned to ids beforehand and a FieldLookup over a small
//                     array of Values: steps 2-3 of the engine's event path (which transition
//                     fires), the apples-to-apples comparison with MSM. Goal: within 3x of MSM.
// BM_PropdeskCandidatesOnly  a breakdown of the above: only the (state, event) lookup.
// BM_PropdeskFireMemory  Engine::fire() on a MemoryStore: the full path (store read, input
//                     checks, actions, canonical JSON, SHA-256 journal seal, commit, signals). This
//                     is the cost of an event, not of the dispatch; it is not compared with MSM.
//
// Items are events: items_per_second is events per second. main() prints ns per event and the
// select/MSM ratio after the table.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dispatch_bench_msm.hpp"
#include "ratio_reporter.hpp"
#include "shipped_engine.hpp"
#include "engine/transition_selector.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/workflow_loader.hpp"

namespace {

using propdesk_bench::RatioReporter;

// --- the cycle ------------------------------------------------------------------------------

// One event of the cycle: who fires what, with which input, and where the ticket must end up.
struct CycleStep {
  const char* event;
  const char* role;
  const char* actor;
  const char* input_field;  // nullptr: no input
  propdesk::Value input_value;
  const char* expected_state;
};

const std::vector<CycleStep>& cycle() {
  static const std::vector<CycleStep> steps = {
      {"dispatch", "front_desk", "desk-1", "assignee", "rep-7", "dispatched"},
      {"accept", "repairer", "rep-7", nullptr, {}, "in_progress"},
      {"hold", "repairer", "rep-7", "reason", "waiting for a spare valve", "on_hold"},
      {"resume", "repairer", "rep-7", nullptr, {}, "in_progress"},
      {"complete", "repairer", "rep-7", nullptr, {}, "awaiting_rating"},
      {"rate", "resident", "owner-1201", "satisfaction", 2, "dispatched"},
      {"accept", "repairer", "rep-7", nullptr, {}, "in_progress"},
      {"complete", "repairer", "rep-7", nullptr, {}, "awaiting_rating"},
      {"rate", "resident", "owner-1201", "satisfaction", 4, "callback"},
      {"call_back", "front_desk", "desk-1", "satisfaction", 1, "dispatched"},
      {"return", "repairer", "rep-7", "reason", "needs an electrician", "reported"},
  };
  return steps;
}

// The fields a repair ticket is created with (the engine adds the defaults).
propdesk::Fields creation_fields() {
  return {{"location", "3-2-1201"}, {"description", "kitchen tap leaking under the sink"},
          {"category", "plumbing"}, {"reporter", "Wang"},
          {"phone", "13800000000"}, {"channel", "phone"}};
}

std::shared_ptr<const propdesk::Workflow> repair_workflow() {
  static const std::shared_ptr<const propdesk::Workflow> workflow = [] {
    propdesk::LoadResult loaded =
        propdesk::load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    return loaded.ok() ? loaded.workflow : nullptr;
  }();
  return workflow;
}

// --- Boost.MSM: the repair workflow written by hand (dispatch_bench_msm.cpp) ---------------

void BM_MsmRepair(benchmark::State& state) {
  using propdesk_bench::MsmRepair;
  if (static_cast<std::size_t>(MsmRepair::kCycleLength) != cycle().size()) {
    state.SkipWithError("the MSM cycle and the propdesk cycle differ in length");
    return;
  }
  // Once, untimed: the machine must go exactly where the workflow goes.
  if (const std::string problem = MsmRepair::check(); !problem.empty()) {
    state.SkipWithError(("MSM machine: " + problem).c_str());
    return;
  }
  MsmRepair machine;
  propdesk_bench::MsmCycleInput input;
  benchmark::DoNotOptimize(&input);
  for (auto _ : state) {
    machine.run_cycle(input);
    benchmark::ClobberMemory();
  }
  if (machine.rejected() != 0) state.SkipWithError("MSM rejected an event of the cycle");
  state.SetItemsProcessed(state.iterations() * MsmRepair::kCycleLength);
}

// --- propdesk: select_transition on the compiled workflow ------------------------------------

// One step with everything interned: the ids, and the field values the conditions see (the
// ticket's fields overlaid with the step's input), as an array indexed by FieldId.
struct InternedStep {
  propdesk::EventId event = 0;
  std::optional<propdesk::RoleId> role;
  propdesk::StateId expected = 0;
  std::vector<propdesk::Value> values;
};

// The values come from the real thing: the cycle is played once through an Engine on a
// MemoryStore, and before each event the stored ticket is overlaid with the event's input the way
// the engine's step 2 does (input first, then severity and assignee, then the ticket's fields).
std::optional<std::vector<InternedStep>> intern_cycle(
    const std::shared_ptr<const propdesk::Workflow>& workflow) {
  const propdesk::Workflow& w = *workflow;
  propdesk::Engine engine(std::make_shared<propdesk::MemoryStore>(),
                          propdesk_bench::shipped_engine_options());
  engine.add_workflow(workflow);
  auto created = engine.create("repair", creation_fields(), {"desk-1", "front_desk"});
  if (!created.ok()) return std::nullopt;
  const propdesk::TicketId id = created.value().id;

  std::vector<InternedStep> steps;
  for (const CycleStep& c : cycle()) {
    InternedStep s;
    auto event = w.find_event(c.event);
    auto expected = w.find_state(c.expected_state);
    s.role = w.find_role(c.role);
    if (!event || !expected || !s.role) return std::nullopt;
    s.event = *event;
    s.expected = *expected;

    const propdesk::Ticket ticket = *engine.get(id);
    s.values.resize(w.fields().size());
    for (propdesk::FieldId f = 0; f < s.values.size(); ++f) {
      const std::string& name = w.field(f).name;
      if (c.input_field != nullptr && name == c.input_field) {
        s.values[f] = c.input_value;
      } else if (f == w.severity_field()) {
        s.values[f] = ticket.severity;
      } else if (f == w.assignee_field()) {
        if (!ticket.assignee.empty()) s.values[f] = ticket.assignee;
      } else if (auto it = ticket.fields.find(name); it != ticket.fields.end()) {
        s.values[f] = it->second;
      }
    }
    steps.push_back(std::move(s));

    propdesk::Fields input;
    if (c.input_field != nullptr) input.emplace(c.input_field, c.input_value);
    if (!engine.fire(id, c.event, std::move(input), {c.actor, c.role}).ok()) return std::nullopt;
  }
  return steps;
}

void BM_PropdeskSelect(benchmark::State& state) {
  const auto workflow = repair_workflow();
  if (!workflow) {
    state.SkipWithError("workflows/repair.yaml does not load");
    return;
  }
  const propdesk::Workflow& w = *workflow;
  const auto steps = intern_cycle(workflow);
  if (!steps) {
    state.SkipWithError("the cycle names something repair.yaml does not have");
    return;
  }
  const propdesk::Value* current = nullptr;
  const auto lookup = [&current](propdesk::FieldId id) -> const propdesk::Value* {
    return current[id].is_null() ? nullptr : &current[id];
  };

  propdesk::StateId at = w.initial_state();
  // Once, untimed: the selection must follow the cycle.
  for (const InternedStep& s : *steps) {
    current = s.values.data();
    auto selected = propdesk::select_transition(w, at, s.event, s.role, lookup);
    if (!selected.ok()) {
      state.SkipWithError(("rejected: " + selected.rejection().message).c_str());
      return;
    }
    at = selected.value().to;
    if (at != s.expected) {
      state.SkipWithError("select_transition does not follow the cycle");
      return;
    }
  }

  bool rejected = false;
  for (auto _ : state) {
    for (const InternedStep& s : *steps) {
      current = s.values.data();
      auto selected = propdesk::select_transition(w, at, s.event, s.role, lookup);
      if (!selected.ok()) [[unlikely]] {
        rejected = true;
        break;
      }
      at = selected.value().to;
    }
    benchmark::DoNotOptimize(at);
  }
  if (rejected) state.SkipWithError("an event of the cycle was rejected");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(steps->size()));
}

// Breakdown, for the report: only the (state, event) lookup of step 2 (Workflow::candidates) for
// the cycle's pairs, without roles, conditions or the result. Not a dispatch on its own.
void BM_PropdeskCandidatesOnly(benchmark::State& state) {
  const auto workflow = repair_workflow();
  const auto steps = workflow ? intern_cycle(workflow) : std::nullopt;
  if (!steps) {
    state.SkipWithError("workflows/repair.yaml does not load or lacks the cycle");
    return;
  }
  const propdesk::Workflow& w = *workflow;
  std::vector<propdesk::StateId> from;
  propdesk::StateId at = w.initial_state();
  for (const InternedStep& s : *steps) {
    from.push_back(at);
    at = s.expected;
  }
  std::size_t found = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < steps->size(); ++i) {
      found += w.candidates(from[i], (*steps)[i].event).size();
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(steps->size()));
}

// --- propdesk: Engine::fire on a MemoryStore -------------------------------------------------

struct FireStep {
  std::string event;
  propdesk::Fields input;
  propdesk::Actor actor;
  std::string expected_state;
};

void BM_PropdeskFireMemory(benchmark::State& state) {
  const auto workflow = repair_workflow();
  if (!workflow) {
    state.SkipWithError("workflows/repair.yaml does not load");
    return;
  }
  std::vector<FireStep> steps;
  for (const CycleStep& c : cycle()) {
    FireStep s{c.event, {}, {c.actor, c.role}, c.expected_state};
    if (c.input_field != nullptr) s.input.emplace(c.input_field, c.input_value);
    steps.push_back(std::move(s));
  }
  const propdesk::Actor desk{"desk-1", "front_desk"};

  // A fresh store every so many cycles keeps the journal (kept in memory) from growing without
  // bound over a long run; the swap is not timed.
  constexpr std::int64_t kCyclesPerTicket = 2000;
  std::unique_ptr<propdesk::Engine> engine;
  propdesk::TicketId id = 0;
  auto fresh_ticket = [&]() -> bool {
    engine = std::make_unique<propdesk::Engine>(std::make_shared<propdesk::MemoryStore>(),
                                                propdesk_bench::shipped_engine_options());
    engine->add_workflow(workflow);
    auto created = engine->create("repair", creation_fields(), desk);
    if (!created.ok()) return false;
    id = created.value().id;
    return true;
  };
  if (!fresh_ticket()) {
    state.SkipWithError("cannot create a repair ticket");
    return;
  }
  // Once, untimed: the engine must follow the cycle.
  for (const FireStep& s : steps) {
    auto done = engine->fire(id, s.event, s.input, s.actor);
    if (!done.ok() || done.value().to_state != s.expected_state) {
      state.SkipWithError(("the engine does not follow the cycle at '" + s.event +
                           "': " + (done.ok() ? done.value().to_state : done.rejection().message))
                              .c_str());
      return;
    }
  }

  std::int64_t cycles = 0;
  bool rejected = false;
  for (auto _ : state) {
    if (++cycles % kCyclesPerTicket == 0) {
      state.PauseTiming();
      const bool ok = fresh_ticket();
      state.ResumeTiming();
      if (!ok) {
        rejected = true;
        break;
      }
    }
    for (const FireStep& s : steps) {
      auto done = engine->fire(id, s.event, s.input, s.actor);
      if (!done.ok()) [[unlikely]] {
        rejected = true;
        break;
      }
      benchmark::DoNotOptimize(done);
    }
  }
  if (rejected) state.SkipWithError("an event of the cycle was rejected");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(steps.size()));
}

BENCHMARK(BM_MsmRepair);
BENCHMARK(BM_PropdeskSelect);
BENCHMARK(BM_PropdeskCandidatesOnly);
BENCHMARK(BM_PropdeskFireMemory);

// --- the ratio, printed after the table ------------------------------------------------------

// Keeps the events per second of each benchmark (the median when repetitions are aggregated).
void print_summary(const RatioReporter& reporter) {
  std::cout << "\nns per event (median of repetitions when aggregated):\n";
  for (const char* name : {"BM_MsmRepair", "BM_PropdeskSelect", "BM_PropdeskCandidatesOnly",
                           "BM_PropdeskFireMemory"}) {
    if (auto rate = reporter.counter(name, "items_per_second"))
      std::cout << "  " << name << ": " << 1e9 / *rate << " ns\n";
  }
  const auto msm_rate = reporter.counter("BM_MsmRepair", "items_per_second");
  const auto select_rate = reporter.counter("BM_PropdeskSelect", "items_per_second");
  if (msm_rate && select_rate) {
    const double ratio = *msm_rate / *select_rate;
    std::cout << "  dispatch ratio select/MSM: " << ratio << "x (goal: within 3x) -> "
              << (ratio <= 3.0 ? "met" : "NOT met") << "\n";
  }
  const auto fire_rate = reporter.counter("BM_PropdeskFireMemory", "items_per_second");
  if (msm_rate && fire_rate) {
    std::cout << "  full fire (MemoryStore) / MSM: " << *msm_rate / *fire_rate
              << "x (for information: not a dispatch)\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  print_summary(reporter);
  return 0;
}
