// RFC 2047 encoded words: UTF-8 text (a subject in Chinese, a sender's name) in a mail header,
// which may carry ASCII only. The text becomes "=?UTF-8?B?<base64>?=" words of at most 68
// characters, each holding whole characters, joined by folding ("\r\n "), so no header line grows
// past 78 characters and a mail program shows the text unchanged.
#pragma once

#include <string>
#include <string_view>

namespace propdesk::plugins {

/// The encoded words for `text` (UTF-8), separated by "\r\n "; "" for "". Control characters
/// (CR, LF ...) are encoded like any other, so they cannot end the header.
std::string encoded_words(std::string_view text);

}  // namespace propdesk::plugins
