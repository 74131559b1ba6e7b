#include "propdesk/plugin_registry.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace propdesk {

std::string_view to_string(ProvidedKind kind) {
  switch (kind) {
    case ProvidedKind::kNotifier: return "notifier";
    case ProvidedKind::kEscalationRule: return "escalation rule";
    case ProvidedKind::kDispatchStrategy: return "dispatch strategy";
    case ProvidedKind::kKvStore: return "store";
  }
  return "unknown";
}

bool is_valid_plugin_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

// --- messages ------------------------------------------------------------------------------

void PluginRegistry::MessageSink::set_handler(PluginMessageHandler handler) {
  const std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

void PluginRegistry::MessageSink::report(const PluginMessage& message) noexcept {
  PluginMessageHandler handler;
  {
    const std::lock_guard lock(mutex_);
    if (message.level == PluginMessage::Level::kError) ++errors_;
    try {
      handler = handler_;
    } catch (...) {
      return;
    }
  }
  if (!handler) return;
  try {
    handler(message);
  } catch (...) {  // a handler must not throw; if it does, the message is lost, nothing else
  }
}

std::uint64_t PluginRegistry::MessageSink::error_count() const {
  const std::lock_guard lock(mutex_);
  return errors_;
}

// --- the registry ----------------------------------------------------------------------------

namespace {

std::string origin_text(std::string_view origin) {
  return origin == PluginRegistry::kBuiltin ? std::string("built in") : "plugin '" + std::string(origin) + "'";
}

template <class Map, class T>
void check_items(const Map& existing, const std::vector<std::shared_ptr<T>>& items, ProvidedKind kind) {
  std::set<std::string, std::less<>> seen;
  for (const auto& item : items) {
    if (!item) throw std::invalid_argument("a null " + std::string(to_string(kind)) + " cannot be added");
    const std::string name(item->name());
    if (!is_valid_plugin_name(name)) {
      throw std::invalid_argument(std::string(to_string(kind)) + " name '" + name +
                                  "' is malformed (expected [a-z][a-z0-9_.-]*, at most 64 bytes)");
    }
    if (auto it = existing.find(name); it != existing.end()) {
      throw std::invalid_argument(std::string(to_string(kind)) + " '" + name + "' is already provided by " +
                                  origin_text(it->second.provided.origin));
    }
    if (!seen.insert(name).second)
      throw std::invalid_argument(std::string(to_string(kind)) + " '" + name + "' is added twice");
  }
}

template <class Map, class T>
void insert_items(Map& into, std::vector<std::shared_ptr<T>>& items, ProvidedKind kind,
                  const PluginRegistry::Additions& additions, std::string_view origin) {
  for (auto& item : items) {
    std::string name(item->name());
    std::string description;
    if (auto it = additions.descriptions.find({kind, name}); it != additions.descriptions.end())
      description = it->second;
    Provided p{kind, name, std::move(description), std::string(origin)};
    into.emplace(std::move(name), typename Map::mapped_type{std::move(item), std::move(p)});
  }
}

// Appends the entries of `map` from `origin` (every entry when `origin` is null).
template <class Map>
void collect(const Map& map, std::vector<Provided>& out, const std::string_view* origin) {
  for (const auto& [name, entry] : map)
    if (origin == nullptr || entry.provided.origin == *origin) out.push_back(entry.provided);
}

}  // namespace

PluginRegistry::PluginRegistry() : sink_(std::make_shared<MessageSink>()) {}

// Items hold plugin data whose release functions run here; the plugins' code stays mapped.
PluginRegistry::~PluginRegistry() = default;

void PluginRegistry::check(const Additions& additions, std::string_view origin) const {
  if (origin != kBuiltin && !is_valid_plugin_name(origin)) {
    throw std::invalid_argument("origin '" + std::string(origin) + "' is not a valid plugin name");
  }
  check_items(notifiers_, additions.notifiers, ProvidedKind::kNotifier);
  check_items(rules_, additions.escalation_rules, ProvidedKind::kEscalationRule);
  check_items(strategies_, additions.dispatch_strategies, ProvidedKind::kDispatchStrategy);
  check_items(kv_stores_, additions.kv_stores, ProvidedKind::kKvStore);
}

void PluginRegistry::insert(Additions additions, std::string_view origin) {
  insert_items(notifiers_, additions.notifiers, ProvidedKind::kNotifier, additions, origin);
  insert_items(rules_, additions.escalation_rules, ProvidedKind::kEscalationRule, additions, origin);
  insert_items(strategies_, additions.dispatch_strategies, ProvidedKind::kDispatchStrategy, additions, origin);
  insert_items(kv_stores_, additions.kv_stores, ProvidedKind::kKvStore, additions, origin);
}

void PluginRegistry::add(Additions additions, std::string_view origin) {
  const std::unique_lock lock(mutex_);
  check(additions, origin);
  insert(std::move(additions), origin);
}

void PluginRegistry::add_plugin(const PluginInfo& plugin, Additions additions) {
  const std::unique_lock lock(mutex_);
  if (!is_valid_plugin_name(plugin.name)) {
    throw std::invalid_argument("plugin name '" + plugin.name +
                                "' is malformed (expected [a-z][a-z0-9_.-]*, at most 64 bytes)");
  }
  for (const PluginInfo& p : plugins_) {
    if (p.name == plugin.name) {
      throw std::invalid_argument("plugin '" + plugin.name + "' is already loaded from " + p.file.string());
    }
  }
  check(additions, plugin.name);
  plugins_.push_back(plugin);
  insert(std::move(additions), plugin.name);
}

std::optional<PluginInfo> PluginRegistry::plugin(std::string_view name) const {
  const std::shared_lock lock(mutex_);
  for (const PluginInfo& p : plugins_)
    if (p.name == name) return p;
  return std::nullopt;
}

std::vector<PluginInfo> PluginRegistry::plugins() const {
  const std::shared_lock lock(mutex_);
  return plugins_;
}

std::shared_ptr<const NotifierType> PluginRegistry::notifier_type(std::string_view name) const {
  const std::shared_lock lock(mutex_);
  auto it = notifiers_.find(name);
  return it == notifiers_.end() ? nullptr : it->second.item;
}

std::shared_ptr<const EscalationRule> PluginRegistry::escalation_rule(std::string_view name) const {
  const std::shared_lock lock(mutex_);
  auto it = rules_.find(name);
  return it == rules_.end() ? nullptr : it->second.item;
}

std::shared_ptr<DispatchStrategy> PluginRegistry::dispatch_strategy(std::string_view name) const {
  const std::shared_lock lock(mutex_);
  auto it = strategies_.find(name);
  return it == strategies_.end() ? nullptr : it->second.item;
}

std::shared_ptr<const KvStoreType> PluginRegistry::kv_store_type(std::string_view name) const {
  const std::shared_lock lock(mutex_);
  auto it = kv_stores_.find(name);
  return it == kv_stores_.end() ? nullptr : it->second.item;
}

std::unique_ptr<KvBackend> PluginRegistry::open_kv_store(std::string_view type, const Settings& settings) const {
  const auto store_type = kv_store_type(type);
  if (!store_type) {
    std::string known;
    {
      const std::shared_lock lock(mutex_);
      for (const auto& [name, entry] : kv_stores_) known += (known.empty() ? "" : ", ") + name;
    }
    throw std::invalid_argument("no store type '" + std::string(type) + "' (provided: " +
                                (known.empty() ? std::string("none") : known) +
                                "; load the plugin that provides it)");
  }
  return store_type->open(settings);
}

std::vector<std::shared_ptr<DispatchStrategy>> PluginRegistry::dispatch_strategies() const {
  const std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<DispatchStrategy>> out;
  out.reserve(strategies_.size());
  for (const auto& [name, entry] : strategies_) out.push_back(entry.item);
  return out;
}

std::vector<Provided> PluginRegistry::provided() const {
  const std::shared_lock lock(mutex_);
  std::vector<Provided> out;
  collect(notifiers_, out, nullptr);
  collect(rules_, out, nullptr);
  collect(strategies_, out, nullptr);
  collect(kv_stores_, out, nullptr);
  return out;  // maps are sorted by name, and collected kind by kind
}

std::vector<Provided> PluginRegistry::provided_by(std::string_view origin) const {
  const std::shared_lock lock(mutex_);
  std::vector<Provided> out;
  collect(notifiers_, out, &origin);
  collect(rules_, out, &origin);
  collect(strategies_, out, &origin);
  collect(kv_stores_, out, &origin);
  return out;
}

void PluginRegistry::set_message_handler(PluginMessageHandler handler) { sink_->set_handler(std::move(handler)); }

void PluginRegistry::report(PluginMessage message) const { sink_->report(message); }

std::uint64_t PluginRegistry::error_count() const { return sink_->error_count(); }

}  // namespace propdesk
