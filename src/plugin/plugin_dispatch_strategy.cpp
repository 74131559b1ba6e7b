#include "plugin/plugin_dispatch_strategy.hpp"

#include "plugin/abi_views.hpp"

namespace propdesk::plugin {

PluginDispatchStrategy::PluginDispatchStrategy(const propdesk_dispatch_strategy& table, std::string name,
                                               std::string origin,
                                               std::shared_ptr<PluginRegistry::MessageSink> sink)
    : table_(table),
      name_(std::move(name)),
      origin_(std::move(origin)),
      sink_(std::move(sink)),
      user_(table.user, table.release) {}

DispatchChoice PluginDispatchStrategy::fail(const Ticket& ticket, const std::string& why) {
  std::string text = "dispatch strategy '" + name_ + "' failed: " + why;
  sink_->report({PluginMessage::Level::kError, origin_, text + " (ticket " + ticket.code + ")"});
  return {std::nullopt, std::move(text)};
}

DispatchChoice PluginDispatchStrategy::choose(const Ticket& ticket,
                                              std::span<const DispatchCandidate> candidates) {
  TextBuffer text;
  std::size_t chosen = PROPDESK_NO_CANDIDATE;
  propdesk_status status = PROPDESK_STATUS_FAILED;
  try {
    const TicketView view(ticket);
    const CandidatesView cands(candidates);
    status = call_plugin(text, [&] {
      return table_.choose(user_.get(), &view.get(), cands.data(), cands.size(), &chosen, text.data(),
                           text.size());
    });
  } catch (const std::exception& e) {  // out of memory building the views
    return fail(ticket, e.what());
  }
  if (status != PROPDESK_STATUS_OK) return fail(ticket, failure_text(text, status));
  if (chosen == PROPDESK_NO_CANDIDATE) return {std::nullopt, text.text()};
  if (chosen >= candidates.size()) {
    return fail(ticket, "chose candidate " + std::to_string(chosen) + " of " +
                            std::to_string(candidates.size()));
  }
  return {chosen, text.text()};
}

}  // namespace propdesk::plugin
