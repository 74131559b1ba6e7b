#include "cli/field_arguments.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "cli/exit_status.hpp"

namespace propdesk::cli {

namespace {

std::string expected_form(FieldType type) {
  switch (type) {
    case FieldType::kInt:
      return "an integer such as 4";
    case FieldType::kNumber:
      return "a number such as 120.5";
    case FieldType::kBool:
      return "true or false";
    case FieldType::kTime:
      return "a time such as 2026-11-26T14:00+08:00 or '2026-11-26 14:00' (taken as +08:00)";
    default:
      return "text";
  }
}

[[noreturn]] void bad_value(const FieldDef& field, std::string_view text) {
  const std::string label = field.label.empty() || field.builtin ? "" : " (" + field.label + ")";
  throw CliError("field '" + field.name + "'" + label + " expects " + expected_form(field.type) +
                 ", got '" + std::string(text) + "'");
}

template <typename T>
bool parse_whole(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && !text.empty();
}

}  // namespace

Value parse_field_value(const FieldDef& field, std::string_view text) {
  switch (field.type) {
    case FieldType::kInt: {
      std::int64_t i = 0;
      if (!parse_whole(text, i)) bad_value(field, text);
      return Value(i);
    }
    case FieldType::kNumber: {
      double d = 0;
      if (!parse_whole(text, d) || !std::isfinite(d)) bad_value(field, text);
      return Value(d);
    }
    case FieldType::kBool:
      if (text == "true") return Value(true);
      if (text == "false") return Value(false);
      bad_value(field, text);
    case FieldType::kTime: {
      auto t = parse_time(text);
      if (!t) bad_value(field, text);
      return Value(*t);
    }
    case FieldType::kString:
    case FieldType::kText:
    case FieldType::kEnum:
      return Value(text);
  }
  return Value(text);
}

Fields parse_field_arguments(const Workflow& workflow, const std::vector<std::string>& arguments) {
  Fields fields;
  for (const std::string& argument : arguments) {
    const auto eq = argument.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CliError("expected KEY=VALUE (for example location=3-2-1502), got '" + argument + "'");
    }
    const std::string key = argument.substr(0, eq);
    const std::string_view text = std::string_view(argument).substr(eq + 1);
    if (fields.contains(key)) throw CliError("field '" + key + "' is given twice");
    auto id = workflow.find_field(key);
    fields.emplace(key, id ? parse_field_value(workflow.field(*id), text) : Value(text));
  }
  return fields;
}

}  // namespace propdesk::cli
