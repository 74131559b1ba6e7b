// Turning the notifications a change asks for into outbox messages (propdesk/outbox.hpp), one per
// channel that takes each, rendered for that channel at commit time so that the row holds what is
// sent. The engine adds them to the change's store item, so they commit with it.
#pragma once

#include <vector>

#include "propdesk/notification_renderer.hpp"
#include "propdesk/notification_routing.hpp"
#include "propdesk/outbox.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

class NotificationQueue {
 public:
  /// Throws std::invalid_argument when check_routing() finds a problem.
  explicit NotificationQueue(NotificationRouting routing);

  /// Whether any channel is configured (otherwise nothing is queued).
  [[nodiscard]] bool enabled() const { return !routing_.empty(); }

  /// The messages for `requests`, raised by a change of `ticket` (as it will be committed) for
  /// `cause`, in request order and, per request, channel order. A request that no channel takes,
  /// or whose template cannot be rendered, becomes a dead letter saying why, so that it is
  /// reported rather than lost. Empty when no channel is configured. Never throws but
  /// std::bad_alloc.
  [[nodiscard]] std::vector<OutboxMessage> messages(const Workflow& workflow, const Ticket& ticket,
                                                    const std::vector<NotificationRequest>& requests,
                                                    const NotificationCause& cause) const;

 private:
  NotificationRouting routing_;
};

}  // namespace propdesk
