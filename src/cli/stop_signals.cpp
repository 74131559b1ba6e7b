#include "cli/stop_signals.hpp"

#include <pthread.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>

namespace propdesk::cli {

StopSignals::StopSignals() {
  sigemptyset(&stop_);
  sigaddset(&stop_, SIGINT);
  sigaddset(&stop_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_, &previous_);
}

StopSignals::~StopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

bool StopSignals::wait_for(Duration timeout) {
  if (stopped_) return true;
  const long long milliseconds =
      std::max<long long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count());
  timespec wait{};
  wait.tv_sec = static_cast<time_t>(milliseconds / 1000);
  wait.tv_nsec = static_cast<long>((milliseconds % 1000) * 1'000'000);
  for (;;) {
    const int signal = sigtimedwait(&stop_, nullptr, &wait);
    if (signal == SIGINT || signal == SIGTERM) {
      stopped_ = true;
      return true;
    }
    // EINTR: another signal (one with a handler) interrupted the wait; wait again (for the full
    // time: a handled signal is rare, and a longer wait only delays the next round).
    if (signal < 0 && errno == EINTR) continue;
    return false;  // EAGAIN: the time is up
  }
}

}  // namespace propdesk::cli
