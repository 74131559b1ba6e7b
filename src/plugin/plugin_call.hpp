// Calling into a plugin: every call is wrapped so that nothing a plugin throws reaches propdesk, and
// the `user` pointer a plugin hands over is released exactly once.
#pragma once

#include <cstdio>
#include <exception>
#include <string>
#include <utility>

#include "plugin/abi_views.hpp"
#include "propdesk/plugin_api.h"

namespace propdesk::plugin {

/// Runs `call` (which calls a plugin function and returns its status). Anything it throws becomes
/// PROPDESK_STATUS_FAILED with "threw an exception: <what>" in `text`. Never throws.
template <class Call>
propdesk_status call_plugin(TextBuffer& text, Call&& call) noexcept {
  // The message is copied inside the handler: the exception (and its what()) ends with it.
  try {
    return call();
  } catch (const std::exception& e) {
    std::snprintf(text.data(), text.size(), "threw an exception: %s", e.what());
  } catch (...) {
    std::snprintf(text.data(), text.size(), "threw an exception: unknown exception");
  }
  return PROPDESK_STATUS_FAILED;
}

/// "status 7" for codes outside the ABI; the names otherwise.
std::string status_name(propdesk_status status);

/// The reason a failed call gives: the plugin's text, or a fallback naming the status when the
/// plugin wrote none.
std::string failure_text(TextBuffer& text, propdesk_status status);

/// A plugin's `user` pointer with its release function: released once, when this is destroyed.
class OwnedUser {
 public:
  OwnedUser(void* user, void (*release)(void*)) noexcept : user_(user), release_(release) {}
  ~OwnedUser();
  OwnedUser(const OwnedUser&) = delete;
  OwnedUser& operator=(const OwnedUser&) = delete;
  [[nodiscard]] void* get() const noexcept { return user_; }

 private:
  void* user_;
  void (*release_)(void*);
};

}  // namespace propdesk::plugin
