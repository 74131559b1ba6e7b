// propdesk/notifier.hpp: channels that deliver notifications (a log file, a webhook, e-mail).
//
// A NotifierType is a kind of channel ("log", "webhook"), registered in the PluginRegistry by a
// plugin or built in. The configuration names channels by type with their settings; each becomes a
// Notifier through NotifierType::create(). Plugin notifiers are wrapped so that they follow the same
// contract as built-in ones: no exception escapes send().
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "propdesk/export.hpp"
#include "propdesk/notification.hpp"
#include "propdesk/settings.hpp"

namespace propdesk {

/// How a delivery went.
enum class DeliveryStatus {
  kDelivered,  ///< the receiver accepted the notification
  kRetry,      ///< a temporary failure (receiver down, timeout): trying again later may work
  kFailed,     ///< a permanent failure: retrying will not help
};

/// "delivered", "retry" or "failed".
PROPDESK_API std::string_view to_string(DeliveryStatus status);

/// The outcome of one send().
struct DeliveryResult {
  DeliveryStatus status = DeliveryStatus::kDelivered;
  std::string error;  ///< why, when not delivered: one line naming the channel and the cause

  [[nodiscard]] bool delivered() const { return status == DeliveryStatus::kDelivered; }
  static DeliveryResult ok() { return {}; }
  static DeliveryResult retry(std::string why) { return {DeliveryStatus::kRetry, std::move(why)}; }
  static DeliveryResult failed(std::string why) { return {DeliveryStatus::kFailed, std::move(why)}; }
};

/// One configured channel.
class Notifier {
 public:
  virtual ~Notifier() = default;
  /// Delivers one notification and says how it went. Never throws. May block for as long as the
  /// channel's timeouts allow, never longer. Safe to call from several threads (implementations
  /// serialise internally if they must).
  virtual DeliveryResult send(const Notification& notification) = 0;
};

/// A kind of channel: makes Notifiers from settings. Thread-safe.
class NotifierType {
 public:
  virtual ~NotifierType() = default;
  /// The name the configuration uses: [a-z][a-z0-9_.-]*, unique among notifier types.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Makes a channel. Throws std::invalid_argument, naming the setting, for settings it cannot
  /// use (a missing key, a file it cannot open).
  [[nodiscard]] virtual std::unique_ptr<Notifier> create(const Settings& settings) const = 0;
};

}  // namespace propdesk
