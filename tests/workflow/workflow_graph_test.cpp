// to_dot and to_mermaid: the lines they draw for states and transitions, escaping, and (when
// Graphviz is installed) that `dot` accepts the output.
#include "propdesk/workflow_graph.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

std::shared_ptr<const Workflow> load(std::string_view yaml) {
  LoadResult result = load_workflow_string(yaml, "test.yaml");
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == DiagnosticSeverity::kError) ADD_FAILURE() << d.to_string();
  }
  return result.workflow;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

constexpr std::string_view kRepair = R"(workflow: repair
roles: [desk, repairer, resident]
fields:
  paid: {type: bool}
states:
  reported: {initial: true, label: 待派单}
  working: {label: 处理中}
  closed: {final: true, label: 已结单}
  cancelled: {final: true}
transitions:
  - {event: dispatch, from: reported, to: working, roles: [desk]}
  - {event: grab, from: reported, to: working, roles: [repairer, resident]}
  - {event: finish, from: working, to: closed, when: {paid: true}}
  - {event: finish, from: working, to: closed, label: 完工}
  - {event: note, from: working}
  - {event: cancel, from: any, to: cancelled}
)";

class WorkflowGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    workflow_ = load(kRepair);
    ASSERT_NE(workflow_, nullptr);
  }
  std::shared_ptr<const Workflow> workflow_;
};

// --- DOT --------------------------------------------------------------------------------------

TEST_F(WorkflowGraphTest, DotIsADigraphNamedAfterTheWorkflow) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_EQ(dot.rfind("digraph \"repair\" {\n", 0), 0U) << dot;
  EXPECT_TRUE(contains(dot, "  rankdir=LR;\n")) << dot;
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST_F(WorkflowGraphTest, DotNodeShowsNameAndChineseLabel) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  \"reported\" [label=\"reported\\n待派单\"];\n")) << dot;
}

TEST_F(WorkflowGraphTest, DotNodeWithoutLabelShowsName) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  \"cancelled\" [label=\"cancelled\", shape=doublecircle];\n")) << dot;
}

TEST_F(WorkflowGraphTest, DotFinalStatesAreDoubleCircles) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  \"closed\" [label=\"closed\\n已结单\", shape=doublecircle];\n"))
      << dot;
  EXPECT_FALSE(contains(dot, "\"working\" [label=\"working\\n处理中\", shape=doublecircle]"));
}

TEST_F(WorkflowGraphTest, DotInitialStateIsEnteredFromStartPoint) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  __start [shape=point, label=\"\"];\n")) << dot;
  EXPECT_TRUE(contains(dot, "  __start -> \"reported\";\n")) << dot;
}

TEST_F(WorkflowGraphTest, DotJoinsEventsOfOneStatePairOnOneEdgeWithRoles) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot,
                       "  \"reported\" -> \"working\" "
                       "[label=\"dispatch (desk)\\ngrab (repairer, resident)\"];\n"))
      << dot;
}

TEST_F(WorkflowGraphTest, DotMarksConditionalTransitionAndUsesTransitionLabel) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  \"working\" -> \"closed\" [label=\"finish [when]\\n完工\"];\n"))
      << dot;
}

TEST_F(WorkflowGraphTest, DotDrawsInternalTransitionAsLoop) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  \"working\" -> \"working\" [label=\"note\"];\n")) << dot;
}

TEST_F(WorkflowGraphTest, DotDrawsTransitionFromAnyFromEveryNonFinalState) {
  const std::string dot = to_dot(*workflow_);
  EXPECT_TRUE(contains(dot, "  \"reported\" -> \"cancelled\" [label=\"cancel\"];\n")) << dot;
  EXPECT_TRUE(contains(dot, "  \"working\" -> \"cancelled\" [label=\"cancel\"];\n")) << dot;
  EXPECT_FALSE(contains(dot, "\"closed\" -> \"cancelled\"")) << dot;
  EXPECT_FALSE(contains(dot, "\"cancelled\" -> \"cancelled\"")) << dot;
}

TEST_F(WorkflowGraphTest, DotEdgesFollowFileOrder) {
  const std::string dot = to_dot(*workflow_);
  const auto dispatch = dot.find("\"reported\" -> \"working\"");
  const auto finish = dot.find("\"working\" -> \"closed\"");
  const auto cancel = dot.find("\"reported\" -> \"cancelled\"");
  ASSERT_NE(cancel, std::string::npos);
  EXPECT_LT(dispatch, finish);
  EXPECT_LT(finish, cancel);
}

TEST_F(WorkflowGraphTest, OutputIsDeterministic) {
  EXPECT_EQ(to_dot(*workflow_), to_dot(*load(kRepair)));
  EXPECT_EQ(to_mermaid(*workflow_), to_mermaid(*load(kRepair)));
}

TEST(WorkflowGraph, DotEscapesQuotesAndBackslashesInLabels) {
  const auto workflow = load(R"(workflow: t
states:
  open: {initial: true, label: 'say "hi" \ now'}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
)");
  ASSERT_NE(workflow, nullptr);
  const std::string dot = to_dot(*workflow);
  EXPECT_TRUE(contains(dot, R"(  "open" [label="open\nsay \"hi\" \\ now"];)")) << dot;
}

TEST(WorkflowGraph, DotTurnsLineBreaksInLabelsIntoEscapes) {
  const auto workflow = load(
      "workflow: t\nstates:\n  open: {initial: true, label: \"a\\nb\"}\n"
      "  done: {final: true}\n"
      "transitions:\n  - {event: finish, from: open, to: done}\n");
  ASSERT_NE(workflow, nullptr);
  const std::string dot = to_dot(*workflow);
  EXPECT_TRUE(contains(dot, R"(  "open" [label="open\na\nb"];)")) << dot;
}

TEST(WorkflowGraph, DotShortensLongRoleLists) {
  const auto workflow = load(R"(workflow: t
roles: [a, b, c, d]
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done, roles: [d, c, b, a]}
)");
  ASSERT_NE(workflow, nullptr);
  const std::string dot = to_dot(*workflow);
  EXPECT_TRUE(contains(dot, R"dot(  "open" -> "done" [label="finish (a, b, c, +1)"];)dot")) << dot;
}

TEST(WorkflowGraph, DotMarksTimedTransitions) {
  const auto workflow = load(R"(workflow: t
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: expire, from: open, to: done, roles: [system], after: 90m}
)");
  ASSERT_NE(workflow, nullptr);
  const std::string dot = to_dot(*workflow);
  EXPECT_TRUE(contains(dot, R"dot(  "open" -> "done" [label="expire [after 1h30m] (system)"];)dot"))
      << dot;
}

// Graphviz is optional: this runs only where `dot` is installed.
TEST_F(WorkflowGraphTest, DotProgramAcceptsOutput) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "graphviz not installed";
  const auto path = std::filesystem::temp_directory_path() /
                    ("propdesk_graph_test_" + std::to_string(::getpid()) + ".dot");
  {
    std::ofstream out(path);
    out << to_dot(*workflow_);
  }
  const std::string command = "dot -Tsvg -o /dev/null '" + path.string() + "'";
  const int status = std::system(command.c_str());
  std::filesystem::remove(path);
  EXPECT_EQ(status, 0);
}

// --- Mermaid ----------------------------------------------------------------------------------

TEST_F(WorkflowGraphTest, MermaidIsAStateDiagramWithStartAndEnds) {
  const std::string mermaid = to_mermaid(*workflow_);
  EXPECT_EQ(mermaid.rfind("stateDiagram-v2\n", 0), 0U) << mermaid;
  EXPECT_TRUE(contains(mermaid, "    [*] --> reported\n")) << mermaid;
  EXPECT_TRUE(contains(mermaid, "    closed --> [*]\n")) << mermaid;
  EXPECT_TRUE(contains(mermaid, "    cancelled --> [*]\n")) << mermaid;
  EXPECT_FALSE(contains(mermaid, "    working --> [*]\n")) << mermaid;
}

TEST_F(WorkflowGraphTest, MermaidDeclaresLabelledStates) {
  const std::string mermaid = to_mermaid(*workflow_);
  EXPECT_TRUE(contains(mermaid, "    state \"待派单\" as reported\n")) << mermaid;
  EXPECT_TRUE(contains(mermaid, "    cancelled\n")) << mermaid;
}

TEST_F(WorkflowGraphTest, MermaidEdgesCarryTheirEvents) {
  const std::string mermaid = to_mermaid(*workflow_);
  EXPECT_TRUE(contains(
      mermaid, "    reported --> working : dispatch (desk)<br/>grab (repairer, resident)\n"))
      << mermaid;
  EXPECT_TRUE(contains(mermaid, "    working --> working : note\n")) << mermaid;
  EXPECT_TRUE(contains(mermaid, "    working --> cancelled : cancel\n")) << mermaid;
}

TEST(WorkflowGraph, MermaidEscapesQuotesInLabels) {
  const auto workflow = load(R"(workflow: t
states:
  open: {initial: true, label: 'say "hi"; #1'}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
)");
  ASSERT_NE(workflow, nullptr);
  const std::string mermaid = to_mermaid(*workflow);
  EXPECT_TRUE(contains(mermaid, "    state \"say #quot;hi#quot;#59; #35;1\" as open\n")) << mermaid;
}

}  // namespace
}  // namespace propdesk
