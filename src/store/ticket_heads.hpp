// What the SQLite store's writer knows of the tickets it wrote last: for each, the version, code,
// creation time and last entry's hash that the next update of it must check and chain to. While
// nobody else has written to the database, an update takes them from here instead of reading them
// inside its transaction (see SqliteStore's Writer, which drops them all when another connection
// has committed since its last transaction, or when a transaction of its own is rolled back).
#pragma once

#include <cstddef>
#include <unordered_map>

#include "propdesk/ticket.hpp"
#include "store/ticket_head.hpp"

namespace propdesk {

// A bounded map from ticket id to its head. Not thread-safe: one writer uses it.
class TicketHeads {
 public:
  explicit TicketHeads(std::size_t capacity) : capacity_(capacity) {}

  // The head remembered for `id`, or null.
  [[nodiscard]] const TicketHead* find(TicketId id) const;
  // Remembers `head` for `id` (when full, forgets everything first: the heads of tickets worked
  // on now are remembered again at their next write).
  void remember(TicketId id, TicketHead head);
  // Forgets one ticket, or all of them.
  void forget(TicketId id) { heads_.erase(id); }
  void clear() { heads_.clear(); }
  [[nodiscard]] std::size_t size() const { return heads_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_map<TicketId, TicketHead> heads_;
};

}  // namespace propdesk
