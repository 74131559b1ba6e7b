// make_jitter_source() (propdesk/jitter_source.hpp): a seeded or random Mersenne Twister behind a
// mutex.
#include "propdesk/jitter_source.hpp"

#include <memory>
#include <mutex>
#include <random>

namespace propdesk {

JitterSource make_jitter_source(std::optional<std::uint64_t> seed) {
  struct Source {
    std::mutex mutex;
    std::mt19937_64 engine;
    std::uniform_real_distribution<double> unit{0.0, 1.0};
  };
  auto source = std::make_shared<Source>();
  if (seed) {
    source->engine.seed(*seed);
  } else {
    std::random_device device;
    source->engine.seed((std::uint64_t{device()} << 32) ^ device());
  }
  return [source] {
    std::lock_guard lock(source->mutex);
    return source->unit(source->engine);
  };
}

}  // namespace propdesk
