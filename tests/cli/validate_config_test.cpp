// `propdesk validate propdesk.yaml` checks the engine configuration, and a propdesk.yaml beside the
// workflows is never taken for one of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

const std::filesystem::path kWorkflowDir = PROPDESK_WORKFLOW_DIR;

TEST(ValidateConfigCli, TheShippedConfiguration) {
  Workspace ws;
  const std::string file = (kWorkflowDir / "propdesk.yaml").string();
  CliRun r = ws.run({"validate", file});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, file +
                       ": ok: engine configuration, 5 workflow files, 2 calendars, 1 severity "
                       "rule\n");
}

TEST(ValidateConfigCli, ABrokenConfigurationPrintsWhereAndExits1) {
  Workspace ws;
  std::ofstream(ws.path("propdesk.yaml")) << "workflows: [repair.yaml]\ncalender: {}\n";
  CliRun r = ws.run({"validate", "propdesk.yaml"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(
      r.err,
      "propdesk.yaml:1:13: error: workflow file or folder 'repair.yaml' not found [missing-file]\n"
      "propdesk.yaml:2:1: error: unknown key 'calender' in the engine configuration (did you "
      "mean 'calendars'?) [unknown-key]\n");
  EXPECT_EQ(r.out, "propdesk.yaml: invalid\n");

  r = ws.run({"validate", "propdesk.yaml", "--json"});
  EXPECT_EQ(r.status, 1);
  const auto report = r.json();
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0]["configuration"], true);
  EXPECT_EQ(report[0]["ok"], false);
  EXPECT_EQ(report[0]["diagnostics"][1]["code"], "unknown-key");
  EXPECT_EQ(report[0]["diagnostics"][1]["line"], 2);
}

TEST(ValidateConfigCli, AConfigurationBesideTheWorkflowsIsNotAWorkflow) {
  Workspace ws;
  std::filesystem::create_directories(ws.path("flows"));
  std::filesystem::copy_file(kWorkflowDir / "repair.yaml", ws.path("flows/repair.yaml"));
  std::ofstream(ws.path("flows/propdesk.yaml")) << "workflows: [repair.yaml]\n";
  CliRun r = ws.run({"ticket", "create", "repair", "location=3-2-1502", "category=plumbing",
                     "description=厨房水管漏水", "phone=13812345678", "--db", "desk.db",
                     "--workflows", ws.path("flows").string(), "--as", "wangli:front_desk"});
  EXPECT_EQ(r.status, 0) << r.err;
}

}  // namespace
}  // namespace propdesk
