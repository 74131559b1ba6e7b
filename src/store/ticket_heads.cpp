#include "store/ticket_heads.hpp"

#include <utility>

namespace propdesk {

const TicketHead* TicketHeads::find(TicketId id) const {
  const auto it = heads_.find(id);
  return it == heads_.end() ? nullptr : &it->second;
}

void TicketHeads::remember(TicketId id, TicketHead head) {
  if (capacity_ == 0) return;
  const auto it = heads_.find(id);
  if (it != heads_.end()) {
    it->second = std::move(head);
    return;
  }
  if (heads_.size() >= capacity_) heads_.clear();
  heads_.emplace(id, std::move(head));
}

}  // namespace propdesk
