#include "cli/delivery_tally.hpp"

namespace propdesk::cli {

void DeliveryTally::add(const DeliveryAttempt& attempt) {
  ++attempts_;
  retrying_.erase(attempt.key);  // an earlier attempt of it in this run asked for a retry
  switch (attempt.outcome) {
    case DeliveryAttempt::Outcome::kDelivered:
      ++delivered_;
      break;
    case DeliveryAttempt::Outcome::kDead:
      ++dead_;
      break;
    case DeliveryAttempt::Outcome::kRetry:
      retrying_.insert(attempt.key);
      break;
  }
}

}  // namespace propdesk::cli
