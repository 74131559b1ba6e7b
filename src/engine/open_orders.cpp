#include "engine/open_orders.hpp"

#include <map>
#include <set>
#include <string>

namespace propdesk {

namespace {

// Whether `state` is final in the version the ticket is on; a version not given counts as open.
bool is_final(std::span<const std::shared_ptr<const Workflow>> versions, const Ticket& t) {
  for (const auto& w : versions) {
    if (w->name() != t.workflow || w->version() != t.workflow_version) continue;
    const auto state = w->find_state(t.state);
    return state && w->state(*state).final;
  }
  return false;
}

}  // namespace

std::uint32_t count_open_orders(const Store& store, std::span<const std::shared_ptr<const Workflow>> versions,
                                std::string_view person, TicketId except) {
  // (workflow, state) pairs that are open in at least one version.
  std::map<std::string, std::set<std::string>> open_states;
  for (const auto& w : versions) {
    for (const StateDef& s : w->states())
      if (!s.final) open_states[w->name()].insert(s.name);
  }
  std::uint32_t count = 0;
  TicketQuery q;
  q.assignee = std::string(person);
  for (const auto& [workflow, states] : open_states) {
    q.workflow = workflow;
    for (const std::string& state : states) {
      q.state = state;
      q.offset = 0;
      for (;;) {
        const std::vector<Ticket> page = store.query(q);
        for (const Ticket& t : page)
          if (t.id != except && !is_final(versions, t)) ++count;
        if (page.size() < q.limit) break;
        q.offset += page.size();
      }
    }
  }
  return count;
}

}  // namespace propdesk
