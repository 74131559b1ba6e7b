#include "cli/exit_status.hpp"

#include <exception>
#include <iostream>

#include "cli/ticket_json.hpp"

namespace propdesk::cli {

int run_verb(const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    // StoreError messages name the file already; CliError messages are written for this line.
    std::cerr << "error: " << e.what() << '\n';
    return kExitError;
  }
}

int report_rejection(const Rejection& rejection, bool json) {
  std::cerr << "rejected: " << to_string(rejection.reason) << ": " << rejection.message << '\n';
  if (json) std::cout << rejection_json(rejection).dump(2) << '\n';
  return kExitRejected;
}

}  // namespace propdesk::cli
