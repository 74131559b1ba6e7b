// UTF-8 well-formedness, checked wherever text enters propdesk (workflow files, field values).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace propdesk {

/// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are ill-formed), or nullopt when all of `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// The characters (code points, each as its UTF-8 bytes) of `text`. An ill-formed byte counts as
/// one character of its own (stored text is valid UTF-8; this only has to keep going).
std::vector<std::string_view> split_code_points(std::string_view text);

}  // namespace propdesk
