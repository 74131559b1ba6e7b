// Reading tickets for reports a page at a time, so that a report over 100,000 tickets never holds
// more than one page of them besides its own rows.
#pragma once

#include <cstddef>
#include <functional>

#include "propdesk/store.hpp"
#include "propdesk/workflow.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace propdesk::report {

/// Tickets read per Store::query() call.
inline constexpr std::size_t kPageSize = 1000;

/// Calls `visit` for every ticket matching `filter` (its limit and offset are ignored), in id
/// order, one page at a time. Tickets created while the scan runs may or may not be seen; one that
/// changes so that it no longer matches can shift the pages after it (a report is not a snapshot).
void for_each_ticket(const Store& store, TicketQuery filter,
                     const std::function<void(const Ticket&)>& visit);

/// Calls `visit` for every ticket that is not in a final state of its own workflow version, with
/// that workflow (null when `workflows` does not know it: such a ticket counts as open). Reads
/// only the (workflow, state) groups of Store::count_by_state() that may hold open tickets: a
/// group is skipped when its state is final in every version of the workflow the store keeps
/// (Store::workflows) and `workflows` knows them all, so the closed bulk of a store is never read.
/// Assumes tickets use stored versions (what the Engine does for every workflow loaded from a
/// file); a workflow with no stored version is read in full.
void for_each_open_ticket(const Store& store, const WorkflowLookup& workflows,
                          const std::function<void(const Ticket&, const Workflow*)>& visit);

}  // namespace propdesk::report
