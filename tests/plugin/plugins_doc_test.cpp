// docs/plugins.md cannot drift: its plugin and CMake listings are the files the install test
// builds, and its JSON line is what the log notifier writes for that notification.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "doc_blocks.hpp"
#include "plugin_test_support.hpp"
#include "propdesk/notification_renderer.hpp"

namespace propdesk {
namespace {

using plugin_testing::failures;
using plugin_testing::repair_ticket;
using plugin_testing::repair_workflow;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;
using plugin_testing::slurp;

const std::string kDoc = std::string(PROPDESK_SOURCE_DIR) + "/docs/plugins.md";

// The fenced blocks of `language` in the page, in order.
std::vector<std::string> blocks(const std::string& language) {
  std::vector<std::string> out;
  for (const auto& b : doc_blocks::blocks(kDoc, language)) out.push_back(b.text);
  return out;
}

TEST(PluginsDoc, ThePluginListingIsTheExampleTheTestsBuild) {
  const auto cpp = blocks("cpp");
  ASSERT_FALSE(cpp.empty());
  EXPECT_EQ(cpp[0], slurp(std::string(PROPDESK_SOURCE_DIR) + "/examples/custom_plugin/estate_extras.cpp"));
  const auto cmake = blocks("cmake");
  ASSERT_FALSE(cmake.empty());
  EXPECT_EQ(cmake[0], slurp(std::string(PROPDESK_SOURCE_DIR) + "/examples/custom_plugin/CMakeLists.txt"));
}

TEST(PluginsDoc, TheLogLineIsWhatTheLogNotifierWrites) {
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{shipped("propdesk_notify_log")}, {}, true});
  ASSERT_TRUE(report.ok()) << failures(report);
  Ticket t = repair_ticket();
  t.state = "dispatched";
  t.assignee = "li";
  t.version = 2;
  SlaClockState response;
  response.name = "response";
  response.due = *parse_time("2026-11-26T11:00:00+08:00");
  t.clocks = {response};
  RenderOptions options;
  options.link_base = "https://desk.example.com/t/";
  const Notification n =
      render_notification(*repair_workflow(), t, {"assignee", false, "work_order"},
                          {"dispatch", {"wang", "front_desk"}, *parse_time("2026-11-26T09:05:00+08:00")}, options);
  ScratchDir dir;
  const auto file = dir.path("log.jsonl");
  ASSERT_TRUE(registry.notifier_type("log")->create({{"path", file.string()}})->send(n).delivered());
  const auto json = blocks("json");
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0], slurp(file));
}

}  // namespace
}  // namespace propdesk
