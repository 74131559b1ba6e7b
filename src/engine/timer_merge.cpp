#include "engine/timer_merge.hpp"

#include <algorithm>

namespace propdesk {

void merge_timer_changes(TimerChanges& into, const TimerChanges& later) {
  if (later.cancel_all) {
    into = later;
    return;
  }
  const auto drop_scheduled = [&](const std::string& key) {
    std::erase_if(into.schedule, [&](const Timer& t) { return t.key == key; });
  };
  for (const std::string& key : later.cancel) {
    drop_scheduled(key);
    if (std::find(into.cancel.begin(), into.cancel.end(), key) == into.cancel.end())
      into.cancel.push_back(key);
  }
  for (const Timer& timer : later.schedule) {
    drop_scheduled(timer.key);
    into.schedule.push_back(timer);
  }
}

}  // namespace propdesk
