// propdesk/delivery_channel.hpp: a configured notification channel as deliverers send through it.
#pragma once

#include <memory>
#include <string>

#include "propdesk/notifier.hpp"
#include "propdesk/outbox.hpp"

namespace propdesk {

/// A channel as the deliverer sends through it (delivery_channels() makes them from the
/// configuration's `notifiers:`, propdesk/outbox_deliverer.hpp).
struct DeliveryChannel {
  std::string name;                    ///< OutboxMessage::channel of its messages
  std::shared_ptr<Notifier> notifier;  ///< never null
  RetryPolicy retry;
};

}  // namespace propdesk
