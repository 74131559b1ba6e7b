#include "report/ticket_scan.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/ticket_facts.hpp"

namespace propdesk::report {

void for_each_ticket(const Store& store, TicketQuery filter,
                     const std::function<void(const Ticket&)>& visit) {
  filter.limit = kPageSize;
  filter.offset = 0;
  for (;;) {
    const std::vector<Ticket> page = store.query(filter);
    for (const Ticket& t : page) visit(t);
    if (page.size() < kPageSize) return;
    filter.after = page.back().id;  // the next page seeks past this one
  }
}

namespace {

// Per workflow name, the states that are final in every version of it the store keeps. A workflow
// with a stored version the lookup does not know has no entry: none of its groups may be skipped,
// since its tickets on that version count as open.
std::map<std::string, std::set<std::string>, std::less<>> states_final_everywhere(
    const Store& store, const WorkflowLookup& workflows) {
  std::map<std::string, std::vector<std::shared_ptr<const Workflow>>, std::less<>> versions;
  std::set<std::string, std::less<>> unknown;
  for (const StoredWorkflow& stored : store.workflows()) {
    if (auto w = workflows(stored.name, stored.version)) {
      versions[stored.name].push_back(std::move(w));
    } else {
      unknown.insert(stored.name);
    }
  }
  std::map<std::string, std::set<std::string>, std::less<>> out;
  for (const auto& [name, list] : versions) {
    if (unknown.contains(name)) continue;
    std::set<std::string>& finals = out[name];
    for (const StateDef& s : list.front()->states()) {
      bool everywhere = true;
      for (const auto& w : list) everywhere = everywhere && is_final_state(w.get(), s.name);
      if (everywhere) finals.insert(s.name);
    }
  }
  return out;
}

}  // namespace

void for_each_open_ticket(const Store& store, const WorkflowLookup& workflows,
                          const std::function<void(const Ticket&, const Workflow*)>& visit) {
  const auto skippable = states_final_everywhere(store, workflows);
  for (const StateCount& group : store.count_by_state()) {
    if (auto it = skippable.find(group.workflow);
        it != skippable.end() && it->second.contains(group.state))
      continue;
    TicketQuery filter;
    filter.workflow = group.workflow;
    filter.state = group.state;
    for_each_ticket(store, filter, [&](const Ticket& t) {
      const auto w = workflows(t.workflow, t.workflow_version);
      if (!is_final_state(w.get(), t.state)) visit(t, w.get());
    });
  }
}

}  // namespace propdesk::report
