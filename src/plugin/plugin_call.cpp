#include "plugin/plugin_call.hpp"

namespace propdesk::plugin {

std::string status_name(propdesk_status status) {
  switch (status) {
    case PROPDESK_STATUS_OK: return "ok";
    case PROPDESK_STATUS_RETRY: return "retry";
    case PROPDESK_STATUS_FAILED: return "failed";
    case PROPDESK_STATUS_INVALID: return "invalid";
    default: return "status " + std::to_string(status);
  }
}

std::string failure_text(TextBuffer& text, propdesk_status status) {
  std::string t = text.text();
  if (!t.empty()) return t;
  return "failed (" + status_name(status) + ") without saying why";
}

OwnedUser::~OwnedUser() {
  if (release_ == nullptr) return;
  try {
    release_(user_);
  } catch (...) {  // a release that throws has nobody to tell; the pointer is gone either way
  }
}

}  // namespace propdesk::plugin
