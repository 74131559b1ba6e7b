// propdesk/jitter_source.hpp: random draws for the retry jitter (RetryPolicy::jitter).
//
// A deliverer draws one number in [0, 1) for every retry it schedules and passes it to
// next_attempt_after() (propdesk/outbox.hpp). Injecting the source makes the jitter reproducible:
// tests give a seeded source (or a function returning fixed values) and can assert the bounds.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "propdesk/export.hpp"

namespace propdesk {

/// A source of random draws in [0, 1). A deliverer may call it from several threads at once.
using JitterSource = std::function<double()>;

/// A thread-safe JitterSource drawing from a 64-bit Mersenne Twister: seeded with `seed` (the same
/// draws in every run, for tests and simulations), or from std::random_device when there is none.
PROPDESK_API JitterSource make_jitter_source(std::optional<std::uint64_t> seed = std::nullopt);

}  // namespace propdesk
