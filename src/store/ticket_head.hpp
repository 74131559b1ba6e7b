// The head of a ticket's journal: what an update must check and chain to before it writes.
#pragma once

#include <cstdint>
#include <string>

#include "propdesk/ticket.hpp"

namespace propdesk {

// The version an update is checked against (= the last entry's seq), the code and creation time it
// reports back, and the hash of the last entry, which the update's entry chains to.
struct TicketHead {
  std::int64_t version = 0;
  std::string code;
  TimePoint created_at;
  std::string hash;  // the last entry's hash
};

}  // namespace propdesk
