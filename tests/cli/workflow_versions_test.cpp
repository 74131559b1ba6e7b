// Workflow versions through the real binary: each run is a new process, so the only memory of an
// old version is the copy the database keeps.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_test_support.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;

using cli_testing::shipped_repair_version;
using cli_testing::tiny_repair_workflow;

class WorkflowVersionsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_);
    std::filesystem::copy_file(std::filesystem::path(PROPDESK_WORKFLOW_DIR) / "repair.yaml", file_);
  }

  CliRun ticket(std::vector<std::string> args, const std::string& actor) {
    args.insert(args.begin(), "ticket");
    args.insert(args.end(),
                {"--db", "tickets.db", "--workflows", dir_.string(), "--as", actor, "--json"});
    return ws_.run(args);
  }

  CliRun create_repair() {
    return ticket({"create", "repair", "location=3-2-1502", "category=plumbing",
                   "description=厨房水管漏水", "phone=13812345678"},
                  "wangli:front_desk");
  }

  static void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  }

  Workspace ws_;
  std::filesystem::path dir_ = ws_.path("workflows");
  std::filesystem::path file_ = dir_ / "repair.yaml";
};

TEST_F(WorkflowVersionsCliTest, AnOldVersionsTicketIsFiredAfterTheFolderHoldsOnlyTheNext) {
  const int old_version = shipped_repair_version();
  CliRun created = create_repair();
  ASSERT_EQ(created.status, 0) << created.err;
  EXPECT_EQ(created.json()["workflow_version"], old_version);
  write(file_, tiny_repair_workflow(old_version + 1));  // the integrator replaces the version by the next

  CliRun dispatched = ticket({"fire", "1", "dispatch", "assignee=lishifu", "dispatch_mode=verbal"},
                             "zhouqiang:dispatcher");
  ASSERT_EQ(dispatched.status, 0) << dispatched.err;
  EXPECT_EQ(dispatched.json()["to_state"], "dispatched");

  CliRun fresh = ticket({"create", "repair", "location=1-1-101"}, "wangli:front_desk");
  ASSERT_EQ(fresh.status, 0) << fresh.err;
  EXPECT_EQ(fresh.json()["workflow_version"], old_version + 1);
}

TEST_F(WorkflowVersionsCliTest, AFileEditedWithoutANewVersionIsAnErrorNamingTheFile) {
  CliRun created = create_repair();
  ASSERT_EQ(created.status, 0) << created.err;
  write(file_, tiny_repair_workflow(shipped_repair_version()));  // other rules, same version

  CliRun fired = ticket({"fire", "1", "dispatch", "assignee=lishifu", "dispatch_mode=verbal"},
                        "zhouqiang:dispatcher");
  EXPECT_EQ(fired.status, 1);
  EXPECT_NE(fired.err.find(file_.string()), std::string::npos) << fired.err;
  EXPECT_NE(fired.err.find("workflow 'repair' version " + std::to_string(shipped_repair_version()) +
                           " is already stored with different content; give the changed workflow a new version"),
            std::string::npos)
      << fired.err;
  EXPECT_NE(fired.err.find("cannot load workflow file '" + file_.string() + "'"), std::string::npos)
      << fired.err;
}

}  // namespace
}  // namespace propdesk
