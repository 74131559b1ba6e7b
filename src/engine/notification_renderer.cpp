#include "propdesk/notification_renderer.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "propdesk/pii_mask.hpp"

namespace propdesk {

std::string format_display_time(TimePoint t, std::chrono::minutes utc_offset) {
  const auto local = t + utc_offset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02u:%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(hms.hours().count()), static_cast<unsigned>(hms.minutes().count()));
  return buf;
}

std::string render_template(std::string_view text,
                            const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string_view name = text.substr(open + 2, close - open - 2);
    name.remove_prefix(std::min(name.find_first_not_of(' '), name.size()));
    name.remove_suffix(name.size() - std::min(name.find_last_not_of(' ') + 1, name.size()));
    if (std::optional<std::string> value = lookup(name)) {
      out += *value;
    } else {
      out.append(text.substr(open, close + 2 - open));
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

namespace {

// The earliest `due` of the ticket's running clocks.
std::optional<TimePoint> earliest_deadline(const Ticket& ticket) {
  std::optional<TimePoint> best;
  for (const SlaClockState& c : ticket.clocks) {
    if (c.phase != SlaClockState::Phase::kRunning || !c.due) continue;
    if (!best || *c.due < *best) best = c.due;
  }
  return best;
}

// A field value as people read it: times in the desk's zone, everything else canonical.
std::string display_value(const Value& value, const RenderOptions& options) {
  if (value.kind() == Value::Kind::kTime) return format_display_time(value.as_time(), options.utc_offset);
  return value.to_string();
}

// Everything the placeholders can name, for one notification.
class Placeholders {
 public:
  Placeholders(const Workflow& workflow, const Ticket& ticket, const NotificationCause& cause,
               const RenderOptions& options)
      : workflow_(workflow), ticket_(ticket), cause_(cause), options_(options) {
    for (const auto& [name, value] : ticket.fields) {
      if (value.is_null()) continue;
      std::string text = display_value(value, options);
      if (!options.trusted && is_pii_field(&workflow, name)) text = mask_pii(text);
      fields_.emplace(name, std::move(text));
    }
  }

  [[nodiscard]] std::optional<std::string> operator()(std::string_view name) const {
    if (auto it = fields_.find(name); it != fields_.end()) return it->second;
    if (workflow_.find_field(name)) return options_.missing;  // declared but not set
    if (name == "code") return ticket_.code;
    if (name == "id") return std::to_string(ticket_.id);
    if (name == "workflow") return workflow_.name();
    if (name == "title") return workflow_.title().empty() ? workflow_.name() : workflow_.title();
    if (name == "state") return ticket_.state;
    if (name == "state_label") return state_label();
    if (name == "event") return or_missing(cause_.event);
    if (name == "actor") return or_missing(cause_.actor.id);
    if (name == "severity") return ticket_.severity;
    if (name == "assignee") return or_missing(ticket_.assignee);
    if (name == "created_at") return format_display_time(ticket_.created_at, options_.utc_offset);
    if (name == "deadline") {
      const auto due = earliest_deadline(ticket_);
      return due ? format_display_time(*due, options_.utc_offset) : options_.missing;
    }
    if (name == "link") return link();
    return std::nullopt;
  }

  [[nodiscard]] std::string state_label() const {
    const auto id = workflow_.find_state(ticket_.state);
    if (id && !workflow_.state(*id).label.empty()) return workflow_.state(*id).label;
    return ticket_.state;
  }
  [[nodiscard]] std::string link() const {
    return options_.link_base.empty() ? options_.missing : options_.link_base + ticket_.code;
  }
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& fields() const { return fields_; }

 private:
  [[nodiscard]] std::string or_missing(const std::string& s) const { return s.empty() ? options_.missing : s; }

  const Workflow& workflow_;
  const Ticket& ticket_;
  const NotificationCause& cause_;
  const RenderOptions& options_;
  std::map<std::string, std::string, std::less<>> fields_;
};

}  // namespace

Notification render_notification(const Workflow& workflow, const Ticket& ticket,
                                 const NotificationRequest& request, const NotificationCause& cause,
                                 const RenderOptions& options) {
  if (ticket.workflow != workflow.name()) {
    throw std::invalid_argument("ticket " + ticket.code + " belongs to workflow '" + ticket.workflow +
                                "', not '" + workflow.name() + "'");
  }
  static const TemplateDef kDefault{"", std::string(kDefaultNotificationSubject),
                                    std::string(kDefaultNotificationBody), {}};
  const TemplateDef* tpl =
      request.template_name.empty() ? &kDefault : workflow.find_template(request.template_name);
  if (tpl == nullptr) {
    throw std::invalid_argument("workflow '" + workflow.name() + "' version " +
                                std::to_string(workflow.version()) + " has no template '" +
                                request.template_name + "'");
  }
  const Placeholders values(workflow, ticket, cause, options);
  const auto lookup = [&values](std::string_view name) { return values(name); };

  Notification n;
  n.idempotency_key = std::to_string(ticket.id) + ":" + std::to_string(ticket.version) + ":" +
                      request.template_name + ":" + request.to;
  n.ticket_id = ticket.id;
  n.ticket_code = ticket.code;
  n.workflow = workflow.name();
  n.template_name = request.template_name;
  n.recipient = request.to;
  n.recipient_is_role = request.to_role;
  n.subject = render_template(tpl->subject, lookup);
  n.body = render_template(tpl->body, lookup);
  n.link = options.link_base.empty() ? std::string() : options.link_base + ticket.code;
  n.state = ticket.state;
  n.state_label = values.state_label();
  n.severity = ticket.severity;
  n.event = cause.event;
  n.at = cause.at;
  n.fields = values.fields();
  return n;
}

}  // namespace propdesk
