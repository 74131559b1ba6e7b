// Combining the timer changes of several steps of one commit.
#pragma once

#include "propdesk/timer.hpp"

namespace propdesk {

/// Makes `into` the changes of `into` followed by `later`: a key `later` cancels or schedules
/// loses whatever `into` scheduled for it, so that the store's fixed order (cancel_all, cancel,
/// schedule) gives the same result as applying the two one after the other.
void merge_timer_changes(TimerChanges& into, const TimerChanges& later);

}  // namespace propdesk
