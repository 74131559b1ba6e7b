// The canonical JSON encoding of Fields: what the stores persist and what the journal hash covers.
//
// One JSON object, keys sorted bytewise, no whitespace, each value typed by its JSON form:
//   null -> null          bool -> true/false        int -> 42 (an integer literal)
//   number -> 4.5 / 1.0 / 1e+300 (always with '.' or an exponent, shortest round-trip digits)
//   string -> "text" (UTF-8, only the escapes JSON requires)
//   time -> {"$time":"2026-11-26T06:00:00Z"}
// e.g. {"due":{"$time":"2026-11-26T06:00:00Z"},"floor":3,"location":"3-2-1502","paid":false}
//
// Deterministic: equal Fields (same kinds, same values) always give the same bytes, so the
// encoding can be hashed. Decoding gives back exactly the kinds that were encoded.
//
// Policy for text that is not valid UTF-8 (in a key or a string value): refused with
// FieldsCodecError naming the field and byte offset; nothing is silently replaced. Numbers that
// are NaN or infinite, and times outside the years 0000-9999, are refused the same way.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "propdesk/ticket.hpp"

namespace propdesk {

/// Fields that cannot be encoded, or text that is not a canonical fields encoding.
class FieldsCodecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The canonical encoding. Throws FieldsCodecError for fields that cannot be encoded (see above).
std::string encode_fields(const Fields& fields);

/// The inverse of encode_fields(). Throws FieldsCodecError when `json` is not valid JSON, not an
/// object, or holds a value no encoding produces (arrays, other objects, integers beyond 64 bits).
/// Accepts any key order and whitespace.
Fields decode_fields(std::string_view json);

}  // namespace propdesk
