// One plugin's registration: the propdesk_host table its register function gets, and what it adds
// through it, collected for PluginRegistry::add_plugin (all or nothing).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "plugin/abi_views.hpp"
#include "propdesk/plugin_api.h"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/settings.hpp"

namespace propdesk::plugin {

class PluginRegistration {
 public:
  /// For the plugin `origin` (its name), with its settings; `registry` is consulted for names
  /// already taken, not changed.
  PluginRegistration(const PluginRegistry& registry, std::string origin, const Settings& settings);
  PluginRegistration(const PluginRegistration&) = delete;
  PluginRegistration& operator=(const PluginRegistration&) = delete;

  /// The table to pass to the register function; valid while this object lives.
  [[nodiscard]] const propdesk_host& host() const noexcept { return host_; }
  /// The first add_ call that was refused, as a reason ("" when none was): the plugin is refused
  /// even if its register function ignored the refusal.
  [[nodiscard]] const std::string& refusal() const noexcept { return refusal_; }
  /// What was added.
  [[nodiscard]] PluginRegistry::Additions take() { return std::move(additions_); }

 private:
  static propdesk_status add_notifier(void* self, const propdesk_notifier_type* type, char* error,
                                      size_t error_size) noexcept;
  static propdesk_status add_escalation_rule(void* self, const propdesk_escalation_rule* rule, char* error,
                                             size_t error_size) noexcept;
  static propdesk_status add_dispatch_strategy(void* self, const propdesk_dispatch_strategy* strategy,
                                               char* error, size_t error_size) noexcept;
  static propdesk_status add_kv_store(void* self, const propdesk_kv_store_type* type, char* error,
                                      size_t error_size) noexcept;
  static void log(void* self, int32_t level, const char* message) noexcept;

  // Adds one item: copies the table, wraps it with make(table, name) (the wrapper owns `user` from
  // then on), checks the name and that missing(table), the name of a required function the table
  // lacks, is null.
  template <class Table, class Missing, class Make>
  propdesk_status add(ProvidedKind kind, const Table* in, std::size_t minimum, Missing missing, Make make,
                      char* error, size_t error_size) noexcept;
  void push(std::shared_ptr<const NotifierType> item);
  void push(std::shared_ptr<const EscalationRule> item);
  void push(std::shared_ptr<DispatchStrategy> item);
  void push(std::shared_ptr<const KvStoreType> item);

  // Checks a name for `kind` against the registry and what this plugin added so far; "" when fine.
  [[nodiscard]] std::string name_problem(ProvidedKind kind, const char* name) const;
  // Records a refusal, writes it to the plugin's buffer, returns PROPDESK_STATUS_INVALID.
  propdesk_status refuse(std::string reason, char* error, size_t error_size) noexcept;

  const PluginRegistry& registry_;
  std::string origin_;
  SettingsView settings_;
  propdesk_host host_{};
  PluginRegistry::Additions additions_;
  std::string refusal_;
};

}  // namespace propdesk::plugin
