// The registry on its own: built-ins go in through the same add() as plugins, names are unique per
// kind whoever provides them, and an addition is all or nothing.
#include "propdesk/plugin_registry.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace propdesk {
namespace {

class NamedNotifier final : public NotifierType {
 public:
  explicit NamedNotifier(std::string name) : name_(std::move(name)) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] std::unique_ptr<Notifier> create(const Settings&) const override { return nullptr; }

 private:
  std::string name_;
};

class NamedRule final : public EscalationRule {
 public:
  explicit NamedRule(std::string name) : name_(std::move(name)) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] SeverityVerdict classify(const Ticket&, const RuleContext&) const override { return {}; }

 private:
  std::string name_;
};

class RoundRobin final : public DispatchStrategy {
 public:
  [[nodiscard]] std::string_view name() const override { return "round_robin"; }
  DispatchChoice choose(const Ticket&, std::span<const DispatchCandidate> candidates) override {
    if (candidates.empty()) return {std::nullopt, "nobody"};
    return {next_++ % candidates.size(), "next in turn"};
  }

 private:
  std::atomic<std::size_t> next_{0};  // choose is called concurrently
};

std::string add_error(PluginRegistry& registry, PluginRegistry::Additions additions, std::string_view origin) {
  try {
    registry.add(std::move(additions), origin);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(added)";
}

TEST(PluginRegistry, BuiltinsAndPluginsShareOneNamespacePerKind) {
  PluginRegistry registry;
  PluginRegistry::Additions builtins;
  builtins.notifiers.push_back(std::make_shared<NamedNotifier>("log"));
  builtins.escalation_rules.push_back(std::make_shared<NamedRule>("complaint"));
  builtins.dispatch_strategies.push_back(std::make_shared<RoundRobin>());
  builtins.descriptions[{ProvidedKind::kEscalationRule, "complaint"}] = "the complaint rule";
  registry.add(std::move(builtins));

  EXPECT_TRUE(registry.notifier_type("log"));
  EXPECT_EQ(registry.escalation_rule("complaint")->name(), "complaint");
  EXPECT_EQ(registry.dispatch_strategy("round_robin")->name(), "round_robin");
  EXPECT_FALSE(registry.notifier_type("complaint"));
  const std::vector<Provided> all = registry.provided();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1], (Provided{ProvidedKind::kEscalationRule, "complaint", "the complaint rule", "builtin"}));

  PluginRegistry::Additions plugin;
  plugin.notifiers.push_back(std::make_shared<NamedNotifier>("webhook"));
  plugin.notifiers.push_back(std::make_shared<NamedNotifier>("log"));
  EXPECT_EQ(add_error(registry, std::move(plugin), "notify_extra"), "notifier 'log' is already provided by built in");
  EXPECT_FALSE(registry.notifier_type("webhook"));  // all or nothing
  EXPECT_TRUE(registry.provided_by("notify_extra").empty());

  PluginRegistry::Additions same_name_other_kind;
  same_name_other_kind.notifiers.push_back(std::make_shared<NamedNotifier>("complaint"));
  EXPECT_EQ(add_error(registry, std::move(same_name_other_kind), "notify_extra"), "(added)");
  EXPECT_EQ(registry.provided_by("notify_extra").size(), 1u);
  EXPECT_EQ(registry.provided_by("builtin").size(), 3u);
}

TEST(PluginRegistry, RefusesBadAdditionsWithAClearMessage) {
  PluginRegistry registry;
  PluginRegistry::Additions twice;
  twice.notifiers = {std::make_shared<NamedNotifier>("sms"), std::make_shared<NamedNotifier>("sms")};
  EXPECT_EQ(add_error(registry, std::move(twice), "builtin"), "notifier 'sms' is added twice");
  PluginRegistry::Additions malformed;
  malformed.escalation_rules = {std::make_shared<NamedRule>("Major Rule")};
  EXPECT_EQ(add_error(registry, std::move(malformed), "builtin"),
            "escalation rule name 'Major Rule' is malformed (expected [a-z][a-z0-9_.-]*, at most 64 bytes)");
  PluginRegistry::Additions null_item;
  null_item.dispatch_strategies = {nullptr};
  EXPECT_EQ(add_error(registry, std::move(null_item), "builtin"), "a null dispatch strategy cannot be added");
  EXPECT_EQ(add_error(registry, {}, "Not A Plugin"), "origin 'Not A Plugin' is not a valid plugin name");
  EXPECT_TRUE(registry.provided().empty());
}

// A store type an embedding program adds itself; open() records the settings it got.
class RecordingStoreType final : public KvStoreType {
 public:
  explicit RecordingStoreType(std::string name) : name_(std::move(name)) {}
  [[nodiscard]] std::string_view name() const override { return name_; }
  [[nodiscard]] std::unique_ptr<KvBackend> open(const Settings& settings) const override {
    opened_with = settings;
    return nullptr;
  }
  mutable Settings opened_with;

 private:
  std::string name_;
};

TEST(PluginRegistry, StoreTypesAreFoundAndOpenedByName) {
  PluginRegistry registry;
  auto mine = std::make_shared<RecordingStoreType>("memkv");
  PluginRegistry::Additions builtins;
  builtins.kv_stores.push_back(mine);
  builtins.descriptions[{ProvidedKind::kKvStore, "memkv"}] = "in memory";
  registry.add(std::move(builtins));
  EXPECT_EQ(registry.kv_store_type("memkv"), mine);
  EXPECT_FALSE(registry.kv_store_type("lmdb"));
  EXPECT_EQ(registry.provided(), (std::vector<Provided>{{ProvidedKind::kKvStore, "memkv", "in memory", "builtin"}}));
  (void)registry.open_kv_store("memkv", {{"path", "/tmp/x"}});
  EXPECT_EQ(mine->opened_with, (Settings{{"path", "/tmp/x"}}));
  try {
    (void)registry.open_kv_store("lmdb", {});
    FAIL() << "opened";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "no store type 'lmdb' (provided: memkv; load the plugin that provides it)");
  }
  PluginRegistry::Additions again;
  again.kv_stores.push_back(std::make_shared<RecordingStoreType>("memkv"));
  EXPECT_EQ(add_error(registry, std::move(again), "kv_plugin"), "store 'memkv' is already provided by built in");
  try {
    (void)PluginRegistry().open_kv_store("lmdb", {});
    FAIL() << "opened";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "no store type 'lmdb' (provided: none; load the plugin that provides it)");
  }
}

TEST(PluginRegistry, APluginNameIsLoadedOnce) {
  PluginRegistry registry;
  const PluginInfo info{"sms", "1.0", "", 1, 0, "/opt/a/sms.so"};
  registry.add_plugin(info, {});
  PluginInfo other = info;
  other.file = "/opt/b/sms.so";
  try {
    registry.add_plugin(other, {});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "plugin 'sms' is already loaded from /opt/a/sms.so");
  }
  ASSERT_EQ(registry.plugins().size(), 1u);
  EXPECT_EQ(*registry.plugin("sms"), info);
}

TEST(PluginRegistry, NamesFollowOneRule) {
  EXPECT_TRUE(is_valid_plugin_name("notify_log"));
  EXPECT_TRUE(is_valid_plugin_name("a"));
  EXPECT_TRUE(is_valid_plugin_name("estate.rules-2"));
  EXPECT_TRUE(is_valid_plugin_name(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_plugin_name(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_plugin_name(""));
  EXPECT_FALSE(is_valid_plugin_name("Log"));
  EXPECT_FALSE(is_valid_plugin_name("2log"));
  EXPECT_FALSE(is_valid_plugin_name("_log"));
  EXPECT_FALSE(is_valid_plugin_name("log plugin"));
  EXPECT_FALSE(is_valid_plugin_name("日志"));
}

TEST(PluginRegistry, MessagesReachTheHandlerAndErrorsAreCounted) {
  PluginRegistry registry;
  registry.report({PluginMessage::Level::kError, "x", "lost: no handler yet"});
  std::vector<std::string> seen;
  registry.set_message_handler([&](const PluginMessage& m) { seen.push_back(m.origin + ": " + m.text); });
  registry.report({PluginMessage::Level::kWarning, "x", "careful"});
  registry.set_message_handler([](const PluginMessage&) { throw std::runtime_error("a bad handler"); });
  registry.report({PluginMessage::Level::kError, "x", "handler throws: contained"});
  EXPECT_EQ(seen, std::vector<std::string>{"x: careful"});
  EXPECT_EQ(registry.error_count(), 2u);
}

}  // namespace
}  // namespace propdesk
