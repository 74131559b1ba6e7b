// validate_workflow: each finding on a workflow that has it, and not on the fixed one.
#include "propdesk/workflow_validator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

// Loads YAML text that must be a valid workflow (the loader's own errors fail the test).
std::shared_ptr<const Workflow> load(std::string_view yaml) {
  LoadResult result = load_workflow_string(yaml, "test.yaml");
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == DiagnosticSeverity::kError) ADD_FAILURE() << d.to_string();
  }
  return result.workflow;
}

std::vector<Diagnostic> validate(std::string_view yaml) {
  auto workflow = load(yaml);
  if (!workflow) return {};
  return validate_workflow(*workflow);
}

std::vector<Diagnostic> with_code(const std::vector<Diagnostic>& all, std::string_view code) {
  std::vector<Diagnostic> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Diagnostic& d) { return d.code == code; });
  return out;
}

// The 1-based line of the first line of `text` containing `needle`; 0 if none.
int line_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

std::string dump(const std::vector<Diagnostic>& all) {
  std::string out;
  for (const Diagnostic& d : all) out += d.to_string() + "\n";
  return out;
}

constexpr std::string_view kClean = R"(workflow: clean
roles: [desk, repairer]
states:
  open: {initial: true}
  working: {}
  done: {final: true}
transitions:
  - {event: start, from: open, to: working, roles: [desk]}
  - {event: note, from: any}
  - {event: finish, from: working, to: done, roles: [repairer]}
)";

TEST(WorkflowValidator, CleanWorkflowHasNoFindings) {
  const auto diagnostics = validate(kClean);
  EXPECT_TRUE(diagnostics.empty()) << dump(diagnostics);
}

// --- unreachable-state ------------------------------------------------------------------------

constexpr std::string_view kUnreachable = R"(workflow: t
states:
  open: {initial: true}
  orphan: {}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
  - {event: finish, from: orphan, to: done}
)";

TEST(WorkflowValidator, StateWithoutPathFromInitialIsUnreachable) {
  const auto found = with_code(validate(kUnreachable), "unreachable-state");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kError);
  EXPECT_EQ(found[0].where.line, line_of(kUnreachable, "orphan:"));
  EXPECT_EQ(found[0].where.file, "test.yaml");
  EXPECT_NE(found[0].message.find("'orphan'"), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, StateReachedThroughTransitionIsReachable) {
  std::string fixed(kUnreachable);
  fixed += "  - {event: park, from: open, to: orphan}\n";
  EXPECT_TRUE(with_code(validate(fixed), "unreachable-state").empty());
}

TEST(WorkflowValidator, StateReachedOnlyFromUnreachableStateIsUnreachable) {
  constexpr std::string_view kYaml = R"(workflow: t
states:
  open: {initial: true}
  island: {}
  beyond: {}
  done: {final: true}
transitions:
  - {event: finish, from: [open, island, beyond], to: done}
  - {event: go, from: island, to: beyond}
)";
  const auto found = with_code(validate(kYaml), "unreachable-state");
  ASSERT_EQ(found.size(), 2U) << dump(found);
  EXPECT_EQ(found[0].where.line, line_of(kYaml, "island:"));
  EXPECT_EQ(found[1].where.line, line_of(kYaml, "beyond:"));
}

// --- dead-end-state ---------------------------------------------------------------------------

constexpr std::string_view kDeadEnd = R"(workflow: t
states:
  open: {initial: true}
  on_hold: {}
  done: {final: true}
transitions:
  - {event: hold, from: open, to: on_hold}
  - {event: note, from: on_hold}
  - {event: finish, from: open, to: done}
)";

TEST(WorkflowValidator, StateThatCannotReachFinalIsDeadEnd) {
  const auto found = with_code(validate(kDeadEnd), "dead-end-state");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kError);
  EXPECT_EQ(found[0].where.line, line_of(kDeadEnd, "on_hold:"));
  EXPECT_NE(found[0].message.find("'on_hold'"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[0].message.find('\n'), std::string::npos);
}

TEST(WorkflowValidator, StateWithPathToFinalIsNoDeadEnd) {
  std::string fixed(kDeadEnd);
  fixed += "  - {event: resume, from: on_hold, to: open}\n";
  EXPECT_TRUE(with_code(validate(fixed), "dead-end-state").empty());
}

TEST(WorkflowValidator, CycleWithoutExitIsTwoDeadEnds) {
  constexpr std::string_view kYaml = R"(workflow: t
states:
  open: {initial: true}
  ping: {}
  pong: {}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
  - {event: go, from: [open, pong], to: ping}
  - {event: go, from: ping, to: pong}
)";
  const auto found = with_code(validate(kYaml), "dead-end-state");
  ASSERT_EQ(found.size(), 2U) << dump(found);
  EXPECT_EQ(found[0].where.line, line_of(kYaml, "ping:"));
  EXPECT_EQ(found[1].where.line, line_of(kYaml, "pong:"));
}

TEST(WorkflowValidator, TransitionFromAnyRescuesEveryState) {
  std::string fixed(kDeadEnd);
  fixed += "  - {event: cancel, from: any, to: done}\n";
  EXPECT_TRUE(with_code(validate(fixed), "dead-end-state").empty());
}

// --- final-has-exit ---------------------------------------------------------------------------

constexpr std::string_view kFinalExit = R"(workflow: t
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
  - {event: reopen, from: done, to: open}
)";

TEST(WorkflowValidator, TransitionOutOfFinalStateIsReported) {
  const auto found = with_code(validate(kFinalExit), "final-has-exit");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kError);
  EXPECT_EQ(found[0].where.line, line_of(kFinalExit, "event: reopen"));
  EXPECT_NE(found[0].message.find("'done'"), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, InternalTransitionInFinalStateIsReported) {
  constexpr std::string_view kYaml = R"(workflow: t
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
  - {event: note, from: [open, done]}
)";
  const auto found = with_code(validate(kYaml), "final-has-exit");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].where.line, line_of(kYaml, "event: note"));
}

TEST(WorkflowValidator, TransitionFromAnyDoesNotLeaveFinalStates) {
  std::string yaml(kFinalExit.substr(0, kFinalExit.find("  - {event: reopen")));
  yaml += "  - {event: note, from: any}\n";
  EXPECT_TRUE(with_code(validate(yaml), "final-has-exit").empty()) << yaml;
}

// --- shadowed-transition ----------------------------------------------------------------------

// `first` and `second` share (open, go); what the two are is filled in per test.
std::string shadow_yaml(std::string_view first, std::string_view second) {
  std::string yaml = R"(workflow: t
roles: [desk, repairer, resident]
states:
  open: {initial: true}
  a: {final: true}
  b: {final: true}
transitions:
  - {event: go, from: open, to: a)";
  yaml += first;
  yaml += "}\n  - {event: go, from: open, to: b";
  yaml += second;
  yaml += "}\n";
  return yaml;
}

TEST(WorkflowValidator, TransitionAfterUnconditionalOneIsShadowed) {
  const std::string yaml = shadow_yaml("", "");
  const auto found = with_code(validate(yaml), "shadowed-transition");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kError);
  EXPECT_EQ(found[0].where.line, line_of(yaml, "to: b"));
  const std::string earlier = "line " + std::to_string(line_of(yaml, "to: a"));
  EXPECT_NE(found[0].message.find(earlier), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, TransitionAfterConditionalOneIsNotShadowed) {
  const std::string yaml = shadow_yaml(", when: {severity: major}", "");
  EXPECT_TRUE(with_code(validate(yaml), "shadowed-transition").empty());
}

TEST(WorkflowValidator, EarlierTransitionAdmittingMoreRolesShadows) {
  const std::string yaml = shadow_yaml(", roles: [desk, repairer]", ", roles: [repairer]");
  const auto found = with_code(validate(yaml), "shadowed-transition");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].where.line, line_of(yaml, "to: b"));
}

TEST(WorkflowValidator, EarlierTransitionAdmittingFewerRolesDoesNotShadow) {
  const std::string yaml = shadow_yaml(", roles: [desk]", ", roles: [desk, repairer]");
  EXPECT_TRUE(with_code(validate(yaml), "shadowed-transition").empty());
}

TEST(WorkflowValidator, EarlierRoleLimitedTransitionDoesNotShadowAnyRole) {
  const std::string yaml = shadow_yaml(", roles: [desk, repairer, resident]", "");
  EXPECT_TRUE(with_code(validate(yaml), "shadowed-transition").empty());
}

TEST(WorkflowValidator, EarlierAnyRoleTransitionShadowsRoleLimitedOne) {
  const std::string yaml = shadow_yaml("", ", roles: [resident]");
  EXPECT_EQ(with_code(validate(yaml), "shadowed-transition").size(), 1U);
}

TEST(WorkflowValidator, ShadowedInSeveralStatesIsReportedOnce) {
  constexpr std::string_view kYaml = R"(workflow: t
states:
  open: {initial: true}
  working: {}
  done: {final: true}
transitions:
  - {event: next, from: open, to: working}
  - {event: finish, from: [open, working], to: done}
  - {event: finish, from: [open, working], to: working}
)";
  const auto found = with_code(validate(kYaml), "shadowed-transition");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].where.line, line_of(kYaml, "from: [open, working], to: working"));
}

// --- clock-stop-unreachable / clock-pause-unreachable -----------------------------------------

constexpr std::string_view kClockBase = R"(workflow: t
states:
  open: {initial: true}
  working: {}
  waiting: {}
  resolved: {}
  done: {final: true}
transitions:
  - {event: start, from: open, to: working}
  - {event: wait, from: working, to: waiting}
  - {event: back, from: waiting, to: working}
  - {event: resolve, from: working, to: resolved}
  - {event: close, from: resolved, to: done}
  - {event: chase, from: resolved, to: waiting}
clocks:
)";

TEST(WorkflowValidator, ClockWhoseStopCannotBeReachedIsReported) {
  std::string yaml(kClockBase);
  yaml += "  resolution: {starts: resolved, stops: open, target: 1d}\n";
  const auto found = with_code(validate(yaml), "clock-stop-unreachable");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kError);
  EXPECT_EQ(found[0].where.line, line_of(yaml, "resolution:"));
  EXPECT_NE(found[0].message.find("'resolution'"), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, ClockWhoseStopCanBeReachedIsFine) {
  std::string yaml(kClockBase);
  yaml += "  resolution: {starts: open, stops: resolved, pauses_in: waiting, target: 1d}\n";
  const auto diagnostics = validate(yaml);
  EXPECT_TRUE(with_code(diagnostics, "clock-stop-unreachable").empty()) << dump(diagnostics);
  EXPECT_TRUE(with_code(diagnostics, "clock-pause-unreachable").empty()) << dump(diagnostics);
}

TEST(WorkflowValidator, PauseStateOnlyAfterStopIsReported) {
  std::string yaml(kClockBase);
  // The clock stops on entering `working`; `waiting` comes only after that.
  yaml += "  response: {starts: open, stops: working, pauses_in: waiting, target: 1h}\n";
  const auto found = with_code(validate(yaml), "clock-pause-unreachable");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kWarning);
  EXPECT_EQ(found[0].where.line, line_of(yaml, "response:"));
  EXPECT_NE(found[0].message.find("'waiting'"), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, PauseStateFromWhichStopCannotBeReachedIsReported) {
  std::string yaml(kClockBase);
  // `done` follows the start, but from there the ticket never gets back to the stop `waiting`.
  yaml += "  chasing: {starts: working, stops: waiting, pauses_in: done, target: 1h}\n";
  const auto diagnostics = validate(yaml);
  EXPECT_TRUE(with_code(diagnostics, "clock-stop-unreachable").empty()) << dump(diagnostics);
  const auto found = with_code(diagnostics, "clock-pause-unreachable");
  ASSERT_EQ(found.size(), 1U) << dump(diagnostics);
  EXPECT_NE(found[0].message.find("'done'"), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, PauseStateIsNotCheckedAgainWhenStopIsUnreachable) {
  std::string yaml(kClockBase);
  yaml += "  resolution: {starts: resolved, stops: open, pauses_in: waiting, target: 1d}\n";
  const auto diagnostics = validate(yaml);
  EXPECT_EQ(with_code(diagnostics, "clock-stop-unreachable").size(), 1U) << dump(diagnostics);
  EXPECT_TRUE(with_code(diagnostics, "clock-pause-unreachable").empty()) << dump(diagnostics);
}

// --- unused-role ------------------------------------------------------------------------------

constexpr std::string_view kUnusedRole = R"(workflow: t
roles: [desk, auditor]
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done, roles: [desk]}
)";

TEST(WorkflowValidator, RoleNoTransitionAdmitsIsUnused) {
  const auto found = with_code(validate(kUnusedRole), "unused-role");
  ASSERT_EQ(found.size(), 1U) << dump(found);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kWarning);
  EXPECT_EQ(found[0].where.line, line_of(kUnusedRole, "roles: [desk, auditor]"));
  EXPECT_NE(found[0].message.find("'auditor'"), std::string::npos) << found[0].message;
}

TEST(WorkflowValidator, RoleAdmittedByTransitionIsUsed) {
  std::string fixed(kUnusedRole);
  fixed += "  - {event: audit, from: open, roles: [auditor]}\n";
  EXPECT_TRUE(with_code(validate(fixed), "unused-role").empty());
}

TEST(WorkflowValidator, RoleThatIsNotifiedIsUsed) {
  std::string fixed(kUnusedRole);
  fixed += R"(  - event: flag
    from: open
    actions:
      - {notify: {to: auditor, template: flagged}}
templates:
  flagged: "ticket {{code}} was flagged"
)";
  EXPECT_TRUE(with_code(validate(fixed), "unused-role").empty());
}

TEST(WorkflowValidator, RoleNotifiedByEscalationIsUsed) {
  std::string fixed(kUnusedRole);
  fixed += R"(clocks:
  response: {starts: open, stops: done, target: 1h}
escalation:
  ladder:
    - {clock: response, at: 100%, notify: auditor}
)";
  EXPECT_TRUE(with_code(validate(fixed), "unused-role").empty());
}

TEST(WorkflowValidator, ImplicitSystemRoleIsNeverUnused) {
  constexpr std::string_view kYaml = R"(workflow: t
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
)";
  EXPECT_TRUE(with_code(validate(kYaml), "unused-role").empty());
}

// --- no-final-state ---------------------------------------------------------------------------

constexpr std::string_view kNoFinal = R"(workflow: t
states:
  open: {initial: true}
  answered: {}
transitions:
  - {event: answer, from: open, to: answered}
  - {event: ask, from: answered, to: open}
)";

TEST(WorkflowValidator, WorkflowWithoutFinalStateIsWarned) {
  const auto found = with_code(validate(kNoFinal), "no-final-state");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].severity, DiagnosticSeverity::kWarning);
  EXPECT_EQ(found[0].where.file, "test.yaml");
}

TEST(WorkflowValidator, WorkflowWithoutFinalStateGetsNoDeadEndErrors) {
  // One warning says it; an error per state would only repeat it.
  const auto diagnostics = validate(kNoFinal);
  EXPECT_FALSE(has_errors(diagnostics)) << dump(diagnostics);
}

TEST(WorkflowValidator, WorkflowWithFinalStateIsNotWarned) {
  EXPECT_TRUE(with_code(validate(kClean), "no-final-state").empty());
}

// --- the result as a whole --------------------------------------------------------------------

TEST(WorkflowValidator, FindingsAreSortedByPosition) {
  constexpr std::string_view kYaml = R"(workflow: t
roles: [idle]
states:
  open: {initial: true}
  stuck: {}
  orphan: {}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
  - {event: reopen, from: done, to: open}
  - {event: finish, from: open, to: stuck}
  - {event: finish, from: orphan, to: done}
clocks:
  lost: {starts: stuck, stops: done, target: 1h}
)";
  const auto diagnostics = validate(kYaml);
  ASSERT_GE(diagnostics.size(), 6U) << dump(diagnostics);
  EXPECT_TRUE(std::is_sorted(diagnostics.begin(), diagnostics.end(),
                             [](const Diagnostic& a, const Diagnostic& b) {
                               return std::tie(a.where.line, a.where.column) <
                                      std::tie(b.where.line, b.where.column);
                             }))
      << dump(diagnostics);
}

TEST(WorkflowValidator, ShippedWorkflowsHaveNoErrors) {
  const std::filesystem::path dir(PROPDESK_WORKFLOW_DIR);
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    // propdesk.yaml beside the workflows is the engine configuration (tests/config).
    if (entry.path().extension() != ".yaml" || entry.path().filename() == "propdesk.yaml") continue;
    SCOPED_TRACE(entry.path().string());
    LoadResult result = load_workflow_file(entry.path());
    ASSERT_TRUE(result.ok()) << dump(result.diagnostics);
    const auto diagnostics = validate_workflow(*result.workflow);
    EXPECT_FALSE(has_errors(diagnostics)) << dump(diagnostics);
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no workflows in " << dir;
}

}  // namespace
}  // namespace propdesk
