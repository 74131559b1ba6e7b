// How a verb of `propdesk` ends: its exit status, and the one way errors and rejections are told.
#pragma once

#include <functional>
#include <stdexcept>

#include "propdesk/result.hpp"

namespace propdesk::cli {

/// Exit statuses shared by every verb.
inline constexpr int kExitOk = 0;
/// A usage or configuration error (bad argument, unreadable workflow, unusable database) or a
/// failed check (`verify` found a broken journal).
inline constexpr int kExitError = 1;
/// The engine turned the request down (a Rejection).
inline constexpr int kExitRejected = 2;
/// `deliver`: an attempt failed (to be retried, or a dead letter now).
inline constexpr int kExitDeliveryFailed = 3;

/// A usage or configuration error, with a message for people (one line, no "error:" prefix).
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs a verb's body; a CliError, StoreError or other exception becomes "error: <message>" on
/// stderr and kExitError, so no verb has to repeat that.
int run_verb(const std::function<int()>& body);

/// Prints "rejected: <reason-code>: <message>" to stderr (and, with `json`, the rejection as JSON
/// on stdout) and returns kExitRejected.
int report_rejection(const Rejection& rejection, bool json);

}  // namespace propdesk::cli
