// Base64 (RFC 4648, with padding, no line breaks), for the shipped plugins: DingTalk's signature,
// e-mail bodies and encoded words.
#pragma once

#include <string>
#include <string_view>

namespace propdesk::plugins {

/// `bytes` in Base64: "QUJD" for "ABC", "" for "".
std::string base64(std::string_view bytes);

}  // namespace propdesk::plugins
