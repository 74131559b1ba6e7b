#include "plugin/abi_views.hpp"

#include <algorithm>
#include <cstring>

#include "model/utf8.hpp"

namespace propdesk::plugin {

std::string TextBuffer::text() {
  buf_.back() = '\0';
  const std::string_view raw(buf_.data(), std::strlen(buf_.data()));
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const std::size_t len = utf8_char_length(raw, i);
    const std::string_view ch = raw.substr(i, len);
    const auto b = static_cast<unsigned char>(ch[0]);
    if (len == 1 && b >= 0x80) {
      out += '?';  // an ill-formed byte
    } else if (len == 1 && (b < 0x20 || b == 0x7F)) {
      out += ' ';
    } else {
      out.append(ch);
    }
    i += len;
  }
  return out;
}

SettingsView::SettingsView(const Settings& settings) {
  items_.reserve(settings.size());
  for (const auto& [key, value] : settings) items_.push_back({abi_str(key), abi_str(value)});
}

TicketView::TicketView(const Ticket& ticket) {
  texts_.reserve(ticket.fields.size());
  fields_.reserve(ticket.fields.size());
  for (const auto& [name, value] : ticket.fields) texts_.push_back(value.to_string());
  std::size_t i = 0;
  for (const auto& [name, value] : ticket.fields) {
    fields_.push_back({abi_str(name), static_cast<int32_t>(value.kind()), abi_str(texts_[i++])});
  }
  view_.size = sizeof view_;
  view_.id = ticket.id;
  view_.code = abi_str(ticket.code);
  view_.workflow = abi_str(ticket.workflow);
  view_.workflow_version = ticket.workflow_version;
  view_.state = abi_str(ticket.state);
  view_.severity = abi_str(ticket.severity);
  view_.assignee = abi_str(ticket.assignee);
  view_.fields = fields_.empty() ? nullptr : fields_.data();
  view_.field_count = fields_.size();
  view_.created_at = ticket.created_at.time_since_epoch().count();
  view_.updated_at = ticket.updated_at.time_since_epoch().count();
}

NotificationView::NotificationView(const Notification& n) : at_(format_time(n.at)) {
  fields_.reserve(n.fields.size());
  for (const auto& [name, text] : n.fields) fields_.push_back({abi_str(name), abi_str(text)});
  view_.size = sizeof view_;
  view_.idempotency_key = abi_str(n.idempotency_key);
  view_.ticket_id = n.ticket_id;
  view_.ticket_code = abi_str(n.ticket_code);
  view_.workflow = abi_str(n.workflow);
  view_.template_name = abi_str(n.template_name);
  view_.recipient = abi_str(n.recipient);
  view_.recipient_is_role = n.recipient_is_role ? 1 : 0;
  view_.subject = abi_str(n.subject);
  view_.body = abi_str(n.body);
  view_.link = abi_str(n.link);
  view_.state = abi_str(n.state);
  view_.state_label = abi_str(n.state_label);
  view_.severity = abi_str(n.severity);
  view_.event = abi_str(n.event);
  view_.at = abi_str(at_);
  view_.fields = fields_.empty() ? nullptr : fields_.data();
  view_.field_count = fields_.size();
}

CandidatesView::CandidatesView(std::span<const DispatchCandidate> candidates) {
  skills_.reserve(candidates.size());
  items_.reserve(candidates.size());
  for (const DispatchCandidate& c : candidates) {
    auto& skills = skills_.emplace_back();
    skills.reserve(c.skills.size());
    for (const std::string& s : c.skills) skills.push_back(abi_str(s));
    items_.push_back({abi_str(c.id), c.on_duty ? 1 : 0, c.open_orders,
                      skills.empty() ? nullptr : skills.data(), skills.size()});
  }
}

}  // namespace propdesk::plugin
