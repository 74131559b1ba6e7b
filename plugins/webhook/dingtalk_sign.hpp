// DingTalk's robot signing (加签): the robot URL gets &timestamp=<ms>&sign=<signature>, where the
// signature is Base64(HMAC-SHA256(key = secret, "<ms>\n<secret>")), URL-encoded.
#pragma once

#include <cstdint>
#include <string>

namespace propdesk::plugins {

/// `url` with the timestamp and signature appended ('?' or '&' as needed).
std::string dingtalk_signed_url(const std::string& url, const std::string& secret, std::int64_t timestamp_ms);

}  // namespace propdesk::plugins
