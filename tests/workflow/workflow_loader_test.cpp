// The loader: what a valid file becomes, and what each kind of mistake is reported as.
#include "propdesk/workflow_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace propdesk {
namespace {

// A small but complete workflow; tests splice mistakes into copies of it.
const std::string kRepair = R"(workflow: repair
version: 2
title: Repair report (报事报修)
prefix: BX
fields:
  location: {type: string, required: true, label: 位置}
  category: {type: enum, values: [plumbing, electrical, other], default: other}
  phone: {type: string, pii: true}
  paid: {type: bool, default: false}
  satisfaction: {type: int, min: 1, max: 5}
  amount: {type: number, min: 0}
  callback_at: {type: time}
roles: [front_desk, repairer, supervisor]
states:
  reported: {initial: true, label: 待派单}
  dispatched: {label: 已派工}
  callback: {label: 待回访}
  closed: {final: true, label: 已结单}
transitions:
  - {event: dispatch, from: reported, to: dispatched, roles: [front_desk], requires: [assignee],
     actions: [{notify: {to: assignee, template: work_order}}]}
  - {event: grab, from: reported, to: dispatched, roles: [repairer], actions: [{assign: actor}]}
  - {event: complete, from: dispatched, to: callback, when: {all: [{paid: true}, {amount: {gt: 0}}]}}
  - {event: complete, from: dispatched, to: callback}
  - {event: call_back, from: callback, to: closed, requires: [satisfaction], when: {satisfaction: {gte: 3}}}
  - {event: call_back, from: callback, to: dispatched, requires: [satisfaction], actions: [{assign: none}]}
  - {event: note, from: any}
clocks:
  response: {starts: reported, stops: dispatched, target: {general: 30m, major: 10m}, calendar: office}
  callback: {starts: callback, stops: closed, due_at: callback_at, target: 24h}
escalation:
  severity_rule: complaint_severity
  ladder:
    - {clock: response, at: 80%, notify: supervisor}
    - {clock: response, at: 100%, notify: [supervisor], set: {severity: major}, severity: major}
templates:
  work_order: {subject: "派工 {{code}}", body: "{{location}} {{category}} {{ state_label }}"}
)";

LoadResult load(const std::string& text) { return load_workflow_string(text, "test.yaml"); }

// The text with the first occurrence of `from` replaced by `to` (the test fails if absent).
std::string edit(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << "fixture lacks: " << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

const Diagnostic* find_code(const LoadResult& r, const std::string& code) {
  auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                         [&](const Diagnostic& d) { return d.code == code; });
  return it == r.diagnostics.end() ? nullptr : &*it;
}

std::string dump(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.to_string() + "\n";
  return out;
}

TEST(WorkflowLoader, LoadsTheHeader) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  EXPECT_EQ(r.workflow->name(), "repair");
  EXPECT_EQ(r.workflow->version(), 2);
  EXPECT_EQ(r.workflow->title(), "Repair report (报事报修)");
  EXPECT_EQ(r.workflow->prefix(), "BX");
}

TEST(WorkflowLoader, InternsStatesAndIndexesCandidatesInFileOrder) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  EXPECT_EQ(w.state(w.initial_state()).name, "reported");
  EXPECT_EQ(w.state(*w.find_state("reported")).label, "待派单");
  const auto callback = *w.find_state("callback");
  const auto candidates = w.candidates(callback, *w.find_event("call_back"));
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_LT(candidates[0], candidates[1]);
  EXPECT_EQ(w.state(*w.transitions()[candidates[0]].to).name, "closed");
  EXPECT_TRUE(w.candidates(callback, *w.find_event("dispatch")).empty());
}

TEST(WorkflowLoader, FromAnyCoversEveryNonFinalState) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  const auto note = *w.find_event("note");
  EXPECT_EQ(w.candidates(*w.find_state("dispatched"), note).size(), 1u);
  EXPECT_TRUE(w.candidates(*w.find_state("closed"), note).empty());
  EXPECT_FALSE(w.transitions()[w.candidates(w.initial_state(), note)[0]].to.has_value());
}

TEST(WorkflowLoader, FieldsCarryTypesDefaultsAndBuiltins) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  const FieldDef& category = w.field(*w.find_field("category"));
  EXPECT_EQ(category.type, FieldType::kEnum);
  EXPECT_EQ(category.values.size(), 3u);
  EXPECT_EQ(*category.default_value, Value("other"));
  EXPECT_TRUE(w.field(*w.find_field("phone")).pii);
  EXPECT_EQ(*w.field(*w.find_field("satisfaction")).max, 5.0);
  EXPECT_EQ(w.field(w.severity_field()).name, "severity");
  EXPECT_EQ(w.field(w.assignee_field()).name, "assignee");
  EXPECT_TRUE(w.find_role("system").has_value());
}

TEST(WorkflowLoader, ConditionsEvaluateOnFields) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  const auto& t = w.transitions()[w.candidates(*w.find_state("callback"), *w.find_event("call_back"))[0]];
  ASSERT_TRUE(t.when.has_value());
  Value sat;
  const FieldId sat_id = *w.find_field("satisfaction");
  FieldLookup lookup = [&](FieldId id) -> const Value* { return id == sat_id && !sat.is_null() ? &sat : nullptr; };
  EXPECT_FALSE(evaluate(*t.when, lookup));  // unset compares false
  sat = Value(2);
  EXPECT_FALSE(evaluate(*t.when, lookup));
  EXPECT_EQ(describe(*first_failure(*t.when, lookup), w), "satisfaction >= 3");
  sat = Value(3);
  EXPECT_TRUE(evaluate(*t.when, lookup));
  EXPECT_EQ(first_failure(*t.when, lookup), nullptr);
}

TEST(WorkflowLoader, ClocksAndEscalation) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  const ClockDef& response = w.clocks()[*w.find_clock("response")];
  EXPECT_EQ(response.target(false), std::chrono::minutes(30));
  EXPECT_EQ(response.target(true), std::chrono::minutes(10));
  EXPECT_EQ(response.calendar, "office");
  const ClockDef& callback = w.clocks()[*w.find_clock("callback")];
  EXPECT_EQ(*callback.due_at, *w.find_field("callback_at"));
  ASSERT_EQ(w.escalation().ladder.size(), 2u);
  EXPECT_EQ(w.escalation().ladder[0].percent, 80);
  EXPECT_EQ(w.escalation().severity_rule, "complaint_severity");
  EXPECT_EQ(w.escalation().ladder[1].set.at(0).second, Value("major"));
}

TEST(WorkflowLoader, WarnAtAndZeroPercentSteps) {
  auto r = load(edit(edit(kRepair, "calendar: office}", "calendar: office, warn_at: 90%}"), "at: 80%", "at: 0%"));
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  EXPECT_EQ(w.clocks()[*w.find_clock("response")].warn_at, 90);
  // The defaults: 80% for a clock with a target only, none for a clock with due_at.
  EXPECT_EQ(w.clocks()[*w.find_clock("callback")].warn_at, std::nullopt);
  EXPECT_EQ(ClockDef{}.warn_at, 80);
  auto declared = load(edit(kRepair, "due_at: callback_at, target: 24h}", "due_at: callback_at, target: 24h, warn_at: 50%}"));
  ASSERT_TRUE(declared.ok()) << dump(declared);
  EXPECT_EQ(declared.workflow->clocks()[*declared.workflow->find_clock("callback")].warn_at, 50);
  EXPECT_EQ(w.escalation().ladder[0].percent, 0);                // as soon as the clock runs
  auto most = load(edit(kRepair, "at: 80%", "at: 1000%"));
  ASSERT_TRUE(most.ok()) << dump(most);
  EXPECT_EQ(most.workflow->escalation().ladder[0].percent, 1000);
}

TEST(WorkflowLoader, StepsAtTheBreach) {
  auto r = load(edit(kRepair, "at: 80%", "at: breach"));
  ASSERT_TRUE(r.ok()) << dump(r);
  const auto& ladder = r.workflow->escalation().ladder;
  ASSERT_EQ(ladder.size(), 2u);
  EXPECT_TRUE(ladder[0].at_breach);
  EXPECT_EQ(ladder[0].percent, 100);
  EXPECT_EQ(ladder[0].notify, std::vector<RoleId>{*r.workflow->find_role("supervisor")});
  EXPECT_FALSE(ladder[1].at_breach);  // `at: 100%` is the deadline instant, not the breach
  EXPECT_EQ(ladder[1].percent, 100);
  // Quoted, and with the rest of a step (set, severity) as any step.
  auto quoted = load(edit(kRepair, "at: 100%", "at: \"breach\""));
  ASSERT_TRUE(quoted.ok()) << dump(quoted);
  const EscalationStep& step = quoted.workflow->escalation().ladder[1];
  EXPECT_TRUE(step.at_breach);
  EXPECT_TRUE(step.only_major);
  EXPECT_EQ(step.set.size(), 1u);
}

TEST(WorkflowLoader, AMisspeltBreachIsReportedWithPlaceAndHint) {
  auto r = load(edit(kRepair, "at: 80%", "at: breech"));
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u) << dump(r);
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "test.yaml:34:29: error: 'at' must be a percentage such as 80% or 'breach', not 'breech' (did you "
            "mean 'breach'?) [bad-percent]");
}

TEST(WorkflowLoader, AtMost64LadderSteps) {
  // 64 steps load; the 65th is an error at its own place, reported once however many follow.
  auto ladder = [](int steps) {
    std::string text;
    for (int i = 0; i < steps; ++i) text += "    - {clock: response, at: " + std::to_string(i + 1) + "%, notify: supervisor}\n";
    return text;
  };
  const std::string two = "    - {clock: response, at: 80%, notify: supervisor}\n"
                          "    - {clock: response, at: 100%, notify: [supervisor], set: {severity: major}, severity: major}\n";
  auto ok = load(edit(kRepair, two, ladder(64)));
  ASSERT_TRUE(ok.ok()) << dump(ok);
  EXPECT_EQ(ok.workflow->escalation().ladder.size(), 64u);
  auto r = load(edit(kRepair, two, ladder(70)));
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u) << dump(r);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.code, "too-many");
  EXPECT_EQ(d.where.line, 34 + 64);  // the first step is on line 34
  EXPECT_EQ(d.where.column, 7);
  EXPECT_EQ(d.to_string(),
            "test.yaml:98:7: error: the escalation ladder has more than 64 steps; a ticket keeps track of at "
            "most 64 [too-many]");
}

TEST(WorkflowLoader, ActionsAreCompiled) {
  auto r = load(kRepair);
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  const auto& grab = w.transitions()[w.candidates(w.initial_state(), *w.find_event("grab"))[0]];
  ASSERT_EQ(grab.actions.size(), 1u);
  EXPECT_EQ(std::get<AssignAction>(grab.actions[0].what).from, AssignAction::From::kActor);
  const auto& dispatch = w.transitions()[w.candidates(w.initial_state(), *w.find_event("dispatch"))[0]];
  const auto& notify = std::get<NotifyAction>(dispatch.actions[0].what);
  EXPECT_FALSE(notify.to_role);
  EXPECT_EQ(notify.field, w.assignee_field());
  EXPECT_TRUE(dispatch.admits(*w.find_role("front_desk")));
  EXPECT_FALSE(dispatch.admits(*w.find_role("repairer")));
}

TEST(WorkflowLoader, AssignByStrategyIsCompiled) {
  auto r = load(edit(kRepair, "{assign: actor}", "{assign: {strategy: least_loaded, role: repairer, skill_field: category}}"));
  ASSERT_TRUE(r.ok()) << dump(r);
  const Workflow& w = *r.workflow;
  const auto& grab = w.transitions()[w.candidates(w.initial_state(), *w.find_event("grab"))[0]];
  const auto& assign = std::get<AssignAction>(grab.actions.at(0).what);
  EXPECT_EQ(assign.from, AssignAction::From::kStrategy);
  EXPECT_EQ(assign.strategy, "least_loaded");
  EXPECT_EQ(assign.role, w.find_role("repairer"));
  EXPECT_EQ(assign.skill_field, w.find_field("category"));
  EXPECT_EQ(grab.actions[0].where.line, 22);

  // Role and skill field are optional.
  auto bare = load(edit(kRepair, "{assign: actor}", "{assign: {strategy: grab}}"));
  ASSERT_TRUE(bare.ok()) << dump(bare);
  const auto& t = bare.workflow->transitions()[bare.workflow->candidates(bare.workflow->initial_state(),
                                                                         *bare.workflow->find_event("grab"))[0]];
  const auto& plain = std::get<AssignAction>(t.actions.at(0).what);
  EXPECT_EQ(plain.strategy, "grab");
  EXPECT_FALSE(plain.role);
  EXPECT_FALSE(plain.skill_field);
}

struct Mistake {
  const char* name;
  const char* from;
  const char* to;
  const char* code;
  int line;
  const char* message_part;
};

class WorkflowLoaderMistake : public testing::TestWithParam<Mistake> {};

TEST_P(WorkflowLoaderMistake, IsReportedWithPlaceAndHint) {
  const Mistake& m = GetParam();
  auto r = load(edit(kRepair, m.from, m.to));
  EXPECT_FALSE(r.ok());
  const Diagnostic* d = find_code(r, m.code);
  ASSERT_NE(d, nullptr) << "expected " << m.code << ", got:\n" << dump(r);
  EXPECT_EQ(d->severity, DiagnosticSeverity::kError);
  EXPECT_EQ(d->where.file, "test.yaml");
  EXPECT_EQ(d->where.line, m.line) << d->to_string();
  EXPECT_GT(d->where.column, 0);
  EXPECT_NE(d->message.find(m.message_part), std::string::npos) << d->message;
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, WorkflowLoaderMistake,
    testing::Values(
        Mistake{"TypoInTopKey", "title:", "titel:", "unknown-key", 3, "did you mean 'title'?"},
        Mistake{"TypoInStateRef", "to: dispatched, roles", "to: dispached, roles", "unknown-state", 20,
                "did you mean 'dispatched'?"},
        Mistake{"TypoInRole", "roles: [front_desk], requires", "roles: [front_dsk], requires", "unknown-role", 20,
                "did you mean 'front_desk'?"},
        Mistake{"UnknownFieldType", "{type: time}", "{type: datetime}", "unknown-type", 12, "datetime"},
        Mistake{"WrongTypeInCondition", "{paid: true}", "{paid: \"true\"}", "wrong-type", 23, "true or false"},
        Mistake{"StringComparedAsInt", "{gte: 3}", "{gte: three}", "wrong-type", 25, "whole number"},
        Mistake{"EnumValueUnknown", "default: other", "default: othr", "bad-value", 7, "did you mean 'other'?"},
        Mistake{"OrderingOnEnum", "{amount: {gt: 0}}", "{category: {gt: plumbing}}", "bad-condition", 23,
                "only int, number and time"},
        Mistake{"UnknownFieldInCondition", "{amount: {gt: 0}}", "{amuont: {gt: 0}}", "unknown-field", 23,
                "did you mean 'amount'?"},
        Mistake{"UnknownRequire", "requires: [assignee]", "requires: [asignee]", "unknown-field", 20,
                "did you mean 'assignee'?"},
        Mistake{"UnknownTemplate", "template: work_order", "template: work_ordr", "unknown-template", 21,
                "did you mean 'work_order'?"},
        Mistake{"UnknownPlaceholder", "{{location}}", "{{locaton}}", "unknown-placeholder", 37,
                "did you mean 'location'?"},
        Mistake{"UnknownAction", "{assign: actor}", "{asign: actor}", "bad-action", 22, "did you mean 'assign'?"},
        Mistake{"AssignStrategyUnknownKey", "{assign: actor}", "{assign: {strategy: grab, skil_field: category}}",
                "unknown-key", 22, "did you mean 'skill_field'?"},
        Mistake{"AssignStrategyMissing", "{assign: actor}", "{assign: {role: repairer}}", "missing-key", 22,
                "'strategy'"},
        Mistake{"AssignStrategyBadName", "{assign: actor}", "{assign: {strategy: least-loaded}}", "bad-name", 22,
                "least-loaded"},
        Mistake{"AssignStrategyUnknownRole", "{assign: actor}", "{assign: {strategy: grab, role: repairman}}",
                "unknown-role", 22, "did you mean 'repairer'?"},
        Mistake{"AssignSkillFieldUnknown", "{assign: actor}", "{assign: {strategy: grab, skill_field: categroy}}",
                "unknown-field", 22, "did you mean 'category'?"},
        Mistake{"AssignSkillFieldNotText", "{assign: actor}", "{assign: {strategy: grab, skill_field: paid}}",
                "wrong-type", 22, "must be a string or enum field; 'paid' is of type bool"},
        Mistake{"AssignList", "{assign: actor}", "{assign: [actor]}", "wrong-type", 22,
                "{strategy: NAME, role: ROLE, skill_field: FIELD}"},
        Mistake{"DueAtNotTime", "due_at: callback_at", "due_at: location", "wrong-type", 30, "time field"},
        Mistake{"BadDuration", "target: 24h", "target: 24 hours", "bad-duration", 30, "30m"},
        Mistake{"BadPercent", "at: 80%", "at: 80 percent", "bad-percent", 34, "80%"},
        Mistake{"AtAboveAThousand", "at: 80%", "at: 1001%", "out-of-range", 34, "between 0% and 1000%"},
        Mistake{"AtNegative", "at: 80%", "at: -5%", "out-of-range", 34, "between 0% and 1000%"},
        Mistake{"AtAWordOtherThanBreach", "at: 80%", "at: missed", "bad-percent", 34, "80% or 'breach', not 'missed'"},
        Mistake{"AtBreachWithPercent", "at: 80%", "at: breach%", "bad-percent", 34, "80% or 'breach'"},
        Mistake{"WarnAtZero", "calendar: office}", "calendar: office, warn_at: 0%}", "out-of-range", 29,
                "'warn_at' must be between 1% and 99%"},
        Mistake{"WarnAtTheDeadline", "calendar: office}", "calendar: office, warn_at: 100%}", "out-of-range", 29,
                "between 1% and 99%"},
        Mistake{"WarnAtWithoutSign", "calendar: office}", "calendar: office, warn_at: 90}", "bad-percent", 29,
                "80%"},
        Mistake{"EscalationUnknownClock", "{clock: response, at: 80%", "{clock: respons, at: 80%", "unknown-clock",
                34, "did you mean 'response'?"},
        Mistake{"DuplicateKey", "  dispatched: {label: 已派工}", "  reported: {label: 已派工}", "duplicate-key", 16,
                "first at line 15"},
        Mistake{"DuplicateInitial", "dispatched: {label", "dispatched: {initial: true, label", "duplicate-initial-state",
                16, "already is"},
        Mistake{"NoInitial", "reported: {initial: true, label", "reported: {label", "no-initial-state", 15,
                "initial: true"},
        Mistake{"DeclaringBuiltin", "  phone:", "  assignee:", "reserved-name", 8, "built in"},
        Mistake{"CombinatorAsFieldName", "  phone:", "  not:", "reserved-name", 8, "reserved word"},
        Mistake{"EngineEventAsWorkflowEvent", "{event: dispatch,", "{event: sla_breached,", "reserved-name", 20,
                "journals itself"},
        Mistake{"MinAboveMax", "min: 1, max: 5", "min: 6, max: 5", "bad-range", 10, "min greater than max"},
        Mistake{"EnumWithoutValues", "{type: enum, values: [plumbing, electrical, other], default: other}",
                "{type: enum}", "missing-key", 7, "needs 'values'"},
        Mistake{"BadName", "  closed: {final", "  clo-sed: {final", "bad-name", 18, "not a valid name"},
        Mistake{"SequenceAsCondition", "{satisfaction: {gte: 3}}", "{satisfaction: [3, 4]}", "bad-condition", 25,
                "{in: [...]}"},
        Mistake{"BadPrefix", "prefix: BX", "prefix: bx-1", "bad-prefix", 4, "capital letters"},
        Mistake{"YamlSyntax", "roles: [front_desk, repairer, supervisor]", "roles: [front_desk, repairer",
                "yaml-syntax", 14, "YAML syntax error"},
        Mistake{"Tag", "version: 2", "version: !!int 2", "yaml-tag", 2, "not supported"}),
    [](const testing::TestParamInfo<Mistake>& p) { return p.param.name; });

TEST(WorkflowLoader, ReportsSeveralIndependentErrorsInOnePass) {
  std::string text = edit(kRepair, "to: dispatched, roles", "to: dispached, roles");
  text = edit(text, "to: closed, requires", "to: closd, requires");
  auto r = load(text);
  ASSERT_FALSE(r.ok());
  std::size_t unknown_states = 0;
  for (const auto& d : r.diagnostics) unknown_states += d.code == "unknown-state";
  EXPECT_EQ(unknown_states, 2u) << dump(r);
  // Sorted by position.
  for (std::size_t i = 1; i < r.diagnostics.size(); ++i)
    EXPECT_LE(r.diagnostics[i - 1].where.line, r.diagnostics[i].where.line);
}

TEST(WorkflowLoader, QuotedNumberIsAString) {
  auto r = load(edit(kRepair, "location: {type: string, required: true, label: 位置}",
                     "location: {type: string, required: true, label: 位置, default: \"12\"}"));
  ASSERT_TRUE(r.ok()) << dump(r);
  EXPECT_EQ(*r.workflow->field(*r.workflow->find_field("location")).default_value, Value("12"));
}

TEST(WorkflowLoader, DiagnosticPrintsLikeACompiler) {
  auto r = load(edit(kRepair, "title:", "titel:"));
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "test.yaml:3:1: error: unknown key 'titel' in the workflow (did you mean 'title'?) [unknown-key]");
}

TEST(WorkflowLoader, MissingFileIsAnError) {
  auto r = load_workflow_file("/nonexistent/dir/repair.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "io");
  EXPECT_EQ(r.diagnostics[0].where.file, "/nonexistent/dir/repair.yaml");
}

}  // namespace
}  // namespace propdesk
