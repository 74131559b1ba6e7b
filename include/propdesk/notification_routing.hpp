// propdesk/notification_routing.hpp: which channels a notification goes to, and how it is rendered
// for each.
//
// The configuration's `notifiers:` section (docs/configuration.md) names channels; each takes the
// notifications of some roles, and/or those addressed to a person (a `notify` to a field that holds a
// user id, such as the assignee). The engine (EngineOptions::notifications) renders a notification
// once per channel that takes it, with that channel's options (a trusted channel sees personal data
// unmasked), and queues the results in the store's outbox with the change that raised them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/notification_request.hpp"
#include "propdesk/render_options.hpp"

namespace propdesk {

/// The role pattern that takes every role.
inline constexpr std::string_view kEveryRole = "*";

/// One channel as the engine sees it: what it takes and how it renders. (Its notifier and
/// settings are the deliverer's business: propdesk/outbox_deliverer.hpp.)
struct NotificationChannel {
  std::string name;                ///< [A-Za-z][A-Za-z0-9_]*, unique
  std::vector<std::string> roles;  ///< the roles it takes; kEveryRole ("*") takes every role
  bool people = false;             ///< it takes notifications addressed to a person
  RenderOptions render;            ///< trusted, link_base, ...

  friend bool operator==(const NotificationChannel&, const NotificationChannel&) = default;
};

/// Every channel, in configuration order. Empty: the engine queues no notifications at all (they
/// are still reported in Transitioned and on the event bus).
struct PROPDESK_API NotificationRouting {
  std::vector<NotificationChannel> channels;

  [[nodiscard]] bool empty() const { return channels.empty(); }
  /// The channels that take `request`, in configuration order: for a role, those that list the
  /// role or "*"; for a person, those with `people`.
  [[nodiscard]] std::vector<const NotificationChannel*> route(
      const NotificationRequest& request) const;

  friend bool operator==(const NotificationRouting&, const NotificationRouting&) = default;
};

/// Why `routing` cannot be used - a channel name that is malformed or used twice, a role that is
/// neither a name nor "*", a channel that takes nothing - or "" when it can.
PROPDESK_API std::string check_routing(const NotificationRouting& routing);

}  // namespace propdesk
