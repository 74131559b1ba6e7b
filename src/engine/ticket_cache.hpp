// The tickets an engine committed last, so that the next event on one of them need not read it
// back from the store (see EngineOptions::ticket_cache_capacity).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "propdesk/ticket.hpp"

namespace propdesk {

// A bounded map from ticket id to the ticket as this engine last committed it, evicting the least
// recently used ticket beyond `capacity` (0: keeps nothing). An entry may be stale: another engine
// or process may have changed the ticket since. Whoever reads from it must treat the ticket as a
// guess that the store's version check confirms (a commit computed from a stale ticket is a
// conflict) and read the store before believing anything else it concludes (a rejection).
// Thread-safe: every member may be called from any number of threads at once.
class TicketCache {
 public:
  explicit TicketCache(std::size_t capacity) : capacity_(capacity) {}

  // The ticket as last remembered, or null; makes it the most recently used.
  [[nodiscard]] std::shared_ptr<const Ticket> find(TicketId id);
  // Remembers a ticket as committed (its id and version as the store set them), unless a later
  // version of it is remembered already.
  void remember(const Ticket& ticket);
  // Forgets a ticket (after a conflict showed the remembered version is stale).
  void forget(TicketId id);
  // How many tickets are remembered (at most the capacity).
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<const Ticket> ticket;
    std::list<TicketId>::iterator use;  // its place in uses_
  };
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<TicketId> uses_;  // most recently used first
  std::unordered_map<TicketId, Entry> entries_;
};

}  // namespace propdesk
