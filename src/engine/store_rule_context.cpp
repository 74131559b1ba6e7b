#include "engine/store_rule_context.hpp"

#include <string>

namespace propdesk {

std::vector<Ticket> StoreRuleContext::tickets_at(std::string_view workflow,
                                                 std::string_view location, TimePoint since,
                                                 std::size_t limit) const {
  // The store matches locations by prefix ("3-2" also finds "3-20-101"); keep exact matches,
  // paging until enough are found.
  TicketQuery q;
  q.workflow = std::string(workflow);
  q.location = std::string(location);
  q.created_from = since;
  q.limit = 256;
  std::vector<Ticket> found;
  for (;;) {
    std::vector<Ticket> page = store_.query(q);
    for (Ticket& t : page) {
      const auto it = t.fields.find("location");
      if (it != t.fields.end() && it->second.kind() == Value::Kind::kString && it->second.as_string() == location)
        found.push_back(std::move(t));
      if (found.size() >= limit) return found;
    }
    if (page.size() < q.limit) return found;
    q.offset += page.size();
  }
}

}  // namespace propdesk
