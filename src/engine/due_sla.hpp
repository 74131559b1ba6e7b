// An SLA timer whose entries are built but not committed yet: advance() gathers those of
// different tickets and commits them together (Engine::commit_due_batch, engine_time.cpp).
#pragma once

#include <vector>

#include "engine/sla_entries.hpp"
#include "propdesk/store.hpp"
#include "propdesk/timer.hpp"

namespace propdesk {

/// One due SLA timer, ready to commit.
struct DueSla {
  Timer timer;                   ///< the timer acted on
  Ticket stored;                 ///< the ticket as read, which the entries were built from
  std::vector<SlaEntry> entries;  ///< their items moved to `items`
  std::vector<Update> items;      ///< the entries' updates, chained; the last carries the timers
};

}  // namespace propdesk
