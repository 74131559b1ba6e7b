#include "workflow/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "workflow/suggestion.hpp"

namespace propdesk {

namespace {
bool is_name(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

void YamlReader::error(const YamlNode& at, std::string code, std::string message) {
  error_at(where(at), std::move(code), std::move(message));
}

void YamlReader::error_at(SourceLocation w, std::string code, std::string message) {
  ++errors_;
  out_.push_back({DiagnosticSeverity::kError, std::move(w), std::move(code), std::move(message)});
}

void YamlReader::warning(const YamlNode& at, std::string code, std::string message) {
  out_.push_back({DiagnosticSeverity::kWarning, where(at), std::move(code), std::move(message)});
}

bool YamlReader::expect_map(const YamlNode& n, std::string_view what) {
  if (n.is_map()) return true;
  error(n, "wrong-type", std::string(what) + " must be a mapping, not " + n.describe());
  return false;
}

bool YamlReader::check_keys(const YamlNode& map, std::initializer_list<std::string_view> allowed,
                            std::string_view what) {
  bool clean = true;
  for (const auto& [key, value] : map.entries) {
    if (std::find(allowed.begin(), allowed.end(), key->scalar) != allowed.end()) continue;
    std::vector<std::string> names(allowed.begin(), allowed.end());
    std::string hint = did_you_mean(key->scalar, names);
    if (hint.empty()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      hint = " (expected one of: " + list + ")";
    }
    error(*key, "unknown-key", "unknown key '" + key->scalar + "' in " + std::string(what) + hint);
    clean = false;
  }
  return clean;
}

const YamlNode* YamlReader::require(const YamlNode& map, std::string_view key, std::string_view what) {
  if (const YamlNode* v = map.find(key)) return v;
  error(map, "missing-key", std::string(what) + " needs '" + std::string(key) + "'");
  return nullptr;
}

std::optional<std::string> YamlReader::name(const YamlNode& n, std::string_view what) {
  if (!n.is_scalar()) {
    error(n, "wrong-type", std::string(what) + " must be a name, not " + n.describe());
    return std::nullopt;
  }
  if (!is_name(n.scalar)) {
    error(n, "bad-name",
          std::string(what) + " '" + n.scalar +
              "' is not a valid name (a letter, then letters, digits or '_')");
    return std::nullopt;
  }
  return n.scalar;
}

std::optional<std::string> YamlReader::text(const YamlNode& n, std::string_view what) {
  if (n.is_scalar()) return n.scalar;
  error(n, "wrong-type", std::string(what) + " must be text, not " + n.describe());
  return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && n.plain) {
    const std::string s = lower(n.scalar);
    if (s == "true") return true;
    if (s == "false") return false;
  }
  error(n, "wrong-type", std::string(what) + " must be true or false, not " + n.describe());
  return std::nullopt;
}

std::optional<std::int64_t> YamlReader::integer(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && n.plain) {
    std::int64_t v = 0;
    const char* first = n.scalar.data();
    const char* last = first + n.scalar.size();
    if (first != last && *first == '+') ++first;
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec == std::errc() && ptr == last && first != last) return v;
    if (ec == std::errc::result_out_of_range) {
      error(n, "out-of-range", std::string(what) + " " + n.describe() + " does not fit in 64 bits");
      return std::nullopt;
    }
  }
  error(n, "wrong-type", std::string(what) + " must be a whole number, not " + n.describe());
  return std::nullopt;
}

std::optional<double> YamlReader::number(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && n.plain) {
    double v = 0;
    const char* first = n.scalar.data();
    const char* last = first + n.scalar.size();
    if (first != last && *first == '+') ++first;
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec == std::errc() && ptr == last && first != last && std::isfinite(v)) return v;
  }
  error(n, "wrong-type", std::string(what) + " must be a number, not " + n.describe());
  return std::nullopt;
}

std::optional<Duration> YamlReader::duration(const YamlNode& n, std::string_view what) {
  if (n.is_scalar()) {
    if (auto d = parse_duration(n.scalar)) {
      if (d->count() > 0) return d;
      error(n, "bad-duration", std::string(what) + " must be longer than zero");
      return std::nullopt;
    }
  }
  error(n, "bad-duration",
        std::string(what) + " must be a duration such as 30m, 4h, 1h30m or 2d, not " + n.describe());
  return std::nullopt;
}

std::optional<int> YamlReader::percent(const YamlNode& n, std::string_view what, int min, int max) {
  if (n.is_scalar()) {
    std::string_view s = n.scalar;
    // The % is required: "at: 80" could as well mean 80 minutes.
    const bool has_percent = !s.empty() && s.back() == '%';
    if (has_percent) s.remove_suffix(1);
    int v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (has_percent && ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) {
      if (v >= min && v <= max) return v;
      error(n, "out-of-range", std::string(what) + " must be between " + std::to_string(min) + "% and " +
                                   std::to_string(max) + "%, not " + n.describe());
      return std::nullopt;
    }
  }
  error(n, "bad-percent", std::string(what) + " must be a percentage such as 80%, not " + n.describe());
  return std::nullopt;
}

std::optional<Value> YamlReader::value_for(const YamlNode& n, const FieldDef& field, std::string_view what) {
  const std::string ctx = std::string(what) + " for " + std::string(to_string(field.type)) + " field '" +
                          field.name + "'";
  if (!n.is_scalar()) {
    error(n, "wrong-type", ctx + " must be a single value, not " + n.describe());
    return std::nullopt;
  }
  std::optional<Value> v;
  switch (field.type) {
    case FieldType::kString:
    case FieldType::kText:
    case FieldType::kEnum: v = Value(n.scalar); break;
    case FieldType::kInt:
      if (auto i = integer(n, ctx)) v = Value(*i);
      break;
    case FieldType::kNumber:
      if (auto d = number(n, ctx)) v = Value(*d);
      break;
    case FieldType::kBool:
      if (auto b = boolean(n, ctx)) v = Value(*b);
      break;
    case FieldType::kTime:
      if (auto t = parse_time(n.scalar)) {
        v = Value(*t);
      } else {
        error(n, "wrong-type", ctx + " must be a time such as 2026-11-26T14:00+08:00, not " + n.describe());
      }
      break;
  }
  if (!v) return std::nullopt;
  if (std::string problem = field.check(*v); !problem.empty()) {
    if (field.type == FieldType::kEnum) problem += did_you_mean(n.scalar, field.values);
    error(n, "bad-value", ctx + ": " + problem);
    return std::nullopt;
  }
  return v;
}

std::vector<const YamlNode*> YamlReader::one_or_many(const YamlNode& n, std::string_view what) {
  if (n.is_scalar()) return {&n};
  if (n.is_sequence()) {
    std::vector<const YamlNode*> out;
    for (const YamlNode* item : n.items) {
      if (item->is_scalar()) {
        out.push_back(item);
      } else {
        error(*item, "wrong-type", std::string(what) + " must list names, not " + item->describe());
      }
    }
    return out;
  }
  error(n, "wrong-type", std::string(what) + " must be a name or a list of names, not " + n.describe());
  return {};
}

}  // namespace propdesk
