// FieldDef: type names and the check of one value against a declaration.
#include "propdesk/field.hpp"

#include <array>

#include "model/utf8.hpp"

namespace propdesk {

namespace {
constexpr std::array<std::pair<FieldType, std::string_view>, 7> kTypeNames = {{
    {FieldType::kString, "string"},
    {FieldType::kText, "text"},
    {FieldType::kInt, "int"},
    {FieldType::kNumber, "number"},
    {FieldType::kBool, "bool"},
    {FieldType::kEnum, "enum"},
    {FieldType::kTime, "time"},
}};

// Documented in docs/workflow-language.md: the size a value may have when the field sets no
// max_length. Keeps one ticket row well under the store's limit.
constexpr std::size_t kDefaultStringLimit = 4096;
constexpr std::size_t kDefaultTextLimit = 65536;

std::string number_text(double d) { return Value(d).to_string(); }
}  // namespace

std::string_view to_string(FieldType type) {
  for (const auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return "?";
}

std::optional<FieldType> field_type_from_string(std::string_view name) {
  for (const auto& [t, n] : kTypeNames)
    if (n == name) return t;
  return std::nullopt;
}

Value::Kind value_kind_of(FieldType type) {
  switch (type) {
    case FieldType::kInt: return Value::Kind::kInt;
    case FieldType::kNumber: return Value::Kind::kNumber;
    case FieldType::kBool: return Value::Kind::kBool;
    case FieldType::kTime: return Value::Kind::kTime;
    case FieldType::kString:
    case FieldType::kText:
    case FieldType::kEnum: return Value::Kind::kString;
  }
  return Value::Kind::kString;
}

std::string FieldDef::check(const Value& value) const {
  if (value.is_null()) return {};
  const Value::Kind want = value_kind_of(type);
  const bool int_as_number = want == Value::Kind::kNumber && value.kind() == Value::Kind::kInt;
  if (value.kind() != want && !int_as_number) {
    return "expected " + std::string(propdesk::to_string(type)) + ", got " +
           std::string(propdesk::to_string(value.kind())) + " '" + value.to_string() + "'";
  }
  switch (type) {
    case FieldType::kString:
    case FieldType::kText:
    case FieldType::kEnum: {
      const std::string& s = value.as_string();
      if (auto bad = find_invalid_utf8(s))
        return "text is not valid UTF-8 (byte " + std::to_string(*bad) + ")";
      const std::size_t limit =
          max_length ? *max_length : (type == FieldType::kText ? kDefaultTextLimit : kDefaultStringLimit);
      if (s.size() > limit)
        return "text of " + std::to_string(s.size()) + " bytes is longer than the limit of " +
               std::to_string(limit);
      if (type == FieldType::kEnum) {
        for (const auto& v : values)
          if (v == s) return {};
        std::string list;
        for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
        return "value '" + s + "' is not one of " + list;
      }
      return {};
    }
    case FieldType::kInt:
    case FieldType::kNumber: {
      const double d = value.kind() == Value::Kind::kInt ? static_cast<double>(value.as_int())
                                                         : value.as_number();
      if (d != d) return "value is not a number";
      if (min && d < *min) return value.to_string() + " is below the minimum " + number_text(*min);
      if (max && d > *max) return value.to_string() + " is above the maximum " + number_text(*max);
      return {};
    }
    case FieldType::kBool:
    case FieldType::kTime: return {};
  }
  return {};
}

}  // namespace propdesk
