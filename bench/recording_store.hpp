// A Store that passes everything to a MemoryStore and keeps a copy of every change it was asked
// to make, in order: what an Engine writes, recorded once (untimed) so that a benchmark can write
// the same items again - into a baseline, or into another store with batched commits.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "propdesk/memory_store.hpp"
#include "propdesk/store_wrapper.hpp"

namespace propdesk_bench {

class RecordingStore final : public propdesk::StoreWrapper {
 public:
  RecordingStore() : StoreWrapper(std::make_shared<propdesk::MemoryStore>()) {}

  /// One call that changed something: a commit() (its items as committed: ids, codes and sealed
  /// entries filled in) or a reschedule().
  struct Change {
    std::vector<propdesk::NewTicket> creates;
    std::vector<propdesk::Update> updates;
    bool reschedule = false;
    propdesk::TicketId ticket = 0;      // reschedule only
    std::int64_t expected_version = 0;  // reschedule only
    propdesk::TimerChanges timers;      // reschedule only
  };

  std::vector<propdesk::CommitOutcome> commit(std::span<propdesk::NewTicket> creates,
                                              std::span<propdesk::Update> updates) override {
    auto outcomes = StoreWrapper::commit(creates, updates);
    Change change;
    change.creates.assign(creates.begin(), creates.end());
    change.updates.assign(updates.begin(), updates.end());
    changes.push_back(std::move(change));
    return outcomes;
  }
  propdesk::CommitOutcome reschedule(propdesk::TicketId id, std::int64_t expected_version,
                                     const propdesk::TimerChanges& timers) override {
    Change change;
    change.reschedule = true;
    change.ticket = id;
    change.expected_version = expected_version;
    change.timers = timers;
    changes.push_back(std::move(change));
    return StoreWrapper::reschedule(id, expected_version, timers);
  }

  std::vector<Change> changes;
};

}  // namespace propdesk_bench
