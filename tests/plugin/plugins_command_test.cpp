// `propdesk plugins`, run as the real binary on folders of real plugin files.
#include <gtest/gtest.h>

#include "cli/cli_test_support.hpp"
#include "plugin_test_support.hpp"

namespace propdesk {
namespace {

using cli_testing::Workspace;
using plugin_testing::fixture;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(PluginsCommand, ListsPluginsVersionsAndWhatEachProvides) {
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  dir.add(fixture("c_plugin"));
  Workspace ws;
  const auto r = ws.run({"plugins", "--plugin-dir", dir.path().string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "loaded (2):")) << r.out;
  EXPECT_TRUE(contains(r.out, "  notify_log 0.1.0  plugin API 1.1  " + dir.path("propdesk_notify_log.so").string()));
  EXPECT_TRUE(contains(r.out, "  c_plugin 2.3.4  plugin API 1.1  ")) << r.out;
  EXPECT_TRUE(contains(r.out, "    escalation rule    c_repeat        major when a location keeps reporting")) << r.out;
  EXPECT_TRUE(contains(r.out, "c_plugin: info: c_plugin registered")) << r.out;
  EXPECT_FALSE(contains(r.out, "refused"));
}

TEST(PluginsCommand, ListsTheStoreTypeOfTheLmdbPlugin) {
  ScratchDir dir;
  dir.add(shipped("propdesk_store_lmdb"));
  dir.add(fixture("c_plugin_api_1_0"));
  Workspace ws;
  const auto r = ws.run({"plugins", "--plugin-dir", dir.path().string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "  lmdb 0.1.0  plugin API 1.1  " + dir.path("propdesk_store_lmdb.so").string() +
                                  "\n    key-value store in an LMDB file\n"
                                  "    store  lmdb  an LMDB database file (setting 'path'; 'map_size', default 1GiB)\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "  c_plugin 2.3.4  plugin API 1.0  ")) << r.out;  // a 1.0 plugin beside it

  const auto json = ws.run({"plugins", "--plugin-dir", dir.path().string(), "--load", "lmdb", "--json"});
  EXPECT_EQ(json.status, 0) << json.err;
  const auto j = json.json();
  ASSERT_EQ(j["loaded"].size(), 1u);
  EXPECT_EQ(j["loaded"][0]["provides"][0]["kind"], "store");
  EXPECT_EQ(j["loaded"][0]["provides"][0]["name"], "lmdb");
}

TEST(PluginsCommand, RefusedFilesAndUnknownNamesExitOneWithTheReason) {
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  dir.add(fixture("future_major"));
  const auto junk = dir.write("junk.so", "#!/bin/sh\n");
  Workspace ws;
  const auto r = ws.run({"plugins", "--plugin-dir", dir.path().string(), "--load", "notify_log", "--load", "mail"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.out, "refused (3):")) << r.out;
  EXPECT_TRUE(contains(r.out, "  " + junk.string() + ": not a shared object (no ELF header)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "fixture_future_major.so: built for plugin API 2.0;")) << r.out;
  EXPECT_TRUE(contains(r.out, "  plugin 'mail': not found in " + dir.path().string() + "\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "loaded (1):\n  notify_log 0.1.0")) << r.out;
}

TEST(PluginsCommand, Json) {
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  dir.add(fixture("c_plugin"));
  const auto junk = dir.write("junk.so", "nothing");
  Workspace ws;
  const auto r = ws.run({"plugins", "--plugin-dir", dir.path().string(), "--load", "notify_log", "--json"});
  EXPECT_EQ(r.status, 1);
  const auto j = r.json();
  EXPECT_EQ(j["paths"], nlohmann::json::array({dir.path().string()}));
  ASSERT_EQ(j["loaded"].size(), 1u);
  EXPECT_EQ(j["loaded"][0]["name"], "notify_log");
  EXPECT_EQ(j["loaded"][0]["version"], "0.1.0");
  EXPECT_EQ(j["loaded"][0]["api"], "1.1");
  EXPECT_EQ(j["loaded"][0]["provides"][0]["kind"], "notifier");
  EXPECT_EQ(j["loaded"][0]["provides"][0]["name"], "log");
  ASSERT_EQ(j["found"].size(), 1u);
  EXPECT_EQ(j["found"][0]["name"], "c_plugin");
  EXPECT_EQ(j["found"][0]["file"], dir.path("fixture_c_plugin.so").string());
  ASSERT_EQ(j["refused"].size(), 1u);
  EXPECT_EQ(j["refused"][0]["file"], junk.string());
  EXPECT_EQ(j["refused"][0]["reason"], "not a shared object (no ELF header)");
  EXPECT_EQ(j["messages"], nlohmann::json::array());
}

TEST(PluginsCommand, ListsTheBuiltInStrategiesMarkedBuiltIn) {
  ScratchDir dir;
  dir.add(fixture("c_plugin"));
  Workspace ws;
  const auto r = ws.run({"plugins", "--plugin-dir", dir.path().string()});
  EXPECT_EQ(r.status, 0) << r.err;
  // Under their own heading, before the plugins, whatever the folders hold.
  const auto builtin = r.out.find("built in (3):\n");
  const auto loaded = r.out.find("loaded (1):");
  ASSERT_NE(builtin, std::string::npos) << r.out;
  EXPECT_LT(builtin, loaded) << r.out;
  const std::string section = r.out.substr(builtin, loaded - builtin);
  for (const char* name : {"grab", "least_loaded", "round_robin"})
    EXPECT_TRUE(contains(section, std::string("dispatch strategy  ") + name)) << section;
  // The plugin's own strategy is listed under the plugin, not as built in.
  EXPECT_FALSE(contains(section, "c_least_loaded")) << section;

  const auto j = ws.run({"plugins", "--plugin-dir", dir.path().string(), "--json"}).json();
  ASSERT_EQ(j["builtin"].size(), 3u) << j.dump(2);
  std::vector<std::string> names;
  for (const auto& p : j["builtin"]) {
    EXPECT_EQ(p["kind"], "dispatch strategy");
    EXPECT_FALSE(p["description"].get<std::string>().empty());
    names.push_back(p["name"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"grab", "least_loaded", "round_robin"}));
}

TEST(PluginsCommand, AMissingFolderIsRefusedNotACrash) {
  Workspace ws;
  const auto r = ws.run({"plugins", "--plugin-dir", ws.path("missing").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.out, ws.path("missing").string() + ": no such folder or file")) << r.out;
}

}  // namespace
}  // namespace propdesk
