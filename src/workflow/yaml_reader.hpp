// YamlReader: reads typed values out of a YamlNode tree and reports what is wrong, where.
//
// Shared by every loader of a propdesk YAML file (workflows, and the engine configuration and
// calendars later): one place decides what a bool, a duration or a name looks like, how unknown
// keys are reported, and how messages are worded.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/diagnostic.hpp"
#include "propdesk/field.hpp"
#include "propdesk/value.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  [[nodiscard]] SourceLocation where(const YamlNode& n) const { return {file_, n.line, n.column}; }
  [[nodiscard]] const std::string& file() const { return file_; }

  void error(const YamlNode& at, std::string code, std::string message);
  void warning(const YamlNode& at, std::string code, std::string message);
  void error_at(SourceLocation where, std::string code, std::string message);
  [[nodiscard]] std::size_t error_count() const { return errors_; }

  /// Errors unless `n` is a mapping; `what` names the thing for the message ("field 'phone'").
  bool expect_map(const YamlNode& n, std::string_view what);
  /// Reports every key of `map` not in `allowed` (with a did-you-mean); true when none.
  bool check_keys(const YamlNode& map, std::initializer_list<std::string_view> allowed, std::string_view what);
  /// The value of a key that must be present; reports it missing (at the mapping) otherwise.
  const YamlNode* require(const YamlNode& map, std::string_view key, std::string_view what);

  /// A name: [A-Za-z][A-Za-z0-9_]*.
  std::optional<std::string> name(const YamlNode& n, std::string_view what);
  /// Any scalar as text (plain or quoted).
  std::optional<std::string> text(const YamlNode& n, std::string_view what);
  std::optional<bool> boolean(const YamlNode& n, std::string_view what);
  std::optional<std::int64_t> integer(const YamlNode& n, std::string_view what);
  std::optional<double> number(const YamlNode& n, std::string_view what);
  std::optional<Duration> duration(const YamlNode& n, std::string_view what);
  /// "80%" as a whole percentage (the % sign is required), within min..max (an out-of-range
  /// error otherwise).
  std::optional<int> percent(const YamlNode& n, std::string_view what, int min, int max);
  /// A constant of a field's type, checked against the declaration (enum values, range).
  std::optional<Value> value_for(const YamlNode& n, const FieldDef& field, std::string_view what);

  /// A scalar or a list of scalars, as a list (`from: a` and `from: [a, b]`).
  std::vector<const YamlNode*> one_or_many(const YamlNode& n, std::string_view what);

 private:
  std::string file_;
  std::vector<Diagnostic>& out_;
  std::size_t errors_ = 0;
};

}  // namespace propdesk
