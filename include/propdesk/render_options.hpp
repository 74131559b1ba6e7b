// propdesk/render_options.hpp: how a channel wants its notifications rendered (the options of
// render_notification(), propdesk/notification_renderer.hpp, and of a notification channel,
// propdesk/notification_routing.hpp).
#pragma once

#include <chrono>
#include <string>

namespace propdesk {

/// How a channel wants its notifications rendered.
struct RenderOptions {
  /// The channel may see personal data (a channel to the property company's own staff system,
  /// configured as trusted). Otherwise `pii` fields are masked.
  bool trusted = false;
  /// Prefix of {{link}}: "https://desk.example.com/tickets/" gives ".../tickets/BX-20261126-0001".
  /// Empty: {{link}} is `missing`.
  std::string link_base;
  /// The desk's offset from UTC, for times shown to people (Asia/Shanghai: +8 hours).
  std::chrono::minutes utc_offset{8 * 60};
  /// What an absent value renders as.
  std::string missing;

  friend bool operator==(const RenderOptions&, const RenderOptions&) = default;
};

}  // namespace propdesk
