// propdesk/field.hpp: the declaration of one typed ticket field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_ids.hpp"

namespace propdesk {

/// The type of a field. `text` is a long free-form string (descriptions); `enum` is a string from a
/// fixed list; `time` an ISO 8601 instant; `number` a double (amounts of money, readings).
enum class FieldType { kString, kText, kInt, kNumber, kBool, kEnum, kTime };

/// "string", "text", "int", "number", "bool", "enum" or "time".
PROPDESK_API std::string_view to_string(FieldType type);
/// The inverse of to_string(FieldType); nullopt for an unknown name.
PROPDESK_API std::optional<FieldType> field_type_from_string(std::string_view name);

/// The Value kind a field of this type holds (enum, text and string hold kString).
PROPDESK_API Value::Kind value_kind_of(FieldType type);

/// A declared field. Built-in fields (`severity`, `assignee`) exist in every workflow.
struct PROPDESK_API FieldDef {
  std::string name;
  FieldType type = FieldType::kString;
  std::string label;                   ///< display name, may be Chinese; empty if none
  bool required = false;               ///< must be given when a ticket is created
  bool pii = false;                    ///< personal data: masked in notifications and logs
  std::optional<Value> default_value;  ///< applied at creation when the field is not given
  std::optional<double> min;           ///< int/number: smallest allowed value
  std::optional<double> max;           ///< int/number: largest allowed value
  std::optional<std::size_t> max_length;  ///< string/text: longest allowed value in bytes
  std::vector<std::string> values;     ///< enum: the allowed values, in declaration order
  bool builtin = false;                ///< true for `severity` and `assignee`
  SourceLocation where;

  /// Checks a value against this declaration (kind, enum membership, range, length). Returns an
  /// empty string when it is acceptable, otherwise the reason, e.g.
  /// "value 'gas' is not one of plumbing, electrical" or "7 is above the maximum 5".
  /// A null value is acceptable here (requiredness is checked separately).
  [[nodiscard]] std::string check(const Value& value) const;
};

}  // namespace propdesk
