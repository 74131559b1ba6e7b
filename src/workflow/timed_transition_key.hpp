// The timer key of a timed transition (`after: 48h`): "after:<transition index>". The engine sets
// and fires these timers (engine/timed_transitions.hpp); reports read them to show when a ticket
// will move on by itself.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace propdesk {

/// The timer key of transition `index`.
std::string timed_transition_key(std::size_t index);

/// The transition index of a timed-transition key, or nullopt if `key` is not one.
std::optional<std::size_t> timed_transition_index(std::string_view key);

}  // namespace propdesk
