// propdesk/value.hpp: the typed value of a ticket field, an input or a workflow constant.
#pragma once

#include <cassert>
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "propdesk/export.hpp"

namespace propdesk {

/// Instants are kept in UTC with second precision.
using TimePoint = std::chrono::sys_seconds;
/// Lengths of time (SLA targets, timers) with second precision.
using Duration = std::chrono::seconds;

/// A field value: null, bool, 64-bit integer, number (double), string or time.
///
/// Enum, string and text fields all hold strings; the field's declared type says which. Values are
/// regular (copyable, comparable with ==). Ordering is defined between values of the same kind
/// (and between int and number); comparing other kinds is unordered.
class PROPDESK_API Value {
 public:
  enum class Kind { kNull, kBool, kInt, kNumber, kString, kTime };

  Value() = default;  ///< null
  Value(bool b) : v_(b) {}                             // NOLINT(google-explicit-constructor)
  Value(int i) : v_(std::int64_t{i}) {}                // NOLINT(google-explicit-constructor)
  Value(std::int64_t i) : v_(i) {}                     // NOLINT(google-explicit-constructor)
  Value(double d) : v_(d) {}                           // NOLINT(google-explicit-constructor)
  Value(std::string s) : v_(std::move(s)) {}           // NOLINT(google-explicit-constructor)
  Value(const char* s) : v_(std::string(s)) {}         // NOLINT(google-explicit-constructor)
  Value(std::string_view s) : v_(std::string(s)) {}    // NOLINT(google-explicit-constructor)
  Value(TimePoint t) : v_(t) {}                        // NOLINT(google-explicit-constructor)

  [[nodiscard]] Kind kind() const { return static_cast<Kind>(v_.index()); }
  [[nodiscard]] bool is_null() const { return kind() == Kind::kNull; }

  /// Accessors; each requires the matching kind (checked with an assertion in debug builds; in
  /// release builds the access is unchecked, so that a caller that tested kind() pays nothing
  /// more).
  [[nodiscard]] bool as_bool() const { return get<bool>(); }
  [[nodiscard]] std::int64_t as_int() const { return get<std::int64_t>(); }
  [[nodiscard]] double as_number() const { return get<double>(); }
  [[nodiscard]] const std::string& as_string() const { return get<std::string>(); }
  [[nodiscard]] TimePoint as_time() const { return get<TimePoint>(); }

  /// Canonical text: "null", "true", "42", "4.5", the string itself, or ISO 8601 UTC time
  /// ("2026-11-26T06:00:00Z").
  [[nodiscard]] std::string to_string() const;

  /// Equal kinds and values; an int equals a number of the same value. Inline: conditions compare
  /// values on the engine's hot path.
  friend bool operator==(const Value& a, const Value& b) {
    const Kind ka = a.kind();
    const Kind kb = b.kind();
    if (ka == kb) return a.v_ == b.v_;
    if (ka == Kind::kInt && kb == Kind::kNumber) return static_cast<double>(a.as_int()) == b.as_number();
    if (ka == Kind::kNumber && kb == Kind::kInt) return a.as_number() == static_cast<double>(b.as_int());
    return false;
  }
  /// Same-kind ordering (int and number compare numerically); unordered across kinds.
  friend std::partial_ordering operator<=>(const Value& a, const Value& b) {
    const Kind ka = a.kind();
    const Kind kb = b.kind();
    if (ka == Kind::kInt && kb == Kind::kInt) return a.as_int() <=> b.as_int();
    const bool na = ka == Kind::kInt || ka == Kind::kNumber;
    const bool nb = kb == Kind::kInt || kb == Kind::kNumber;
    if (na && nb) {
      const double x = ka == Kind::kInt ? static_cast<double>(a.as_int()) : a.as_number();
      const double y = kb == Kind::kInt ? static_cast<double>(b.as_int()) : b.as_number();
      return x <=> y;
    }
    if (ka != kb) return std::partial_ordering::unordered;
    switch (ka) {
      case Kind::kNull: return std::partial_ordering::equivalent;
      case Kind::kBool: return a.as_bool() <=> b.as_bool();
      case Kind::kString: return a.as_string().compare(b.as_string()) <=> 0;
      case Kind::kTime: return a.as_time() <=> b.as_time();
      default: return std::partial_ordering::unordered;
    }
  }

 private:
  template <typename T>
  [[nodiscard]] const T& get() const {
    const T* p = std::get_if<T>(&v_);
    assert(p != nullptr && "Value accessed as another kind");
    return *p;  // NOLINT(clang-analyzer-core.NullDereference): the kind is the caller's precondition
  }

  std::variant<std::monostate, bool, std::int64_t, double, std::string, TimePoint> v_;
};

/// "null", "bool", "int", "number", "string" or "time".
PROPDESK_API std::string_view to_string(Value::Kind kind);

/// Parses an ISO 8601 instant: "2026-11-26T14:00:00+08:00", "2026-11-26T06:00Z",
/// "2026-11-26 14:00" (no offset: taken as `default_offset`, which defaults to UTC+8, the
/// desk's Asia/Shanghai). Returns nullopt for anything else, including impossible dates.
PROPDESK_API std::optional<TimePoint> parse_time(std::string_view text,
                                                 std::chrono::minutes default_offset = std::chrono::hours(8));

/// Formats as ISO 8601 UTC with a trailing Z.
PROPDESK_API std::string format_time(TimePoint t);

/// Parses a duration: one or more <number><unit> groups with units s, m, h, d, w ("30m", "1h30m",
/// "2d"). Returns nullopt when malformed, empty, zero-length units are missing, or it overflows.
PROPDESK_API std::optional<Duration> parse_duration(std::string_view text);

/// Formats a duration in the same notation, largest units first ("1h30m"; "0s" for zero).
PROPDESK_API std::string format_duration(Duration d);

}  // namespace propdesk
