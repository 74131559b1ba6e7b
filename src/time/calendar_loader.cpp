// Calendar files: text -> YAML tree -> read_calendar(); and the public time-zone lookup.
#include "propdesk/calendar_loader.hpp"

#include <algorithm>
#include <tuple>

#include "time/calendar_reader.hpp"
#include "time/fixed_time_zone.hpp"
#include "model/text_file.hpp"
#include "workflow/yaml_source.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

CalendarLoadResult load_calendar_string(std::string_view text, std::string source_name,
                                        const std::filesystem::path& base_dir,
                                        const LoadLimits& limits) {
  CalendarLoadResult result;
  const std::optional<YamlDocument> doc =
      parse_yaml_source(text, source_name, limits, result.diagnostics);
  if (!doc) return result;
  const YamlNode* root = doc->root;
  if (root == nullptr || root->is_null()) {
    result.diagnostics.push_back({DiagnosticSeverity::kError,
                                  {source_name, 1, 1},
                                  "empty-file",
                                  "the file is empty; a calendar is a mapping with 'calendar' and "
                                  "'week'"});
    return result;
  }
  result.calendar =
      read_calendar(*root, source_name, result.diagnostics, CalendarReadOptions{base_dir, limits});
  // This file's findings by position, then those of included files in the order found.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     const bool other_a = a.where.file != source_name;
                     const bool other_b = b.where.file != source_name;
                     if (other_a || other_b) return !other_a && other_b;
                     return std::tie(a.where.line, a.where.column) <
                            std::tie(b.where.line, b.where.column);
                   });
  return result;
}

CalendarLoadResult load_calendar_file(const std::filesystem::path& path, const LoadLimits& limits) {
  TextFile file = read_text_file(path, limits.max_bytes, "a calendar file");
  if (!file.text) {
    CalendarLoadResult r;
    r.diagnostics.push_back(std::move(file.error));
    return r;
  }
  return load_calendar_string(*file.text, path.string(), path.parent_path(), limits);
}

std::optional<std::chrono::minutes> fixed_utc_offset(std::string_view zone) {
  return parse_fixed_time_zone(zone).value;
}

}  // namespace propdesk
