#include "engine/ticket_cache.hpp"

namespace propdesk {

std::shared_ptr<const Ticket> TicketCache::find(TicketId id) {
  if (capacity_ == 0) return nullptr;
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end()) return nullptr;
  uses_.splice(uses_.begin(), uses_, it->second.use);
  return it->second.ticket;
}

void TicketCache::remember(const Ticket& ticket) {
  if (capacity_ == 0) return;
  auto copy = std::make_shared<const Ticket>(ticket);  // outside the lock
  std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(ticket.id); it != entries_.end()) {
    if (it->second.ticket->version <= ticket.version) it->second.ticket = std::move(copy);
    uses_.splice(uses_.begin(), uses_, it->second.use);
    return;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(uses_.back());
    uses_.pop_back();
  }
  uses_.push_front(ticket.id);
  entries_.emplace(ticket.id, Entry{std::move(copy), uses_.begin()});
}

void TicketCache::forget(TicketId id) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end()) return;
  uses_.erase(it->second.use);
  entries_.erase(it);
}

std::size_t TicketCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace propdesk
