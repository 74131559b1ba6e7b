// Loading and validating a large workflow: 1,000 states and 5,000 transitions, generated in code
// (deterministically) so that the figures are comparable from run to run. Target: load + validate
// together under 50 ms.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "propdesk/workflow_loader.hpp"
#include "propdesk/workflow_validator.hpp"

namespace {

constexpr int kStates = 1000;
constexpr int kTransitions = 5000;
constexpr int kEvents = 50;
constexpr int kRoles = 8;

// A fixed linear congruential sequence: the same text on every machine and run.
class Sequence {
 public:
  std::uint32_t next(std::uint32_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33U) % bound;
  }

 private:
  std::uint64_t state_ = 42;
};

// s0 (initial) ... s998 chained by `next`, s999 the final state; the rest of the transitions jump
// between random non-final states with a mix of roles, conditions on an int field and actions.
std::string generate_workflow_yaml() {
  Sequence random;
  std::string yaml = "workflow: big\ntitle: generated for the benchmark\n";
  yaml += "fields:\n";
  yaml += "  amount: {type: int, min: 0, max: 1000}\n";
  yaml += "  approved: {type: bool, default: false}\n";
  yaml += "  note: {type: text, max_length: 500}\n";
  yaml += "roles: [";
  for (int r = 0; r < kRoles; ++r) yaml += (r ? ", r" : "r") + std::to_string(r);
  yaml += "]\nstates:\n";
  yaml += "  s0: {initial: true, label: 开始}\n";
  for (int s = 1; s < kStates - 1; ++s) {
    yaml += "  s" + std::to_string(s) + ": {label: \"state " + std::to_string(s) + "\"}\n";
  }
  yaml += "  s" + std::to_string(kStates - 1) + ": {final: true, label: 结束}\n";

  yaml += "transitions:\n";
  for (int s = 0; s < kStates - 1; ++s) {
    yaml +=
        "  - {event: next, from: s" + std::to_string(s) + ", to: s" + std::to_string(s + 1) + "}\n";
  }
  for (int i = kStates - 1; i < kTransitions; ++i) {
    const std::uint32_t from = random.next(kStates - 1);
    const std::uint32_t to = random.next(kStates - 1);
    yaml += "  - event: e" + std::to_string(random.next(kEvents)) + "\n";
    yaml += "    from: s" + std::to_string(from) + "\n";
    if (i % 7 != 0) yaml += "    to: s" + std::to_string(to) + "\n";  // some stay
    if (i % 3 == 0) {
      yaml += "    roles: [r" + std::to_string(random.next(kRoles)) + ", r" +
              std::to_string(random.next(kRoles)) + "]\n";
    }
    if (i % 4 == 0) {
      yaml += "    when: {amount: {gte: " + std::to_string(random.next(1000)) + "}}\n";
    }
    if (i % 5 == 0) {
      yaml += "    requires: [note]\n";
      yaml += "    actions:\n";
      yaml += "      - {set: {approved: true}}\n";
      yaml +=
          "      - {notify: {to: r" + std::to_string(random.next(kRoles)) + ", template: moved}}\n";
    }
  }
  yaml += "templates:\n  moved: \"ticket {{code}} is now {{state_label}}\"\n";
  return yaml;
}

const std::string& workflow_yaml() {
  static const std::string yaml = generate_workflow_yaml();
  return yaml;
}

void BM_Load(benchmark::State& state) {
  const std::string& yaml = workflow_yaml();
  for (auto _ : state) {
    propdesk::LoadResult result = propdesk::load_workflow_string(yaml, "big.yaml");
    if (!result.ok()) {
      state.SkipWithError("the generated workflow does not load");
      break;
    }
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * yaml.size()));
}

void BM_Validate(benchmark::State& state) {
  const propdesk::LoadResult loaded = propdesk::load_workflow_string(workflow_yaml(), "big.yaml");
  if (!loaded.ok()) {
    state.SkipWithError("the generated workflow does not load");
    return;
  }
  std::size_t findings = 0;
  for (auto _ : state) {
    auto diagnostics = propdesk::validate_workflow(*loaded.workflow);
    findings = diagnostics.size();
    benchmark::DoNotOptimize(diagnostics);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["transitions"] = static_cast<double>(loaded.workflow->transitions().size());
}

void BM_LoadAndValidate(benchmark::State& state) {
  const std::string& yaml = workflow_yaml();
  for (auto _ : state) {
    propdesk::LoadResult result = propdesk::load_workflow_string(yaml, "big.yaml");
    if (!result.ok()) {
      state.SkipWithError("the generated workflow does not load");
      break;
    }
    auto diagnostics = propdesk::validate_workflow(*result.workflow);
    benchmark::DoNotOptimize(result);
    benchmark::DoNotOptimize(diagnostics);
  }
}

BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Validate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadAndValidate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
