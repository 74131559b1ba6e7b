// A plugin's dispatch strategy (propdesk_dispatch_strategy) as a DispatchStrategy. A strategy that
// fails, throws or answers an index out of range chooses nobody, says why, and the failure is
// reported as a plugin message.
#pragma once

#include <memory>
#include <string>

#include "plugin/plugin_call.hpp"
#include "propdesk/dispatch_strategy.hpp"
#include "propdesk/plugin_api.h"
#include "propdesk/plugin_registry.hpp"

namespace propdesk::plugin {

class PluginDispatchStrategy final : public DispatchStrategy {
 public:
  /// `table` was checked (name valid, choose set); its `user` is owned from here on.
  PluginDispatchStrategy(const propdesk_dispatch_strategy& table, std::string name, std::string origin,
                         std::shared_ptr<PluginRegistry::MessageSink> sink);
  [[nodiscard]] std::string_view name() const override { return name_; }
  DispatchChoice choose(const Ticket& ticket, std::span<const DispatchCandidate> candidates) override;

 private:
  DispatchChoice fail(const Ticket& ticket, const std::string& why);

  propdesk_dispatch_strategy table_;
  std::string name_;
  std::string origin_;
  std::shared_ptr<PluginRegistry::MessageSink> sink_;
  OwnedUser user_;
};

}  // namespace propdesk::plugin
