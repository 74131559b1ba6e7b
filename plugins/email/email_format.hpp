// What an e-mail notification says: its subject and its text, from the rendered notification.
#pragma once

#include <string>

#include "propdesk/plugin_api.h"

namespace propdesk::plugins {

/// The notification's subject; without one (a template written as one string), "<state label>
/// <ticket code>" (已派工 BX-20261126-0007).
std::string email_subject(const propdesk_notification& notification);

/// The notification's body, then a line "-- <state label> · <ticket code>" and the link to the
/// ticket unless the body holds it already. LF line ends.
std::string email_body(const propdesk_notification& notification);

}  // namespace propdesk::plugins
