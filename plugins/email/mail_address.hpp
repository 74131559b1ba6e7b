// E-mail addresses as the e-mail notifier accepts them: plain `local@domain` in ASCII (no display
// names, comments, quoting or internationalised addresses), so that nothing a setting or a user id
// holds can reach the SMTP envelope or a header as anything but one address.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace propdesk::plugins {

/// Whether `text` is one address: at most 254 bytes, one '@' with a non-empty local part and a
/// domain of dot-separated labels, only printable ASCII other than space and ()<>[]:;,\".
bool is_mail_address(std::string_view text);

/// A comma-separated list of addresses (spaces around them allowed), at least one. Throws
/// sdk::Error(PROPDESK_STATUS_INVALID) naming `setting` and the address that is not one.
std::vector<std::string> mail_address_list(std::string_view text, const std::string& setting);

/// The domain of an address ("example.com" for "desk@example.com").
std::string_view mail_domain(std::string_view address);

}  // namespace propdesk::plugins
