#include "plugin/plugin_escalation_rule.hpp"

#include "plugin/abi_views.hpp"

namespace propdesk::plugin {

namespace {

// The propdesk_rule_context a classify call gets, backed by the engine's RuleContext.
struct ContextBridge {
  const RuleContext& context;

  static int64_t now(void* self) noexcept {
    try {
      return static_cast<ContextBridge*>(self)->context.now().time_since_epoch().count();
    } catch (...) {
      return 0;
    }
  }

  static propdesk_status tickets_at(void* self, propdesk_str workflow, propdesk_str location, int64_t since,
                                    size_t limit, void (*visit)(void*, const propdesk_ticket*),
                                    void* visit_user, char* error, size_t error_size) noexcept {
    TextBuffer failure;
    const propdesk_status status = call_plugin(failure, [&] {
      if (visit == nullptr || workflow.data == nullptr || location.data == nullptr) {
        std::snprintf(failure.data(), failure.size(), "tickets_at: NULL argument");
        return PROPDESK_STATUS_INVALID;
      }
      const auto tickets = static_cast<ContextBridge*>(self)->context.tickets_at(
          std::string_view(workflow.data, workflow.size), std::string_view(location.data, location.size),
          TimePoint(std::chrono::seconds(since)), limit);
      for (const Ticket& t : tickets) {
        const TicketView view(t);
        visit(visit_user, &view.get());
      }
      return PROPDESK_STATUS_OK;
    });
    if (status != PROPDESK_STATUS_OK && error != nullptr && error_size > 0)
      std::snprintf(error, error_size, "%s", failure.text().c_str());
    return status;
  }
};

}  // namespace

PluginEscalationRule::PluginEscalationRule(const propdesk_escalation_rule& table, std::string name,
                                           std::string origin,
                                           std::shared_ptr<PluginRegistry::MessageSink> sink)
    : table_(table),
      name_(std::move(name)),
      origin_(std::move(origin)),
      sink_(std::move(sink)),
      user_(table.user, table.release) {}

SeverityVerdict PluginEscalationRule::classify(const Ticket& ticket, const RuleContext& context) const {
  TextBuffer text;
  int32_t major = 0;
  propdesk_status status = PROPDESK_STATUS_FAILED;
  try {
    const TicketView view(ticket);
    ContextBridge bridge{context};
    propdesk_rule_context c{};
    c.size = sizeof c;
    c.context = &bridge;
    c.now = &ContextBridge::now;
    c.tickets_at = &ContextBridge::tickets_at;
    status = call_plugin(text, [&] {
      return table_.classify(user_.get(), &view.get(), &c, &major, text.data(), text.size());
    });
  } catch (const std::exception& e) {  // out of memory building the view
    std::snprintf(text.data(), text.size(), "%s", e.what());
  }
  if (status == PROPDESK_STATUS_OK) {
    if (major == 0) return {};
    std::string reason = text.text();
    if (reason.empty()) reason = "escalation rule '" + name_ + "'";
    return {true, std::move(reason)};
  }
  sink_->report({PluginMessage::Level::kError, origin_,
                 "escalation rule '" + name_ + "' failed on ticket " + ticket.code + ": " +
                     failure_text(text, status) + "; the ticket counts as general"});
  return {};
}

}  // namespace propdesk::plugin
