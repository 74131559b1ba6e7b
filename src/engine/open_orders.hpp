// How many open orders a person has: tickets assigned to them whose state is not final in their
// own workflow version. Read from the store, one query per (workflow, state) that is not final in
// some loaded version of that workflow, each by assignee (so the rows read are the person's open
// tickets, not their history).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "propdesk/store.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// The open orders of `person` among tickets on `versions` (every loaded workflow version; tickets
/// of other workflows are not counted, a version missing from `versions` counts as open), leaving
/// out the ticket `except` (the one being assigned). Throws StoreError when the store fails.
std::uint32_t count_open_orders(const Store& store, std::span<const std::shared_ptr<const Workflow>> versions,
                                std::string_view person, TicketId except);

}  // namespace propdesk
