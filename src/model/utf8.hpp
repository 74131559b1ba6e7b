// UTF-8 well-formedness, checked wherever text enters propdesk (workflow files, field values), and
// stepping through text character by character (masking, display widths).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace propdesk {

/// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are ill-formed), or nullopt when all of `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// The length in bytes (1 to 4) of the well-formed UTF-8 sequence that starts at text[i], or 1 when
/// the byte there does not start one: an ill-formed byte counts as a character of its own, so
/// stepping by this length always moves forward and never splits a well-formed character.
/// Requires i < text.size().
std::size_t utf8_char_length(std::string_view text, std::size_t i);

/// The characters of `text` (code points, each as its UTF-8 bytes; ill-formed bytes one by one).
std::vector<std::string_view> split_utf8_characters(std::string_view text);

}  // namespace propdesk
