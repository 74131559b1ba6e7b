// Hostile and broken files: each gets one clear error, fast, and never a crash or a hang.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

using Clock = std::chrono::steady_clock;

// Loads `text`, checks it fails with `code` at the given line, and within a second.
void expect_refused(const std::string& text, const std::string& code, int line) {
  const auto start = Clock::now();
  LoadResult r = load_workflow_string(text, "bad.yaml");
  const auto elapsed = Clock::now() - start;
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].code, code) << r.diagnostics[0].to_string();
  EXPECT_EQ(r.diagnostics[0].where.line, line) << r.diagnostics[0].to_string();
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(WorkflowBadInput, EmptyFile) { expect_refused("", "empty-file", 1); }

TEST(WorkflowBadInput, OnlyComments) { expect_refused("# nothing here\n", "empty-file", 1); }

TEST(WorkflowBadInput, ScalarDocument) { expect_refused("just some words\n", "not-a-mapping", 1); }

TEST(WorkflowBadInput, ListDocument) { expect_refused("- a\n- b\n", "not-a-mapping", 1); }

TEST(WorkflowBadInput, SyntaxErrorPointsAtItsLine) {
  expect_refused("workflow: x\nstates:\n  a: {initial: true\n", "yaml-syntax", 4);
}

TEST(WorkflowBadInput, BadIndentation) {
  expect_refused("workflow: x\nstates:\n  a: {}\n b: {}\n", "yaml-syntax", 4);
}

TEST(WorkflowBadInput, NonUtf8BytesAreLocated) {
  expect_refused("workflow: x\ntitle: caf\xe9 au lait\n", "not-utf8", 2);
}

TEST(WorkflowBadInput, Utf16IsNotUtf8) { expect_refused(std::string("\xff\xfew\0o\0", 6), "not-utf8", 1); }

TEST(WorkflowBadInput, TwoDocuments) {
  expect_refused("workflow: a\n---\nworkflow: b\n", "multiple-documents", 3);
}

TEST(WorkflowBadInput, DeepNestingIsCutOff) {
  const std::string deep = "workflow: x\nstates: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  expect_refused(deep, "too-deep", 2);
}

TEST(WorkflowBadInput, DeepBlockNestingIsCutOff) {
  std::string text = "workflow: x\n";
  for (int i = 0; i < 200; ++i) text += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  expect_refused(text, "too-deep", 66);
}

TEST(WorkflowBadInput, BillionLaughsIsRefused) {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  const char* names = "abcdefghij";
  for (int i = 1; i < 10; ++i) {
    text += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int k = 0; k < 10; ++k) text += std::string(k ? ", " : "") + "*" + names[i - 1];
    text += "]\n";
  }
  const auto start = Clock::now();
  LoadResult r = load_workflow_string(text, "bad.yaml");
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].code, "alias-bomb") << r.diagnostics[0].to_string();
}

TEST(WorkflowBadInput, ModestAliasesAreFine) {
  // Anchors and aliases are legitimate YAML: a shared role list must still load.
  const std::string text = R"(workflow: x
roles: [desk, boss]
states:
  a: {initial: true}
  b: {final: true}
transitions:
  - {event: go, from: a, to: b, roles: &staff [desk, boss]}
  - {event: stop, from: a, to: b, roles: *staff}
)";
  LoadResult r = load_workflow_string(text, "ok.yaml");
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_string());
}

TEST(WorkflowBadInput, HugeFileIsRefusedBeforeReading) {
  const auto path = std::filesystem::temp_directory_path() / ("propdesk_huge_" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(path, std::ios::binary);
    out << "workflow: x\ntitle: \"";
    // A sparse 100 MB file: costs no disk, and the loader must not read it.
    out.seekp(100 * 1024 * 1024);
    out << "\"\n";
  }
  const auto start = Clock::now();
  LoadResult r = load_workflow_file(path);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  std::filesystem::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].code, "too-large");
  EXPECT_NE(r.diagnostics[0].message.find("limit"), std::string::npos);
}

TEST(WorkflowBadInput, LargeStringInMemoryIsRefused) {
  LoadLimits limits;
  limits.max_bytes = 1024;
  LoadResult r = load_workflow_string("workflow: x\ntitle: " + std::string(2000, 'x') + "\n", "big.yaml", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].code, "too-large");
}

TEST(WorkflowBadInput, AliasCycleIsRefused) {
  // yaml-cpp may or may not accept a self-referencing alias; either way no crash and an error.
  LoadResult r = load_workflow_string("a: &a [*a]\n", "cycle.yaml");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.diagnostics.empty());
}

TEST(WorkflowBadInput, ComplexKeysAreRefused) {
  expect_refused("? [a, b]\n: c\n", "yaml-complex-key", 1);
}

TEST(WorkflowBadInput, DirectoryIsNotAFile) {
  LoadResult r = load_workflow_file(std::filesystem::temp_directory_path());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].code, "io");
}

}  // namespace
}  // namespace propdesk
