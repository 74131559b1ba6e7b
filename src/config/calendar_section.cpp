// `calendars:` the business calendars by name. Each is a calendar file ({file: PATH}) or the
// calendar mapping itself, inline; both are read by the calendar reader and report the same
// errors (a file's at that file's lines). The name under `calendars:` is the calendar's name: a
// file or an inline mapping that says `calendar:` must say the same.
#include <string>

#include "config/config_path.hpp"
#include "config/config_sections.hpp"
#include "propdesk/calendar_loader.hpp"
#include "time/calendar_reader.hpp"

namespace propdesk {

namespace {

std::optional<Calendar> read_file_entry(ConfigContext& ctx, const YamlNode& key,
                                        const YamlNode& entry) {
  YamlReader& r = ctx.reader;
  r.check_keys(entry, {"file"}, "a calendar given by file");
  auto path = read_config_path(ctx, *entry.find("file"), "calendar file", PathKind::kFile);
  if (!path) return std::nullopt;
  CalendarLoadResult loaded = load_calendar_file(*path, ctx.limits);
  for (Diagnostic& d : loaded.diagnostics) {
    if (d.severity == DiagnosticSeverity::kError) {
      r.error_at(std::move(d.where), std::move(d.code), std::move(d.message));
    } else {
      ctx.out.push_back(std::move(d));
    }
  }
  if (!loaded.calendar) return std::nullopt;
  if (loaded.calendar->name() != key.scalar) {
    r.error(key, "calendar-name-mismatch",
            "calendar file " + path->string() + " defines calendar '" + loaded.calendar->name() +
                "', not '" + key.scalar + "'; use one name in both places");
    return std::nullopt;
  }
  return loaded.calendar;
}

std::optional<Calendar> read_inline_entry(ConfigContext& ctx, const YamlNode& key,
                                          const YamlNode& entry) {
  YamlReader& r = ctx.reader;
  const CalendarReadOptions options{ctx.base_dir, ctx.limits};
  if (const YamlNode* name = entry.find("calendar")) {
    if (name->is_scalar() && name->scalar != key.scalar) {
      r.error(*name, "calendar-name-mismatch",
              "calendar '" + key.scalar + "' says 'calendar: " + name->scalar +
                  "'; use one name in both places, or leave 'calendar' out");
      return std::nullopt;
    }
    return read_calendar(entry, r.file(), ctx.out, options);
  }
  // The name under `calendars:` is the calendar's name: the reader sees it as `calendar: NAME`,
  // positioned at the key, so a bad name is reported there.
  YamlNode calendar_key;
  calendar_key.kind = YamlNode::Kind::kScalar;
  calendar_key.scalar = "calendar";
  calendar_key.line = key.line;
  calendar_key.column = key.column;
  YamlNode named = entry;
  named.entries.insert(named.entries.begin(), {&calendar_key, &key});
  return read_calendar(named, r.file(), ctx.out, options);
}

}  // namespace

void read_calendar_section(ConfigContext& ctx, const YamlNode& node, CalendarSet& out) {
  YamlReader& r = ctx.reader;
  if (node.is_null()) return;
  if (!r.expect_map(node, "calendars (name: {file: PATH} or name: {week: ...})")) return;
  for (const auto& [key, entry] : node.entries) {
    if (!r.name(*key, "a calendar name")) continue;
    if (!entry->is_map()) {
      r.error(*entry, "wrong-type",
              "calendar '" + key->scalar +
                  "' must be {file: PATH} or a calendar mapping (week, holidays, ...), not " +
                  entry->describe());
      continue;
    }
    std::optional<Calendar> calendar = entry->find("file") != nullptr
                                           ? read_file_entry(ctx, *key, *entry)
                                           : read_inline_entry(ctx, *key, *entry);
    // Errors have been reported; the configuration is refused as a whole.
    if (calendar) out.add(std::move(*calendar));
  }
}

}  // namespace propdesk
