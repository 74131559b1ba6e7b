// Loading real shared objects: what is loaded, and every refusal, each with a real file, with the
// loader going on with the other files.
#include "propdesk/plugin_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "plugin_test_support.hpp"

namespace propdesk {
namespace {

using plugin_testing::call_exported;
using plugin_testing::failures;
using plugin_testing::fixture;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;

// The reason the report gives for `file`, or "" when it has none.
std::string reason_for(const PluginLoadReport& report, const std::filesystem::path& file) {
  for (const PluginFailure& f : report.failed)
    if (f.file == file) return f.reason;
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> names(const std::vector<PluginInfo>& plugins) {
  std::vector<std::string> out;
  for (const PluginInfo& p : plugins) out.push_back(p.name);
  return out;
}

TEST(PluginLoader, LoadsEveryPluginOfAFolderAndListsWhatEachProvides) {
  ScratchDir dir;
  dir.add(fixture("c_plugin"));
  dir.add(shipped("propdesk_notify_log"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  EXPECT_TRUE(report.ok()) << failures(report);
  // Files in name order: fixture_c_plugin.so, propdesk_notify_log.so.
  EXPECT_EQ(names(report.loaded), (std::vector<std::string>{"c_plugin", "notify_log"}));
  ASSERT_TRUE(registry.plugin("c_plugin"));
  EXPECT_EQ(registry.plugin("c_plugin")->version, "2.3.4");
  EXPECT_EQ(registry.plugin("c_plugin")->description, "a plugin in C");
  EXPECT_EQ(registry.plugin("c_plugin")->api_major, 1u);
  EXPECT_EQ(registry.plugin("c_plugin")->file, dir.path("fixture_c_plugin.so"));
  const std::vector<Provided> c = registry.provided_by("c_plugin");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], (Provided{ProvidedKind::kNotifier, "c_memo", "appends recipient|subject|body lines to a file",
                            "c_plugin"}));
  EXPECT_EQ(c[1], (Provided{ProvidedKind::kEscalationRule, "c_repeat", "major when a location keeps reporting",
                            "c_plugin"}));
  EXPECT_EQ(c[2], (Provided{ProvidedKind::kDispatchStrategy, "c_least_loaded", "", "c_plugin"}));
  EXPECT_TRUE(registry.notifier_type("log"));
  EXPECT_TRUE(registry.escalation_rule("c_repeat"));
  EXPECT_TRUE(registry.dispatch_strategy("c_least_loaded"));
  EXPECT_FALSE(registry.notifier_type("c_repeat"));  // names are per kind
}

TEST(PluginLoader, LoadsOnlyTheNamedPluginsAndReportsTheOthersAsFound) {
  ScratchDir dir;
  dir.add(fixture("c_plugin"));
  dir.add(shipped("propdesk_notify_log"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {{"notify_log", {}}}, false});
  EXPECT_TRUE(report.ok()) << failures(report);
  EXPECT_EQ(names(report.loaded), std::vector<std::string>{"notify_log"});
  EXPECT_EQ(names(report.found), std::vector<std::string>{"c_plugin"});
  EXPECT_FALSE(registry.plugin("c_plugin"));
  EXPECT_FALSE(registry.notifier_type("c_memo"));  // its register function was not called
}

TEST(PluginLoader, ARequestedPluginThatIsNowhereIsReported) {
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  PluginRegistry registry;
  const PluginLoadReport report =
      load_plugins(registry, {{dir.path()}, {{"notify_lgo", {}}, {"notify_log", {}}}, false});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].name, "notify_lgo");
  EXPECT_EQ(report.failed[0].to_string(), "plugin 'notify_lgo': not found in " + dir.path().string());
  EXPECT_EQ(names(report.loaded), std::vector<std::string>{"notify_log"});  // and the other still loads
}

TEST(PluginLoader, AMissingFolderIsReportedNotThrown) {
  ScratchDir dir;
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path("nowhere")}, {}, true});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].reason, "no such folder or file");
}

// One folder with every kind of bad file next to a good one: each refused with its reason, the
// good one loaded.
TEST(PluginLoader, RefusesEachBadFileWithItsReasonAndGoesOn) {
  ScratchDir dir;
  const auto text = dir.write("a_text_file.so", "this is not a shared object\n");
  const auto empty = dir.write("b_empty.so", "");
  const auto exe = dir.add("/bin/true", "c_executable.so");
  const auto no_entry = dir.add(fixture("no_entry"));
  const auto future = dir.add(fixture("future_major"));
  const auto small = dir.add(fixture("small_descriptor"));
  const auto bad_name = dir.add(fixture("bad_name"));
  const auto null_descriptor = dir.add(fixture("null_descriptor"));
  const auto throws = dir.add(fixture("entry_throws"));
  const auto unresolved = dir.add(fixture("unresolved"));
  const auto good = dir.add(fixture("c_plugin"));
  dir.write("notes.txt", "ignored: not *.so");

  PluginRegistry registry;
  std::vector<PluginMessage> messages;
  registry.set_message_handler([&](const PluginMessage& m) {
    if (m.level == PluginMessage::Level::kError) messages.push_back(m);
  });
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});

  EXPECT_EQ(names(report.loaded), std::vector<std::string>{"c_plugin"});
  EXPECT_EQ(report.failed.size(), 10u) << failures(report);
  EXPECT_EQ(reason_for(report, text), "not a shared object (no ELF header)");
  EXPECT_EQ(reason_for(report, empty), "not a shared object (no ELF header)");
  EXPECT_TRUE(contains(reason_for(report, exe), "cannot be loaded: ")) << reason_for(report, exe);
  EXPECT_TRUE(contains(reason_for(report, no_entry), "no entry point 'propdesk_plugin_entry'"));
  EXPECT_EQ(reason_for(report, future),
            "built for plugin API 2.0; this propdesk loads API 1.x plugins (rebuild it against this propdesk)");
  EXPECT_TRUE(contains(reason_for(report, small), "descriptor too small: 12 bytes, plugin API 1.0 needs at least"));
  EXPECT_EQ(reason_for(report, bad_name),
            "malformed plugin name 'Bad Name!' (expected [a-z][a-z0-9_.-]*, at most 64 bytes)");
  EXPECT_EQ(reason_for(report, null_descriptor), "entry point returned no descriptor");
  EXPECT_EQ(reason_for(report, throws), "entry point threw an exception: the entry point cannot cope");
  EXPECT_TRUE(contains(reason_for(report, unresolved), "undefined symbol: propdesk_fixture_symbol_nobody_defines"))
      << reason_for(report, unresolved);
  // Every failure was also reported as a plugin message naming the file.
  ASSERT_EQ(messages.size(), 10u);
  EXPECT_EQ(messages[0].level, PluginMessage::Level::kError);
  EXPECT_EQ(messages[0].text, text.string() + ": not a shared object (no ELF header)");
  EXPECT_EQ(registry.error_count(), 10u);
  EXPECT_EQ(names(registry.plugins()), std::vector<std::string>{"c_plugin"});
  (void)good;
}

TEST(PluginLoader, TwoFilesWithOneNameTheFirstWins) {
  ScratchDir dir;
  const auto a = dir.add(fixture("twin_a"));
  const auto b = dir.add(fixture("twin_b"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  EXPECT_EQ(names(report.loaded), std::vector<std::string>{"twin"});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].file, b);
  EXPECT_EQ(report.failed[0].reason, "plugin name 'twin' is already used by " + a.string());
  EXPECT_TRUE(registry.notifier_type("twin_a_notifier"));
  EXPECT_FALSE(registry.notifier_type("twin_b_notifier"));
}

TEST(PluginLoader, APluginNameAlreadyLoadedFromAnotherFileIsRefusedLater) {
  ScratchDir first, second;
  first.add(fixture("twin_a"));
  const auto b = second.add(fixture("twin_b"));
  PluginRegistry registry;
  EXPECT_TRUE(load_plugins(registry, {{first.path()}, {}, true}).ok());
  const PluginLoadReport report = load_plugins(registry, {{second.path()}, {}, true});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].file, b);
  EXPECT_TRUE(contains(report.failed[0].reason, "plugin name 'twin' is already used by"));
  // Loading the same folder again is no failure: the plugin is there already.
  const PluginLoadReport again = load_plugins(registry, {{first.path()}, {}, true});
  EXPECT_TRUE(again.ok()) << failures(again);
  EXPECT_EQ(names(again.loaded), std::vector<std::string>{"twin"});
}

TEST(PluginLoader, AFileNamedTwiceIsLookedAtOnce) {
  ScratchDir dir;
  const auto file = dir.add(fixture("c_plugin"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path(), file, dir.path() / "." }, {}, true});
  EXPECT_TRUE(report.ok()) << failures(report);
  EXPECT_EQ(names(report.loaded), std::vector<std::string>{"c_plugin"});
}

TEST(PluginLoader, ADuplicateProvidedNameRefusesTheWholePlugin) {
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  const auto taker = dir.add(fixture("takes_log"));
  PluginRegistry registry;
  // notify_log first (requests are loaded in the order given), then the one that also wants "log".
  const PluginLoadReport report =
      load_plugins(registry, {{dir.path()}, {{"notify_log", {}}, {"takes_log", {}}}, false});
  ASSERT_EQ(report.failed.size(), 1u) << failures(report);
  EXPECT_EQ(report.failed[0].file, taker);
  EXPECT_EQ(report.failed[0].reason,
            "registration failed: notifier 'log' is already provided by plugin 'notify_log'");
  EXPECT_FALSE(registry.plugin("takes_log"));
  // The refused registration's item was released (the ABI's ownership rule).
  EXPECT_EQ(call_exported(taker, "fixture_released"), 1);
}

TEST(PluginLoader, AProvidedNameABuiltinHasIsRefusedToo) {
  class BuiltinLog final : public NotifierType {
   public:
    [[nodiscard]] std::string_view name() const override { return "log"; }
    [[nodiscard]] std::unique_ptr<Notifier> create(const Settings&) const override { return nullptr; }
  };
  PluginRegistry registry;
  PluginRegistry::Additions builtins;
  builtins.notifiers.push_back(std::make_shared<BuiltinLog>());
  registry.add(std::move(builtins));
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].reason, "registration failed: notifier 'log' is already provided by built in");
}

TEST(PluginLoader, ARegisterFunctionThatFailsLeavesNothingBehind) {
  ScratchDir dir;
  const auto file = dir.add(fixture("register_fails"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].to_string(),
            file.string() + ": registration failed: setting 'token' is required");
  EXPECT_EQ(report.failed[0].name, "register_fails");
  EXPECT_FALSE(registry.notifier_type("half_done"));  // added before the failure, then dropped
  EXPECT_FALSE(registry.plugin("register_fails"));
  EXPECT_EQ(call_exported(file, "fixture_released"), 1);
}

TEST(PluginLoader, ARefusedAdditionRefusesThePluginEvenIfItCarriesOn) {
  ScratchDir dir;
  dir.add(fixture("ignores_refusal"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].reason,
            "registration failed: notifier name 'Not A Name' is malformed (expected [a-z][a-z0-9_.-]*, at most "
            "64 bytes)");
}

TEST(PluginLoader, PluginSettingsReachTheRegisterFunction) {
  ScratchDir dir;
  dir.add(fixture("c_plugin"));
  dir.add(fixture("sdk_plugin"));
  PluginRegistry registry;
  std::vector<PluginMessage> messages;
  registry.set_message_handler([&](const PluginMessage& m) { messages.push_back(m); });
  // c_plugin checks repeat_threshold; sdk_plugin requires greeting.
  const PluginLoadReport report = load_plugins(
      registry, {{dir.path()}, {{"c_plugin", {{"repeat_threshold", "zero"}}}, {"sdk_plugin", {}}}, false});
  ASSERT_EQ(report.failed.size(), 2u) << failures(report);
  EXPECT_EQ(report.failed[0].reason,
            "registration failed: setting 'repeat_threshold' must be a positive integer, not 'zero'");
  EXPECT_EQ(report.failed[1].reason, "registration failed: setting 'greeting' is required");

  PluginRegistry fresh;
  fresh.set_message_handler([&](const PluginMessage& m) { messages.push_back(m); });
  messages.clear();
  const PluginLoadReport ok = load_plugins(
      fresh, {{dir.path()}, {{"c_plugin", {{"repeat_threshold", "3"}}}, {"sdk_plugin", {{"greeting", "你好"}}}}, false});
  EXPECT_TRUE(ok.ok()) << failures(ok);
  // Messages the plugins logged while registering, with their names.
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].origin, "c_plugin");
  EXPECT_EQ(messages[0].text, "c_plugin registered");
  EXPECT_EQ(messages[1].origin, "sdk_plugin");
  EXPECT_EQ(messages[1].text, "greeting is '你好'");
  EXPECT_EQ(messages[1].level, PluginMessage::Level::kInfo);
}

TEST(PluginLoader, ARequestNamedTwiceIsReported) {
  ScratchDir dir;
  dir.add(shipped("propdesk_notify_log"));
  PluginRegistry registry;
  const PluginLoadReport report =
      load_plugins(registry, {{dir.path()}, {{"notify_log", {}}, {"notify_log", {}}}, false});
  ASSERT_EQ(report.failed.size(), 1u);
  EXPECT_EQ(report.failed[0].to_string(), "plugin 'notify_log': requested more than once");
  EXPECT_EQ(names(report.loaded), std::vector<std::string>{"notify_log"});
}

TEST(PluginLoader, APluginBuiltForAPI1_0StillLoads) {
  // c_plugin.c built against the frozen 1.0 header (tests.cmake): its host table and its own tables
  // have 1.0's layout.
  ScratchDir dir;
  const auto file = dir.add(fixture("c_plugin_api_1_0"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  EXPECT_TRUE(report.ok()) << failures(report);
  ASSERT_EQ(names(report.loaded), std::vector<std::string>{"c_plugin"});
  EXPECT_EQ(report.loaded[0].api_major, 1u);
  EXPECT_EQ(report.loaded[0].api_minor, 0u);
  EXPECT_EQ(registry.provided_by("c_plugin").size(), 3u);
  EXPECT_TRUE(registry.notifier_type("c_memo"));
  EXPECT_TRUE(registry.escalation_rule("c_repeat"));
  EXPECT_TRUE(registry.dispatch_strategy("c_least_loaded"));
  (void)file;
}

TEST(PluginLoader, AStoreTypeWithoutAFunctionIsRefusedNamingIt) {
  ScratchDir dir;
  const auto file = dir.add(fixture("kv_no_scan"));
  PluginRegistry registry;
  const PluginLoadReport report = load_plugins(registry, {{dir.path()}, {}, true});
  ASSERT_EQ(report.failed.size(), 1u) << failures(report);
  EXPECT_EQ(report.failed[0].to_string(),
            file.string() + ": registration failed: store 'scanless' has no scan function");
  EXPECT_FALSE(registry.kv_store_type("scanless"));
  EXPECT_EQ(call_exported(file, "fixture_released"), 1);  // its `user` released all the same
}

TEST(PluginLoader, AStoreTypeNameAlreadyProvidedRefusesThePlugin) {
  ScratchDir dir;
  dir.add(shipped("propdesk_store_lmdb"));
  const auto taker = dir.add(fixture("kv_takes_lmdb"));
  PluginRegistry registry;
  const PluginLoadReport report =
      load_plugins(registry, {{dir.path()}, {{"lmdb", {}}, {"kv_takes_lmdb", {}}}, false});
  ASSERT_EQ(report.failed.size(), 1u) << failures(report);
  EXPECT_EQ(report.failed[0].to_string(),
            taker.string() + ": registration failed: store 'lmdb' is already provided by plugin 'lmdb'");
  EXPECT_EQ(registry.provided_by("lmdb").size(), 1u);
  EXPECT_EQ(call_exported(taker, "fixture_released"), 1);
}

}  // namespace
}  // namespace propdesk
