// Counts the messages a `deliver` run attempted by how their last attempt in the run ended: a
// message retried and then delivered is one delivered message. Memory stays bounded over a long
// run (`--follow`): only messages whose last attempt asked for a retry are remembered.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "propdesk/delivery_attempt.hpp"

namespace propdesk::cli {

class DeliveryTally {
 public:
  /// Counts one attempt (attempts of one message in the order they were made).
  void add(const DeliveryAttempt& attempt);

  [[nodiscard]] std::size_t delivered() const { return delivered_; }
  /// Messages whose last attempt in this run scheduled a retry.
  [[nodiscard]] std::size_t to_retry() const { return retrying_.size(); }
  [[nodiscard]] std::size_t dead() const { return dead_; }
  [[nodiscard]] std::size_t attempts() const { return attempts_; }
  /// Whether a message attempted in this run did not end delivered.
  [[nodiscard]] bool failed() const { return dead_ > 0 || !retrying_.empty(); }

 private:
  std::size_t delivered_ = 0;
  std::size_t dead_ = 0;
  std::size_t attempts_ = 0;
  std::set<std::string> retrying_;  // keys
};

}  // namespace propdesk::cli
