// A plugin's notifier type (propdesk_notifier_type) as a NotifierType, and its instances as
// Notifiers: calls guarded, instances serialised (the ABI promises plugins one send at a time per
// instance), every failure a DeliveryResult naming the notifier and the plugin.
#pragma once

#include <memory>
#include <string>

#include "plugin/plugin_call.hpp"
#include "propdesk/notifier.hpp"
#include "propdesk/plugin_api.h"

namespace propdesk::plugin {

class PluginNotifierType final : public NotifierType {
 public:
  /// `table` was checked (name valid, create and send set) and copied by the caller; its `user` is
  /// owned from here on.
  PluginNotifierType(const propdesk_notifier_type& table, std::string name, std::string origin);
  [[nodiscard]] std::string_view name() const override;
  /// Throws std::invalid_argument "notifier 'log' (plugin 'notify_log'): <why>" when the plugin's
  /// create fails.
  [[nodiscard]] std::unique_ptr<Notifier> create(const Settings& settings) const override;

  /// What the type and its instances share; outlives the type while instances exist.
  struct Core {
    propdesk_notifier_type table;
    std::string name;
    std::string origin;
    OwnedUser user;
    [[nodiscard]] std::string who() const;  // "notifier 'log' (plugin 'notify_log')"
  };

 private:
  std::shared_ptr<const Core> core_;
};

}  // namespace propdesk::plugin
