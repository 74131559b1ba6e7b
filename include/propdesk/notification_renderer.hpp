// propdesk/notification_renderer.hpp: a notify action's template, filled in for one ticket.
//
// Templates (a workflow's `templates:` section) hold {{placeholders}}; the workflow loader has
// checked every name. render_notification() fills them in:
//
//   {{code}} {{id}}            the ticket's code and numeric id
//   {{workflow}} {{title}}     the workflow's name and title (the name when it has no title)
//   {{state}} {{state_label}}  the ticket's state now, and its label (the name when it has none)
//   {{event}} {{actor}}        what caused the notification and who fired it (empty for timers)
//   {{severity}} {{assignee}}  "general"/"major"; the assignee's user id
//   {{created_at}}             when the ticket was created, in the desk's local time
//   {{deadline}}               the earliest due time of the ticket's running SLA clocks, local time
//   {{link}}                   RenderOptions::link_base followed by the ticket's code
//   {{field}}                  any field of the workflow: its value as text, times in local time
//
// Values that are absent (an unset field, no running clock, no link configured) render as
// RenderOptions::missing (empty by default). A placeholder that names nothing known (possible only
// for a workflow built in code) is left in the text as written, so that the mistake shows.
// Fields declared `pii` are masked (pii_mask.hpp) in the text and in Notification::fields unless
// RenderOptions::trusted.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/notification.hpp"
#include "propdesk/notification_request.hpp"
#include "propdesk/render_options.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// What raised the notification.
struct NotificationCause {
  std::string event;  ///< the event fired; empty for timers and escalations
  Actor actor;        ///< who fired it
  TimePoint at;       ///< when (the engine's clock)
};

/// The text of a notification whose request names no template (an escalation step's `notify`).
inline constexpr std::string_view kDefaultNotificationSubject = "{{title}} {{code}}";
inline constexpr std::string_view kDefaultNotificationBody =
    "{{event}}：{{state_label}}，截止 {{deadline}}。{{link}}";

/// Renders the template `request.template_name` of `workflow` for `ticket` (as committed after the
/// change), or the default text above when the request names none. The idempotency key is
/// "<ticket id>:<ticket version>:<template>:<recipient>", which is stable across attempts and
/// distinct between notifications of different changes (the outbox gives each queued message a
/// key of its own instead, propdesk/outbox.hpp). Throws std::invalid_argument when the workflow has
/// no such template ("workflow 'repair' version 1 has no template 'x'") or the ticket belongs to
/// another workflow.
PROPDESK_API Notification render_notification(const Workflow& workflow, const Ticket& ticket,
                                              const NotificationRequest& request,
                                              const NotificationCause& cause,
                                              const RenderOptions& options);

/// Replaces every {{name}} in `text` (spaces inside the braces are ignored) by lookup(name); a
/// name lookup() answers nullopt for is left as written, as is a "{{" without a closing "}}".
PROPDESK_API std::string render_template(
    std::string_view text, const std::function<std::optional<std::string>(std::string_view)>& lookup);

/// "2026-11-26 14:00": `t` shifted by `utc_offset`, to the minute.
PROPDESK_API std::string format_display_time(TimePoint t, std::chrono::minutes utc_offset);

}  // namespace propdesk
