// Cutting UTF-8 text without splitting a character, for the shipped plugins (a robot message's
// length limit, an e-mail header's encoded words).
#pragma once

#include <cstddef>
#include <string_view>

namespace propdesk::plugins {

/// The largest length <= `max` at which `text` can be cut without splitting a multi-byte
/// character: `max` itself when `text` is no longer, else backed up over continuation bytes.
/// Text that is not valid UTF-8 is cut where it must be, never in an endless loop.
std::size_t utf8_boundary(std::string_view text, std::size_t max);

}  // namespace propdesk::plugins
