// Canonical JSON of Fields: written directly; read directly when it is in the canonical form,
// else with nlohmann::json.
#include "model/fields_codec.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>

#include "model/json_cursor.hpp"
#include "model/utf8.hpp"

namespace propdesk {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kTimeKey = "$time";

[[noreturn]] void fail(std::string_view key, std::string_view what) {
  throw FieldsCodecError("field '" + std::string(key) + "': " + std::string(what));
}

void check_utf8(std::string_view key, std::string_view text, std::string_view what) {
  if (auto bad = find_invalid_utf8(text))
    fail(key, std::string(what) + " is not valid UTF-8 (bad byte at offset " +
                  std::to_string(*bad) + ")");
}

// Only four-digit years read back through parse_time().
bool encodable_time(TimePoint t) {
  using namespace std::chrono;
  const TimePoint first{sys_days{year{0} / January / 1}};
  const TimePoint last{sys_days{year{9999} / December / 31} + hours{24} - seconds{1}};
  return t >= first && t <= last;
}

// Appends `text` as a JSON string the way nlohmann::json::dump() writes it (UTF-8 kept as is;
// quote, backslash and control characters escaped), so that decoding with nlohmann reads it back.
void append_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, sizeof escape);
      }
    }
  }
  out.append(text, plain, text.size() - plain);
  out.push_back('"');
}

void append_value(std::string& out, std::string_view key, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += value.as_bool() ? "true" : "false";
      return;
    case Value::Kind::kInt: {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, value.as_int()).ptr;
      out.append(digits, end);
      return;
    }
    case Value::Kind::kNumber:
      if (!std::isfinite(value.as_number())) fail(key, "number is not finite");
      // nlohmann's shortest round-trip form, always with '.' or an exponent ("2.0", "1e+300").
      out += Json(value.as_number()).dump();
      return;
    case Value::Kind::kString:
      check_utf8(key, value.as_string(), "string value");
      append_string(out, value.as_string());
      return;
    case Value::Kind::kTime:
      if (!encodable_time(value.as_time())) fail(key, "time is outside the years 0000-9999");
      out += R"({"$time":")";
      out += format_time(value.as_time());
      out += R"("})";
      return;
  }
  fail(key, "unknown value kind");
}

Value from_json(std::string_view key, const Json& json) {
  switch (json.type()) {
    case Json::value_t::null:
      return {};
    case Json::value_t::boolean:
      return json.get<bool>();
    case Json::value_t::number_integer:
      return json.get<std::int64_t>();
    case Json::value_t::number_unsigned: {
      const auto u = json.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail(key, "integer does not fit in 64 bits");
      return static_cast<std::int64_t>(u);
    }
    case Json::value_t::number_float:
      return json.get<double>();
    case Json::value_t::string:
      return json.get<std::string>();
    case Json::value_t::object: {
      const auto it = json.find(kTimeKey);
      if (json.size() != 1 || it == json.end() || !it->is_string())
        fail(key, "an object value must be {\"$time\": \"<ISO 8601>\"}");
      const auto t = parse_time(it->get_ref<const std::string&>(), std::chrono::minutes{0});
      if (!t) fail(key, "malformed time '" + it->get<std::string>() + "'");
      return *t;
    }
    default:
      fail(key, std::string("unexpected JSON ") + json.type_name());
  }
}

// One value in the form append_value() writes it; false for anything else.
bool canonical_value(JsonCursor& in, Value& out, std::string& scratch) {
  switch (in.next()) {
    case 'n':
      out = Value();
      return in.eat(std::string_view("null"));
    case 't':
    case 'f': {
      bool b = false;
      if (!in.boolean(b)) return false;
      out = b;
      return true;
    }
    case '"':
      if (!in.string(scratch)) return false;
      out = Value(std::move(scratch));
      return true;
    case '{': {
      if (!in.eat(std::string_view(R"({"$time":)")) || !in.string(scratch) || !in.eat('}'))
        return false;
      const auto t = parse_time(scratch, std::chrono::minutes{0});
      if (!t) return false;
      out = *t;
      return true;
    }
    default: {
      std::string_view token;
      bool integer = false;
      if (!in.number(token, integer)) return false;
      if (integer) {
        // Up to 18 digits always fit; longer ones (and their range errors) are the general
        // parser's.
        std::int64_t i = 0;
        if (token.size() > 18 || token == "-0") return false;
        if (std::from_chars(token.data(), token.data() + token.size(), i).ec != std::errc()) return false;
        out = i;
        return true;
      }
      double d = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), d);
      if (error != std::errc() || end != token.data() + token.size() || !std::isfinite(d)) return false;
      out = d;
      return true;
    }
  }
}

// The fast path of decode_fields(): exactly the bytes encode_fields() writes (keys in strictly
// ascending order, no whitespace, no \u escapes). nullopt for anything else, which the general
// parser then reads (or refuses) - so both paths give the same Fields for every text they accept.
std::optional<Fields> decode_canonical(std::string_view json) {
  JsonCursor in(json);
  Fields fields;
  if (!in.eat('{')) return std::nullopt;
  if (in.eat('}')) return in.at_end() ? std::optional<Fields>(std::move(fields)) : std::nullopt;
  std::string key;
  std::string scratch;
  for (;;) {
    if (!in.string(key) || !in.eat(':')) return std::nullopt;
    if (!fields.empty() && !(fields.rbegin()->first < key)) return std::nullopt;
    Value value;
    if (!canonical_value(in, value, scratch)) return std::nullopt;
    fields.emplace_hint(fields.end(), std::move(key), std::move(value));
    if (in.eat(',')) continue;
    if (in.eat('}')) break;
    return std::nullopt;
  }
  if (!in.at_end()) return std::nullopt;
  return fields;
}

}  // namespace

// Written directly rather than through a nlohmann::json tree: this runs for every commit, and the
// tree would copy every key and string once more. Fields iterate in bytewise key order, the order
// of nlohmann's objects, so the bytes are those of Json::dump() on the same object (a test checks).
std::string encode_fields(const Fields& fields) {
  std::string out;
  out.reserve(64 * fields.size() + 2);
  out.push_back('{');
  for (const auto& [key, value] : fields) {
    check_utf8(key, key, "the name");
    if (out.size() > 1) out.push_back(',');
    append_string(out, key);
    out.push_back(':');
    append_value(out, key, value);
  }
  out.push_back('}');
  return out;
}

Fields decode_fields(std::string_view json) {
  // Every stored ticket is in the canonical form: read it without building a JSON tree (this runs
  // for every ticket read, e.g. before every event).
  if (std::optional<Fields> fields = decode_canonical(json)) return std::move(*fields);
  const Json object = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) throw FieldsCodecError("fields JSON is malformed");
  if (!object.is_object()) throw FieldsCodecError("fields JSON is not an object");
  Fields fields;
  for (const auto& [key, value] : object.items()) fields.emplace(key, from_json(key, value));
  return fields;
}

}  // namespace propdesk
