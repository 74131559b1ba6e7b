#include "propdesk/notifier.hpp"

namespace propdesk {

std::string_view to_string(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::kDelivered: return "delivered";
    case DeliveryStatus::kRetry: return "retry";
    case DeliveryStatus::kFailed: return "failed";
  }
  return "unknown";
}

}  // namespace propdesk
