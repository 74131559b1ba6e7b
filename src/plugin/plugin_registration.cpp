#include "plugin/plugin_registration.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>

#include "model/utf8.hpp"
#include "plugin/plugin_dispatch_strategy.hpp"
#include "plugin/plugin_escalation_rule.hpp"
#include "plugin/plugin_kv_store_type.hpp"
#include "plugin/plugin_notifier.hpp"

namespace propdesk::plugin {

namespace {

// The size of a table up to and including `last`, its last member in the API version that
// introduced the table (1.0, or 1.1 for propdesk_kv_store_type): a plugin's table must be at least
// that large; members added in later minor versions are read only if the size covers them (there
// are none yet).
#define PROPDESK_V1_SIZE(type, last) (offsetof(type, last) + sizeof(type::last))

// A copy of the table the plugin passed: the bytes its `size` covers, zeros beyond. Returns false
// when the table is NULL or smaller than `minimum`.
template <class Table>
bool copy_table(const Table* in, std::size_t minimum, Table& out) {
  if (in == nullptr) return false;
  const std::size_t size = in->size;
  if (size < minimum) return false;
  out = Table{};
  std::memcpy(&out, in, std::min(size, sizeof(Table)));
  return true;
}

// The text of an optional C string from a plugin, or "" when it is NULL or not UTF-8.
std::string optional_text(const char* s) {
  if (s == nullptr) return {};
  std::string t(s, strnlen(s, 1024));
  return find_invalid_utf8(t) ? std::string() : t;
}

std::string name_text(const char* name) {
  return name == nullptr ? std::string("(null)") : std::string(name, strnlen(name, 80));
}

}  // namespace

PluginRegistration::PluginRegistration(const PluginRegistry& registry, std::string origin,
                                       const Settings& settings)
    : registry_(registry), origin_(std::move(origin)), settings_(settings) {
  host_.size = sizeof host_;
  host_.api_major = PROPDESK_PLUGIN_API_MAJOR;
  host_.api_minor = PROPDESK_PLUGIN_API_MINOR;
  host_.context = this;
  host_.settings = settings_.data();
  host_.setting_count = settings_.size();
  host_.add_notifier = &PluginRegistration::add_notifier;
  host_.add_escalation_rule = &PluginRegistration::add_escalation_rule;
  host_.add_dispatch_strategy = &PluginRegistration::add_dispatch_strategy;
  host_.log = &PluginRegistration::log;
  host_.add_kv_store = &PluginRegistration::add_kv_store;
}

std::string PluginRegistration::name_problem(ProvidedKind kind, const char* name) const {
  const std::string kind_text(to_string(kind));
  if (name == nullptr) return kind_text + " without a name";
  const std::string n = name_text(name);
  if (!is_valid_plugin_name(n))
    return kind_text + " name '" + n + "' is malformed (expected [a-z][a-z0-9_.-]*, at most 64 bytes)";
  bool taken = false;
  std::string by;
  switch (kind) {
    case ProvidedKind::kNotifier:
      taken = registry_.notifier_type(n) != nullptr ||
              std::any_of(additions_.notifiers.begin(), additions_.notifiers.end(),
                          [&](const auto& t) { return t->name() == n; });
      break;
    case ProvidedKind::kEscalationRule:
      taken = registry_.escalation_rule(n) != nullptr ||
              std::any_of(additions_.escalation_rules.begin(), additions_.escalation_rules.end(),
                          [&](const auto& t) { return t->name() == n; });
      break;
    case ProvidedKind::kDispatchStrategy:
      taken = registry_.dispatch_strategy(n) != nullptr ||
              std::any_of(additions_.dispatch_strategies.begin(), additions_.dispatch_strategies.end(),
                          [&](const auto& t) { return t->name() == n; });
      break;
    case ProvidedKind::kKvStore:
      taken = registry_.kv_store_type(n) != nullptr ||
              std::any_of(additions_.kv_stores.begin(), additions_.kv_stores.end(),
                          [&](const auto& t) { return t->name() == n; });
      break;
  }
  if (!taken) return {};
  for (const Provided& p : registry_.provided()) {
    if (p.kind == kind && p.name == n) {
      by = p.origin == PluginRegistry::kBuiltin ? std::string("built in") : "plugin '" + p.origin + "'";
    }
  }
  if (by.empty()) return kind_text + " '" + n + "' is added twice";
  return kind_text + " '" + n + "' is already provided by " + by;
}

propdesk_status PluginRegistration::refuse(std::string reason, char* error, size_t error_size) noexcept {
  if (error != nullptr && error_size > 0) std::snprintf(error, error_size, "%s", reason.c_str());
  if (refusal_.empty()) refusal_ = std::move(reason);
  return PROPDESK_STATUS_INVALID;
}

template <class Table, class Missing, class Make>
propdesk_status PluginRegistration::add(ProvidedKind kind, const Table* in, std::size_t minimum,
                                        Missing missing, Make make, char* error,
                                        size_t error_size) noexcept {
  const std::string kind_text(to_string(kind));
  try {
    Table t;
    if (!copy_table(in, minimum, t)) {
      return refuse(kind_text + " table is NULL or smaller than its first plugin API version's (" +
                        std::to_string(in == nullptr ? 0 : in->size) + " of " + std::to_string(minimum) +
                        " bytes)",
                    error, error_size);
    }
    // The wrapper owns `user` from here on: if the item is refused below, dropping the wrapper
    // releases it, as the ABI promises.
    const std::string name = t.name == nullptr ? std::string() : name_text(t.name);
    auto wrapper = make(t, name);
    std::string problem = name_problem(kind, t.name);
    if (const char* function = missing(t); problem.empty() && function != nullptr)
      problem = kind_text + " '" + name + "' has no " + function + " function";
    if (!problem.empty()) return refuse(std::move(problem), error, error_size);
    additions_.descriptions[{kind, name}] = optional_text(t.description);
    push(std::move(wrapper));
    return PROPDESK_STATUS_OK;
  } catch (const std::exception& e) {
    return refuse("adding a " + kind_text + " failed: " + e.what(), error, error_size);
  }
}

void PluginRegistration::push(std::shared_ptr<const NotifierType> item) {
  additions_.notifiers.push_back(std::move(item));
}
void PluginRegistration::push(std::shared_ptr<const EscalationRule> item) {
  additions_.escalation_rules.push_back(std::move(item));
}
void PluginRegistration::push(std::shared_ptr<DispatchStrategy> item) {
  additions_.dispatch_strategies.push_back(std::move(item));
}
void PluginRegistration::push(std::shared_ptr<const KvStoreType> item) {
  additions_.kv_stores.push_back(std::move(item));
}

propdesk_status PluginRegistration::add_notifier(void* context, const propdesk_notifier_type* type,
                                                 char* error, size_t error_size) noexcept {
  auto& self = *static_cast<PluginRegistration*>(context);
  return self.add(
      ProvidedKind::kNotifier, type, PROPDESK_V1_SIZE(propdesk_notifier_type, release),
      [](const propdesk_notifier_type& t) -> const char* {
        return t.create == nullptr ? "create" : t.send == nullptr ? "send" : nullptr;
      },
      [&self](const propdesk_notifier_type& t, const std::string& name) {
        return std::shared_ptr<const NotifierType>(std::make_shared<PluginNotifierType>(t, name, self.origin_));
      },
      error, error_size);
}

propdesk_status PluginRegistration::add_escalation_rule(void* context, const propdesk_escalation_rule* rule,
                                                        char* error, size_t error_size) noexcept {
  auto& self = *static_cast<PluginRegistration*>(context);
  return self.add(
      ProvidedKind::kEscalationRule, rule, PROPDESK_V1_SIZE(propdesk_escalation_rule, release),
      [](const propdesk_escalation_rule& t) -> const char* {
        return t.classify == nullptr ? "classify" : nullptr;
      },
      [&self](const propdesk_escalation_rule& t, const std::string& name) {
        return std::shared_ptr<const EscalationRule>(
            std::make_shared<PluginEscalationRule>(t, name, self.origin_, self.registry_.message_sink()));
      },
      error, error_size);
}

propdesk_status PluginRegistration::add_dispatch_strategy(void* context,
                                                          const propdesk_dispatch_strategy* strategy,
                                                          char* error, size_t error_size) noexcept {
  auto& self = *static_cast<PluginRegistration*>(context);
  return self.add(
      ProvidedKind::kDispatchStrategy, strategy, PROPDESK_V1_SIZE(propdesk_dispatch_strategy, release),
      [](const propdesk_dispatch_strategy& t) -> const char* {
        return t.choose == nullptr ? "choose" : nullptr;
      },
      [&self](const propdesk_dispatch_strategy& t, const std::string& name) {
        return std::shared_ptr<DispatchStrategy>(
            std::make_shared<PluginDispatchStrategy>(t, name, self.origin_, self.registry_.message_sink()));
      },
      error, error_size);
}

propdesk_status PluginRegistration::add_kv_store(void* context, const propdesk_kv_store_type* type, char* error,
                                                 size_t error_size) noexcept {
  auto& self = *static_cast<PluginRegistration*>(context);
  return self.add(
      ProvidedKind::kKvStore, type, PROPDESK_V1_SIZE(propdesk_kv_store_type, release),
      [](const propdesk_kv_store_type& t) -> const char* {
        return t.open == nullptr     ? "open"
               : t.close == nullptr  ? "close"
               : t.begin == nullptr  ? "begin"
               : t.get == nullptr    ? "get"
               : t.scan == nullptr   ? "scan"
               : t.put == nullptr    ? "put"
               : t.erase == nullptr  ? "erase"
               : t.commit == nullptr ? "commit"
               : t.abort == nullptr  ? "abort"
                                     : nullptr;
      },
      [&self](const propdesk_kv_store_type& t, const std::string& name) {
        return std::shared_ptr<const KvStoreType>(std::make_shared<PluginKvStoreType>(t, name, self.origin_));
      },
      error, error_size);
}

void PluginRegistration::log(void* context, int32_t level, const char* message) noexcept {
  auto& self = *static_cast<PluginRegistration*>(context);
  try {
    const PluginMessage::Level l = level == PROPDESK_LOG_ERROR     ? PluginMessage::Level::kError
                                   : level == PROPDESK_LOG_WARNING ? PluginMessage::Level::kWarning
                                                                   : PluginMessage::Level::kInfo;
    std::string text = message == nullptr ? std::string() : std::string(message, strnlen(message, 4096));
    if (find_invalid_utf8(text)) text = "(a message that is not UTF-8)";
    self.registry_.report({l, self.origin_, std::move(text)});
  } catch (...) {  // out of memory: the message is lost
  }
}

}  // namespace propdesk::plugin
