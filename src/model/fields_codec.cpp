// Canonical JSON of Fields on top of nlohmann::json (whose objects are std::maps: sorted keys).
#include "model/fields_codec.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

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

Json to_json(std::string_view key, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return nullptr;
    case Value::Kind::kBool:
      return value.as_bool();
    case Value::Kind::kInt:
      return value.as_int();
    case Value::Kind::kNumber:
      if (!std::isfinite(value.as_number())) fail(key, "number is not finite");
      return value.as_number();
    case Value::Kind::kString:
      check_utf8(key, value.as_string(), "string value");
      return value.as_string();
    case Value::Kind::kTime:
      if (!encodable_time(value.as_time())) fail(key, "time is outside the years 0000-9999");
      return Json{{kTimeKey, format_time(value.as_time())}};
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

}  // namespace

std::string encode_fields(const Fields& fields) {
  Json object = Json::object();
  for (const auto& [key, value] : fields) {
    check_utf8(key, key, "the name");
    object[key] = to_json(key, value);
  }
  return object.dump();
}

Fields decode_fields(std::string_view json) {
  const Json object = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) throw FieldsCodecError("fields JSON is malformed");
  if (!object.is_object()) throw FieldsCodecError("fields JSON is not an object");
  Fields fields;
  for (const auto& [key, value] : object.items()) fields.emplace(key, from_json(key, value));
  return fields;
}

}  // namespace propdesk
