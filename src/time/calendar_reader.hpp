// Reading one calendar mapping out of a YAML tree: the body of a calendar file, and the same
// mapping where the engine configuration embeds it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "propdesk/calendar.hpp"
#include "propdesk/diagnostic.hpp"
#include "propdesk/workflow_loader.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

struct CalendarReadOptions {
  /// The folder `include:` paths are relative to (the calendar or configuration file's folder).
  std::filesystem::path base_dir;
  /// Limits for included .ics files.
  LoadLimits limits;
};

/// Reads the calendar mapping `node` of `file` (keys calendar, description, timezone, week,
/// workday_as, holidays, workdays, include; see docs/calendars.md). Every finding is appended to
/// `out` (those of included .ics files carry those files' names); the calendar is returned only
/// when none of them is an error.
std::optional<Calendar> read_calendar(const YamlNode& node, const std::string& file,
                                      std::vector<Diagnostic>& out,
                                      const CalendarReadOptions& options);

}  // namespace propdesk
