// SIGINT and SIGTERM as a request to stop, for a verb that runs until told to (`deliver --follow`).
#pragma once

#include <csignal>

#include "propdesk/ticket.hpp"

namespace propdesk::cli {

/// While alive, SIGINT and SIGTERM are blocked in the calling thread (and in threads it starts
/// afterwards), so they do not end the process: wait_for() receives them instead. Create it before
/// starting threads (plugins may start some). The previous signal mask is restored on destruction;
/// a stop signal received and not yet taken by wait_for() then acts as usual.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// Waits up to `timeout` (at least not at all) for SIGINT or SIGTERM; true when one arrived (now
  /// or earlier), after which it keeps returning true at once.
  bool wait_for(Duration timeout);

 private:
  sigset_t stop_;
  sigset_t previous_;
  bool stopped_ = false;
};

}  // namespace propdesk::cli
