// propdesk/plugin_registry.hpp: what plugins and built-ins provide, found by name.
//
// Notifier types, escalation rules, dispatch strategies and key-value store types live here under
// names unique per kind, each with its origin: "builtin" or the plugin that added it. Built-in
// things are added through the same add() as plugins (the plugin loader, plugin_loader.hpp, calls
// it for each plugin), so a name is unique whoever provides it, and a listing shows everything in
// one place.
//
// Thread safety: every member function may be called from any number of threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "propdesk/dispatch_strategy.hpp"
#include "propdesk/escalation_rule.hpp"
#include "propdesk/export.hpp"
#include "propdesk/kv_store_type.hpp"
#include "propdesk/notifier.hpp"
#include "propdesk/settings.hpp"

namespace propdesk {

/// The kinds of things a plugin can provide.
enum class ProvidedKind { kNotifier, kEscalationRule, kDispatchStrategy, kKvStore };

/// "notifier", "escalation rule", "dispatch strategy" or "store".
PROPDESK_API std::string_view to_string(ProvidedKind kind);

/// One thing in the registry, for listings.
struct Provided {
  ProvidedKind kind = ProvidedKind::kNotifier;
  std::string name;
  std::string description;  ///< one line; may be empty
  std::string origin;       ///< "builtin" or the plugin's name

  friend bool operator==(const Provided&, const Provided&) = default;
};

/// A plugin that was loaded (or found): what its descriptor says and where it came from.
struct PluginInfo {
  std::string name;
  std::string version;      ///< the plugin's own version; may be empty
  std::string description;  ///< may be empty
  std::uint32_t api_major = 0;
  std::uint32_t api_minor = 0;
  std::filesystem::path file;

  friend bool operator==(const PluginInfo&, const PluginInfo&) = default;
};

/// A message about a plugin: one it logged while registering, or a failure of one of its rules or
/// strategies (which answer "general" / "nobody" when they fail, so the failure is reported here).
struct PluginMessage {
  enum class Level { kInfo, kWarning, kError };
  Level level = Level::kInfo;
  std::string origin;  ///< the plugin's name
  std::string text;
};

/// Receives plugin messages. Called on the thread where the message arose; must not throw.
using PluginMessageHandler = std::function<void(const PluginMessage&)>;

class PROPDESK_API PluginRegistry {
 public:
  /// The origin of built-in things.
  static constexpr std::string_view kBuiltin = "builtin";

  /// What one origin adds at once.
  struct Additions {
    std::vector<std::shared_ptr<const NotifierType>> notifiers;
    std::vector<std::shared_ptr<const EscalationRule>> escalation_rules;
    std::vector<std::shared_ptr<DispatchStrategy>> dispatch_strategies;
    std::vector<std::shared_ptr<const KvStoreType>> kv_stores;
    /// Optional one-line descriptions, by kind and name.
    std::map<std::pair<ProvidedKind, std::string>, std::string> descriptions;
  };

  PluginRegistry();
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  /// Adds everything in `additions` under `origin`, or nothing: throws std::invalid_argument, adding
  /// nothing, when an item is null, a name is malformed (not [a-z][a-z0-9_.-]*, at most 64 bytes),
  /// or a name is already in the registry or twice in `additions` for the same kind. The message
  /// names the item and who provides it already: "notifier 'log' is already provided by plugin
  /// 'notify_log'".
  void add(Additions additions, std::string_view origin = kBuiltin);

  /// Records a loaded plugin together with what it provides (add() with the plugin's name as
  /// origin); all or nothing like add(). Also throws std::invalid_argument when a plugin of that
  /// name was added before ("plugin 'notify_log' is already loaded from /usr/lib/...so").
  void add_plugin(const PluginInfo& plugin, Additions additions);

  /// The loaded plugin of that name, if any.
  [[nodiscard]] std::optional<PluginInfo> plugin(std::string_view name) const;
  /// Every loaded plugin, in load order.
  [[nodiscard]] std::vector<PluginInfo> plugins() const;

  /// Lookups by name; null when there is none.
  [[nodiscard]] std::shared_ptr<const NotifierType> notifier_type(std::string_view name) const;
  [[nodiscard]] std::shared_ptr<const EscalationRule> escalation_rule(std::string_view name) const;
  [[nodiscard]] std::shared_ptr<DispatchStrategy> dispatch_strategy(std::string_view name) const;
  [[nodiscard]] std::shared_ptr<const KvStoreType> kv_store_type(std::string_view name) const;
  /// Opens a database of store type `type` (KvStoreType::open): throws std::invalid_argument when
  /// there is no such store type ("no store type 'lmdb' (provided: none; load the plugin that
  /// provides it)") or the settings are bad, StoreError when the backend fails.
  [[nodiscard]] std::unique_ptr<KvBackend> open_kv_store(std::string_view type, const Settings& settings) const;
  /// Every dispatch strategy, sorted by name: what an engine's EngineOptions::dispatch_strategies
  /// takes (add_builtin_dispatch_strategies() first, for the built-in ones).
  [[nodiscard]] std::vector<std::shared_ptr<DispatchStrategy>> dispatch_strategies() const;

  /// Everything provided, sorted by kind and name.
  [[nodiscard]] std::vector<Provided> provided() const;
  /// What one origin provides ("builtin" or a plugin's name), sorted by kind and name.
  [[nodiscard]] std::vector<Provided> provided_by(std::string_view origin) const;

  /// Where plugin messages go (none by default: they are only counted).
  void set_message_handler(PluginMessageHandler handler);
  /// Reports a message through the handler (the loader and plugin wrappers use this).
  void report(PluginMessage message) const;
  /// How many messages of level kError were reported.
  [[nodiscard]] std::uint64_t error_count() const;

  /// The shared sink behind set_message_handler/report, for wrappers that outlive a call.
  class MessageSink;
  [[nodiscard]] std::shared_ptr<MessageSink> message_sink() const { return sink_; }

 private:
  template <class T>
  struct Entry {
    std::shared_ptr<T> item;
    Provided provided;
  };
  void check(const Additions& additions, std::string_view origin) const;  // throws; lock held
  void insert(Additions additions, std::string_view origin);             // lock held

  mutable std::shared_mutex mutex_;
  std::map<std::string, Entry<const NotifierType>, std::less<>> notifiers_;
  std::map<std::string, Entry<const EscalationRule>, std::less<>> rules_;
  std::map<std::string, Entry<DispatchStrategy>, std::less<>> strategies_;
  std::map<std::string, Entry<const KvStoreType>, std::less<>> kv_stores_;
  std::vector<PluginInfo> plugins_;
  std::shared_ptr<MessageSink> sink_;
};

/// The sink behind a registry's plugin messages: a handler and an error count, thread-safe.
class PROPDESK_API PluginRegistry::MessageSink {
 public:
  void set_handler(PluginMessageHandler handler);
  /// Calls the handler (a handler that throws is ignored) and counts errors.
  void report(const PluginMessage& message) noexcept;
  [[nodiscard]] std::uint64_t error_count() const;

 private:
  mutable std::mutex mutex_;
  PluginMessageHandler handler_;
  std::uint64_t errors_ = 0;
};

/// Whether `name` is acceptable as a plugin or provided name: [a-z][a-z0-9_.-]*, 1 to 64 bytes.
PROPDESK_API bool is_valid_plugin_name(std::string_view name);

}  // namespace propdesk
