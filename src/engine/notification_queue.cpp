#include "engine/notification_queue.hpp"

#include <stdexcept>

namespace propdesk {

namespace {

// A message for `request` that cannot be sent, kept as a dead letter with why: the notification
// as an untrusted channel would have had it (personal data masked), or, when it cannot be
// rendered at all, what is known of it.
OutboxMessage dead_letter(const Workflow& workflow, const Ticket& ticket,
                          const NotificationRequest& request, const NotificationCause& cause,
                          std::string why) {
  OutboxMessage m;
  m.status = OutboxStatus::kDead;
  m.last_error = std::move(why);
  try {
    m.notification = render_notification(workflow, ticket, request, cause, RenderOptions{});
    return m;
  } catch (const std::invalid_argument&) {
    // Described below instead.
  }
  Notification& n = m.notification;
  n.ticket_id = ticket.id;
  n.ticket_code = ticket.code;
  n.workflow = workflow.name();
  n.template_name = request.template_name;
  n.recipient = request.to;
  n.recipient_is_role = request.to_role;
  n.state = ticket.state;
  n.severity = ticket.severity;
  n.event = cause.event;
  n.at = cause.at;
  return m;
}

std::string who(const NotificationRequest& request) {
  return request.to_role ? "role '" + request.to + "'" : "person '" + request.to + "'";
}

}  // namespace

NotificationQueue::NotificationQueue(NotificationRouting routing) : routing_(std::move(routing)) {
  if (std::string problem = check_routing(routing_); !problem.empty())
    throw std::invalid_argument("notification routing: " + problem);
}

std::vector<OutboxMessage> NotificationQueue::messages(
    const Workflow& workflow, const Ticket& ticket, const std::vector<NotificationRequest>& requests,
    const NotificationCause& cause) const {
  std::vector<OutboxMessage> out;
  if (!enabled()) return out;
  for (const NotificationRequest& request : requests) {
    if (!request.to_role && request.to.empty()) {
      out.push_back(dead_letter(workflow, ticket, request, cause,
                                "nobody to notify: the field naming the person is empty"));
      continue;
    }
    const std::vector<const NotificationChannel*> channels = routing_.route(request);
    if (channels.empty()) {
      out.push_back(dead_letter(workflow, ticket, request, cause,
                                "no notifier takes " + who(request) +
                                    " (see notifiers: in the engine configuration)"));
      continue;
    }
    for (const NotificationChannel* channel : channels) {
      OutboxMessage m;
      m.channel = channel->name;
      try {
        m.notification = render_notification(workflow, ticket, request, cause, channel->render);
      } catch (const std::invalid_argument& e) {
        m = dead_letter(workflow, ticket, request, cause, e.what());
        m.channel = channel->name;
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace propdesk
