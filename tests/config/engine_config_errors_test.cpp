// The engine configuration's errors: each kind, with its place (file:line:column) and message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_support.hpp"
#include "propdesk/engine_config.hpp"

namespace propdesk {
namespace {

using namespace config_test;

class ConfigErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("repair.yaml", kWorkflow);
    dir_.write("calendars/office.yaml", calendar_file("office"));
    dir_.write("notes.txt", "notes");
    dir_.folder("plugins");
    dir_.folder("empty");
  }

  EngineConfigLoadResult load(std::string_view text) const {
    return load_engine_config_string(text, "propdesk.yaml", dir_.path());
  }

  // The one error `text` has, as a compiler line; fails the test unless there is exactly one.
  std::string error(std::string_view text) const {
    EngineConfigLoadResult r = load(text);
    EXPECT_FALSE(r.ok()) << "loaded although it should not:\n" << text;
    std::vector<Diagnostic> errors;
    for (const Diagnostic& d : r.diagnostics)
      if (d.severity == DiagnosticSeverity::kError) errors.push_back(d);
    EXPECT_EQ(errors.size(), 1u) << dump(r.diagnostics);
    return errors.empty() ? std::string() : errors[0].to_string();
  }

  std::string in_dir(const std::string& relative) const {
    return (dir_.path() / relative).lexically_normal().string();
  }

  ScratchDir dir_;
};

// --- the file itself ---------------------------------------------------------------------------

TEST_F(ConfigErrors, UnknownTopLevelKey) {
  EXPECT_EQ(error("calender:\n  office: {file: calendars/office.yaml}\n"),
            "propdesk.yaml:1:1: error: unknown key 'calender' in the engine configuration (did you "
            "mean 'calendars'?) [unknown-key]");
}

TEST_F(ConfigErrors, EmptyFileNotAMappingBadYamlNotUtf8) {
  EXPECT_EQ(error(""),
            "propdesk.yaml:1:1: error: the file is empty; an engine configuration is a mapping "
            "with keys database, workflows, calendars, severity_rules, plugins, notifiers, staff "
            "(see docs/configuration.md) [empty-file]");
  EXPECT_EQ(error("- repair.yaml\n"),
            "propdesk.yaml:1:1: error: an engine configuration is a mapping with keys database, "
            "workflows, calendars, severity_rules, plugins, notifiers, staff (see "
            "docs/configuration.md), not a list [not-a-mapping]");
  EXPECT_NE(error("workflows: [repair.yaml\n").find("[yaml-syntax]"), std::string::npos);
  EXPECT_NE(error("workflows: [\xff\xfe]\n").find("[not-utf8]"), std::string::npos);
}

TEST_F(ConfigErrors, UnreadableFile) {
  EngineConfigLoadResult r = load_engine_config_file(dir_.path() / "missing.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].where.file, in_dir("missing.yaml"));
  EXPECT_EQ(r.diagnostics[0].code, "io");
  r = load_engine_config_file(dir_.path() / "plugins");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.at(0).message, "is a directory, not an engine configuration file");
}

TEST_F(ConfigErrors, DuplicateKeys) {
  EXPECT_EQ(error("database: a.db\ndatabase: b.db\n"),
            "propdesk.yaml:2:1: error: duplicate key 'database' (first at line 1) [duplicate-key]");
}

// --- database --------------------------------------------------------------------------------

TEST_F(ConfigErrors, DatabaseFolderMissing) {
  EXPECT_EQ(error("database: data/desk.db\n"),
            "propdesk.yaml:1:11: error: the folder of database 'data/desk.db' does not exist "
            "(looked for " +
                in_dir("data") + ") [missing-folder]");
}

TEST_F(ConfigErrors, DatabaseIsAFolderOrEmpty) {
  EXPECT_EQ(error("database: plugins\n"),
            "propdesk.yaml:1:11: error: database 'plugins' is a folder, not a file [not-a-file]");
  EXPECT_EQ(error("database: ''\n"),
            "propdesk.yaml:1:11: error: database must not be empty [bad-path]");
  EXPECT_EQ(error("database: [a.db]\n"),
            "propdesk.yaml:1:11: error: database must be text, not a list [wrong-type]");
}

// --- workflows -------------------------------------------------------------------------------

TEST_F(ConfigErrors, MissingWorkflowFile) {
  EXPECT_EQ(error("workflows:\n  - repair.yaml\n  - repiar.yaml\n"),
            "propdesk.yaml:3:5: error: workflow file or folder 'repiar.yaml' not found (looked "
            "for " +
                in_dir("repiar.yaml") + ") [missing-file]");
}

TEST_F(ConfigErrors, WorkflowFolderWithoutWorkflows) {
  EXPECT_EQ(error("workflows: [repair.yaml, empty]\n"),
            "propdesk.yaml:1:26: error: folder 'empty' holds no workflow files (*.yaml) "
            "[empty-folder]");
}

TEST_F(ConfigErrors, WorkflowsNotAList) {
  EXPECT_EQ(error("workflows: {repair: repair.yaml}\n"),
            "propdesk.yaml:1:12: error: workflows must be a path or a list of paths (files or "
            "folders), not a mapping [wrong-type]");
}

// --- calendars -------------------------------------------------------------------------------

TEST_F(ConfigErrors, MissingCalendarFile) {
  EXPECT_EQ(
      error("calendars:\n  office: {file: calendars/ofice.yaml}\n"),
      "propdesk.yaml:2:18: error: calendar file 'calendars/ofice.yaml' not found (looked for " +
          in_dir("calendars/ofice.yaml") + ") [missing-file]");
  EXPECT_EQ(error("calendars:\n  office: {file: calendars}\n"),
            "propdesk.yaml:2:18: error: calendar file 'calendars' is a folder, not a file "
            "[not-a-file]");
}

TEST_F(ConfigErrors, ACalendarFileErrorIsReportedAtThatFilesLine) {
  dir_.write("calendars/typo.yaml",
             "calendar: typo\nweek:\n  mon-fri: 09:00-18:00\nholiday: [2026-10-01]\n");
  EXPECT_EQ(error("calendars:\n  typo: {file: calendars/typo.yaml}\n"),
            in_dir("calendars/typo.yaml") +
                ":4:1: error: unknown key 'holiday' in a calendar (did you mean 'holidays'?) "
                "[unknown-key]");
  dir_.write("calendars/hours.yaml", "calendar: hours\nweek:\n  mon-fri: 09:00-18:60\n");
  EXPECT_EQ(error("calendars:\n  hours: {file: calendars/hours.yaml}\n"),
            in_dir("calendars/hours.yaml") +
                ":3:12: error: 18:60 is not a time of day (00:00 to 23:59, or 24:00 as the end "
                "of a period) [bad-time]");
}

TEST_F(ConfigErrors, AnIcsFileErrorIsReportedAtThatFilesLine) {
  dir_.write("calendars/bad.ics",
             "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260230\n"
             "END:VEVENT\nEND:VCALENDAR\n");
  dir_.write("calendars/cn.yaml",
             "calendar: cn\nweek:\n  mon-fri: 09:00-18:00\ninclude: bad.ics\n");
  EngineConfigLoadResult r = load("calendars:\n  cn: {file: calendars/cn.yaml}\n");
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_code(r.diagnostics, "ics-bad-date");
  ASSERT_NE(d, nullptr) << dump(r.diagnostics);
  EXPECT_EQ(d->where.to_string(), in_dir("calendars/bad.ics") + ":4");
}

TEST_F(ConfigErrors, UnknownKeyBesideFile) {
  EXPECT_EQ(error("calendars:\n  office: {file: calendars/office.yaml, week: 24x7}\n"),
            "propdesk.yaml:2:41: error: unknown key 'week' in a calendar given by file (expected "
            "one of: file) [unknown-key]");
}

TEST_F(ConfigErrors, CalendarNameMismatch) {
  EXPECT_EQ(error("calendars:\n  phones: {file: calendars/office.yaml}\n"),
            "propdesk.yaml:2:3: error: calendar file " + in_dir("calendars/office.yaml") +
                " defines calendar 'office', not 'phones'; use one name in both places "
                "[calendar-name-mismatch]");
  EXPECT_EQ(error("calendars:\n  office: {calendar: phones, week: 24x7}\n"),
            "propdesk.yaml:2:22: error: calendar 'office' says 'calendar: phones'; use one name "
            "in both places, or leave 'calendar' out [calendar-name-mismatch]");
}

TEST_F(ConfigErrors, InlineCalendarErrorsAreReportedHere) {
  const std::string e = error("calendars:\n  office:\n    week:\n      mon-fir: 09:00-18:00\n");
  EXPECT_EQ(e.substr(0, e.find(": error:")), "propdesk.yaml:4:11");
  EXPECT_NE(e.find("did you mean 'fri'?"), std::string::npos) << e;
  EXPECT_NE(e.find("[unknown-weekday]"), std::string::npos) << e;
  EXPECT_EQ(error("calendars:\n  office: {week: 24x7, holiday: [2026-10-01]}\n"),
            "propdesk.yaml:2:24: error: unknown key 'holiday' in a calendar (did you mean "
            "'holidays'?) [unknown-key]");
  EXPECT_EQ(error("calendars:\n  office: {timezone: +08:00}\n"),
            "propdesk.yaml:2:11: error: a calendar needs 'week' [missing-key]");
}

TEST_F(ConfigErrors, CalendarNamesAndShapes) {
  EXPECT_EQ(error("calendars:\n  1office: {week: 24x7}\n"),
            "propdesk.yaml:2:3: error: a calendar name '1office' is not a valid name (a letter, "
            "then letters, digits or '_') [bad-name]");
  EXPECT_EQ(error("calendars:\n  office: calendars/office.yaml\n"),
            "propdesk.yaml:2:11: error: calendar 'office' must be {file: PATH} or a calendar "
            "mapping (week, holidays, ...), not 'calendars/office.yaml' [wrong-type]");
  EXPECT_EQ(error("calendars: [calendars/office.yaml]\n"),
            "propdesk.yaml:1:12: error: calendars (name: {file: PATH} or name: {week: ...}) must "
            "be a mapping, not a list [wrong-type]");
}

// --- severity rules --------------------------------------------------------------------------

TEST_F(ConfigErrors, UnknownRuleType) {
  EXPECT_EQ(error("severity_rules:\n  complaint_severity: {type: complain}\n"),
            "propdesk.yaml:2:30: error: unknown severity rule type 'complain' (did you mean "
            "'complaint'?) [unknown-rule-type]");
  EXPECT_EQ(error("severity_rules:\n  r: {type: keyword}\n"),
            "propdesk.yaml:2:13: error: unknown severity rule type 'keyword' (the built-in type "
            "is 'complaint') [unknown-rule-type]");
}

TEST_F(ConfigErrors, RuleWithoutType) {
  EXPECT_EQ(error("severity_rules:\n  r: {keywords: [漏水]}\n"),
            "propdesk.yaml:2:6: error: severity rule 'r' needs 'type' [missing-key]");
}

TEST_F(ConfigErrors, RuleNameUsedTwice) {
  EXPECT_EQ(error("severity_rules:\n  r: {type: complaint, keywords: [a]}\n"
                  "  r: {type: complaint, keywords: [b]}\n"),
            "propdesk.yaml:3:3: error: duplicate key 'r' (first at line 2) [duplicate-key]");
}

TEST_F(ConfigErrors, BadRuleName) {
  EXPECT_EQ(error("severity_rules:\n  complaint-severity: {type: complaint}\n"),
            "propdesk.yaml:2:3: error: a severity rule name 'complaint-severity' is not a valid "
            "name (a letter, then letters, digits or '_') [bad-name]");
}

TEST_F(ConfigErrors, UnknownKeyInARule) {
  EXPECT_EQ(error("severity_rules:\n  r:\n    type: complaint\n    keyword: [漏水]\n"),
            "propdesk.yaml:4:5: error: unknown key 'keyword' in a complaint rule (did you mean "
            "'keywords'?) [unknown-key]");
}

TEST_F(ConfigErrors, BadDurations) {
  const std::string head = "severity_rules:\n  r:\n    type: complaint\n";
  EXPECT_EQ(error(head + "    repeat: {within: 7 days, count: 2}\n"),
            "propdesk.yaml:4:22: error: within must be a duration such as 30m, 4h, 1h30m or 2d, "
            "not '7 days' [bad-duration]");
  EXPECT_EQ(error(head + "    repeat: {within: 0d, count: 2}\n"),
            "propdesk.yaml:4:22: error: within must be longer than zero [bad-duration]");
  EXPECT_EQ(error(head + "    repeat: {within: 400d, count: 2}\n"),
            "propdesk.yaml:4:22: error: within must be at most 366d, not 400d [out-of-range]");
}

TEST_F(ConfigErrors, RepeatCounts) {
  const std::string head = "severity_rules:\n  r:\n    type: complaint\n";
  EXPECT_EQ(error(head + "    repeat: {within: 7d, count: 0}\n"),
            "propdesk.yaml:4:33: error: count (earlier complaints) must be between 1 and 1000, not "
            "0 [out-of-range]");
  EXPECT_EQ(error(head + "    repeat: {within: 7d, count: two}\n"),
            "propdesk.yaml:4:33: error: count must be a whole number, not 'two' [wrong-type]");
  EXPECT_EQ(error(head + "    repeat: {within: 7d}\n"),
            "propdesk.yaml:4:13: error: repeat needs 'count' [missing-key]");
  // Repeats are counted by the `location` field; there is no other to choose.
  EXPECT_EQ(error(head + "    repeat: {within: 7d, count: 2, field: room}\n"),
            "propdesk.yaml:4:36: error: unknown key 'field' in repeat (expected one of: within, "
            "count) [unknown-key]");
}

TEST_F(ConfigErrors, Keywords) {
  const std::string head = "severity_rules:\n  r:\n    type: complaint\n";
  EXPECT_EQ(error(head + "    keywords: [漏水, '  ']\n"),
            "propdesk.yaml:4:24: error: a keyword must not be empty or blank [bad-keyword]");
  EXPECT_EQ(error(head + "    keywords: 漏水\n"),
            "propdesk.yaml:4:15: error: keywords must be a list, not '漏水' [wrong-type]");
  EXPECT_EQ(error(head + "    keywords: [[漏水]]\n"),
            "propdesk.yaml:4:16: error: a keyword must be text, not a list [wrong-type]");
  EXPECT_EQ(error(head + "    keywords: [漏水]\n    search: []\n"),
            "propdesk.yaml:5:13: error: search must name at least one text field (default: "
            "[description]) [bad-value]");
}

TEST_F(ConfigErrors, CategoriesManagerAndBreach) {
  const std::string head = "severity_rules:\n  r:\n    type: complaint\n";
  EXPECT_EQ(error(head + "    categories: {field: category}\n"),
            "propdesk.yaml:4:17: error: categories needs 'major' [missing-key]");
  EXPECT_EQ(error(head + "    categories: {major: []}\n"),
            "propdesk.yaml:4:25: error: major must list at least one category [bad-value]");
  EXPECT_EQ(error(head + "    manager_requested: wants manager\n"),
            "propdesk.yaml:4:24: error: manager_requested (a bool field) 'wants manager' is not a "
            "valid name (a letter, then letters, digits or '_') [bad-name]");
  EXPECT_EQ(error(head + "    earlier_breach: yes\n"),
            "propdesk.yaml:4:21: error: earlier_breach must be true or false, not 'yes' "
            "[wrong-type]");
}

// --- plugins ---------------------------------------------------------------------------------

TEST_F(ConfigErrors, PluginPaths) {
  EXPECT_EQ(error("plugins:\n  paths: [plugin]\n"),
            "propdesk.yaml:2:11: error: plugin folder 'plugin' not found (looked for " +
                in_dir("plugin") + ") [missing-folder]");
  EXPECT_EQ(error("plugins:\n  paths: notes.txt\n"),
            "propdesk.yaml:2:10: error: plugin folder 'notes.txt' is a file, not a folder "
            "[not-a-folder]");
  EXPECT_EQ(error("plugins:\n  path: [plugins]\n"),
            "propdesk.yaml:2:3: error: unknown key 'path' in plugins (did you mean 'paths'?) "
            "[unknown-key]");
}

TEST_F(ConfigErrors, PluginsToLoad) {
  EXPECT_EQ(error("plugins:\n  load:\n    - {name: log}\n    - {name: log, settings: {a: b}}\n"),
            "propdesk.yaml:4:14: error: plugin 'log' is already loaded at line 3 "
            "[duplicate-plugin]");
  EXPECT_EQ(error("plugins:\n  load:\n    - {name: log, settings: {level: {min: info}}}\n"),
            "propdesk.yaml:3:37: error: setting 'level' of plugin 'log' must be a single value "
            "(settings are a flat map of texts), not a mapping [wrong-type]");
  EXPECT_EQ(error("plugins:\n  load:\n    - {settings: {level: info}}\n"),
            "propdesk.yaml:3:7: error: a plugin to load needs 'name' [missing-key]");
  EXPECT_EQ(error("plugins:\n  load: [log]\n"),
            "propdesk.yaml:2:10: error: a plugin to load ({name: log, settings: {...}}) must be a "
            "mapping, not 'log' [wrong-type]");
}

TEST_F(ConfigErrors, Notifiers) {
  EXPECT_EQ(error("notifiers:\n  staff: {settings: {url: x}, roles: [manager]}\n"),
            "propdesk.yaml:2:10: error: notifier 'staff' needs 'type' [missing-key]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: WebHook, roles: [manager]}\n"),
            "propdesk.yaml:2:17: error: notifier type 'WebHook' is not a notifier type's name "
            "([a-z][a-z0-9_.-]*, e.g. webhook or log) [bad-name]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: webhook}\n"),
            "propdesk.yaml:2:3: error: notifier 'staff' takes no role and no person; give it "
            "roles: [...] (\"*\" for every role) or people: true [takes-nothing]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: webhook, role: [manager]}\n"),
            "propdesk.yaml:2:26: error: unknown key 'role' in notifier 'staff' (did you mean "
            "'roles'?) [unknown-key]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: webhook, roles: [store manager]}\n"),
            "propdesk.yaml:2:34: error: a role 'store manager' is not a valid name (a letter, then "
            "letters, digits or '_') [bad-name]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: webhook, roles: [a], trusted: yes}\n"),
            "propdesk.yaml:2:47: error: trusted must be true or false, not 'yes' [wrong-type]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: webhook, roles: [a], settings: {url: [x]}}\n"),
            "propdesk.yaml:2:54: error: setting 'url' of notifier 'staff' must be a single value "
            "(settings are a flat map of texts), not a list [wrong-type]");
  EXPECT_EQ(error("notifiers:\n  staff: {type: log, roles: [a], link_base: ''}\n"),
            "propdesk.yaml:2:45: error: link_base is empty; leave it out for no links "
            "[bad-value]");
  EXPECT_EQ(error("notifiers:\n  staff gr: {type: log, roles: [a]}\n"),
            "propdesk.yaml:2:3: error: a notifier name 'staff gr' is not a valid name (a letter, "
            "then letters, digits or '_') [bad-name]");
  EXPECT_EQ(error("notifiers: [staff]\n"),
            "propdesk.yaml:1:12: error: notifiers (name: {type: webhook, settings: {...}, roles: "
            "[...]}) must be a mapping, not a list [wrong-type]");
}

TEST_F(ConfigErrors, NotifierRetries) {
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {attempts: 0}}\n"),
            "propdesk.yaml:2:48: error: attempts must be between 1 and 1000, not 0 "
            "[out-of-range]");
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {first_delay: soon}}\n"),
            "propdesk.yaml:2:51: error: first_delay must be a duration such as 30m, 4h, 1h30m or "
            "2d, not 'soon' [bad-duration]");
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {max_delay: 8d}}\n"),
            "propdesk.yaml:2:49: error: max_delay must be at most 7d, not 8d [out-of-range]");
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {first_delay: 2h}}\n"),
            "propdesk.yaml:2:51: error: max_delay (1h, the default) must be at least first_delay "
            "(2h) [out-of-range]");
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {tries: 3}}\n"),
            "propdesk.yaml:2:38: error: unknown key 'tries' in retry (expected one of: attempts, "
            "first_delay, max_delay, jitter) [unknown-key]");
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {jitter: 0.1}}\n"),
            "propdesk.yaml:2:46: error: jitter must be a percentage such as 80%, not '0.1' "
            "[bad-percent]");
  EXPECT_EQ(error("notifiers:\n  s: {type: log, roles: [a], retry: {jitter: 150%}}\n"),
            "propdesk.yaml:2:46: error: jitter must be between 0% and 100%, not '150%' "
            "[out-of-range]");
}

// --- staff -----------------------------------------------------------------------------------

TEST_F(ConfigErrors, StaffShape) {
  EXPECT_EQ(error("staff: [wang]\n"),
            "propdesk.yaml:1:8: error: staff ({max_open: N, people: {id: {roles: [...], ...}}}) must be a mapping, "
            "not a list [wrong-type]");
  EXPECT_EQ(error("staff: {max_open: 3}\n"), "propdesk.yaml:1:8: error: staff needs 'people' [missing-key]");
  EXPECT_EQ(error("staff:\n  max_opne: 3\n  people: {}\n"),
            "propdesk.yaml:2:3: error: unknown key 'max_opne' in staff (did you mean 'max_open'?) [unknown-key]");
  EXPECT_EQ(error("staff:\n  people: [wang, li]\n"),
            "propdesk.yaml:2:11: error: people (id: {roles: [...], skills: [...], ...}) must be a mapping, not a list "
            "[wrong-type]");
}

TEST_F(ConfigErrors, StaffMembers) {
  const std::string head = "calendars:\n  office: {file: calendars/office.yaml}\nstaff:\n  people:\n";
  EXPECT_EQ(error(head + "    wang shifu: {roles: [repairer]}\n"),
            "propdesk.yaml:5:5: error: staff id 'wang shifu' is not valid (the actor id they act under: 1 to 128 of "
            "A-Z a-z 0-9 _ . @ -, starting with a letter or digit; a display name goes in 'name') [bad-name]");
  EXPECT_EQ(error(head + "    wang: {skills: [plumbing]}\n"),
            "propdesk.yaml:5:11: error: staff member 'wang' needs 'roles' [missing-key]");
  EXPECT_EQ(error(head + "    wang: {roles: []}\n"),
            "propdesk.yaml:5:19: error: the roles of 'wang' must list at least one [bad-value]");
  EXPECT_EQ(error(head + "    wang: {roles: [repairer, repairer]}\n"),
            "propdesk.yaml:5:30: error: the roles of 'wang' lists 'repairer' twice [duplicate-value]");
  EXPECT_EQ(error(head + "    wang: {roles: [repair man]}\n"),
            "propdesk.yaml:5:20: error: a role 'repair man' is not a valid name (a letter, then letters, digits or "
            "'_') [bad-name]");
  EXPECT_EQ(error(head + "    wang: {roles: [repairer], skills: plumbing}\n"),
            "propdesk.yaml:5:39: error: the skills of 'wang' must be a non-empty list, not 'plumbing' [wrong-type]");
  EXPECT_EQ(error(head + "    wang: {roles: [repairer], skils: [gas]}\n"),
            "propdesk.yaml:5:31: error: unknown key 'skils' in staff member 'wang' (did you mean 'skills'?) "
            "[unknown-key]");
  EXPECT_EQ(error(head + "    wang: wangshifu\n"),
            "propdesk.yaml:5:11: error: staff member 'wang' must be a mapping of name, roles, skills, max_open, "
            "shift, on_duty, not 'wangshifu' [wrong-type]");
  EXPECT_EQ(error(head + "    wang: {roles: [repairer]}\n    wang: {roles: [cleaner]}\n"),
            "propdesk.yaml:6:5: error: duplicate key 'wang' (first at line 5) [duplicate-key]");
}

TEST_F(ConfigErrors, StaffCaps) {
  EXPECT_EQ(error("staff:\n  max_open: 0\n  people: {}\n"),
            "propdesk.yaml:2:13: error: the staff's max_open must be from 1 to 10000, not 0 (someone who takes no "
            "orders: on_duty: false) [out-of-range]");
  EXPECT_EQ(error("staff:\n  people:\n    wang: {roles: [repairer], max_open: 10001}\n"),
            "propdesk.yaml:3:41: error: the max_open of 'wang' must be from 1 to 10000, not 10001 (someone who takes "
            "no orders: on_duty: false) [out-of-range]");
  EXPECT_EQ(error("staff:\n  people:\n    wang: {roles: [repairer], max_open: many}\n"),
            "propdesk.yaml:3:41: error: the max_open of 'wang' must be a whole number, not 'many' [wrong-type]");
}

TEST_F(ConfigErrors, StaffDuty) {
  const std::string head = "calendars:\n  office: {file: calendars/office.yaml}\nstaff:\n  people:\n";
  EXPECT_EQ(error(head + "    wang: {roles: [repairer], shift: ofice}\n"),
            "propdesk.yaml:5:38: error: shift 'ofice' of 'wang' is not a calendar of this configuration (did you "
            "mean 'office'?) [unknown-calendar]");
  EXPECT_EQ(error("staff:\n  people:\n    wang: {roles: [repairer], shift: nights}\n"),
            "propdesk.yaml:3:38: error: shift 'nights' of 'wang' is not a calendar of this configuration (define it "
            "under 'calendars') [unknown-calendar]");
  EXPECT_EQ(error(head + "    wang: {roles: [repairer], shift: office, on_duty: true}\n"),
            "propdesk.yaml:5:55: error: 'wang' has both a shift and on_duty; give one (a shift says when they are on "
            "duty) [conflicting-keys]");
  EXPECT_EQ(error(head + "    wang: {roles: [repairer], on_duty: yes}\n"),
            "propdesk.yaml:5:40: error: on_duty must be true or false, not 'yes' [wrong-type]");
  // The calendars may come after the staff in the file.
  EngineConfigLoadResult r = load(
      "staff:\n  people:\n    wang: {roles: [repairer], shift: office}\ncalendars:\n  office: {file: "
      "calendars/office.yaml}\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.config->staff.people.at(0).shift, "office");
}

// --- several at once -------------------------------------------------------------------------

TEST_F(ConfigErrors, EveryErrorIsReportedThisFileFirstByPosition) {
  dir_.write("calendars/typo.yaml", "calendar: typo\nweek:\n  mon-fir: 09:00-18:00\n");
  EngineConfigLoadResult r = load(R"(workflows: [repiar.yaml]
calendars:
  typo: {file: calendars/typo.yaml}
  office: {file: calendars/nowhere.yaml}
severity_rules:
  r: {type: complain}
plugins: {paths: [plugin]}
)");
  ASSERT_FALSE(r.ok());
  std::vector<std::string> where;
  for (const Diagnostic& d : r.diagnostics) where.push_back(d.where.to_string() + " " + d.code);
  EXPECT_EQ(where, (std::vector<std::string>{
                       "propdesk.yaml:1:13 missing-file",
                       "propdesk.yaml:4:18 missing-file",
                       "propdesk.yaml:6:13 unknown-rule-type",
                       "propdesk.yaml:7:19 missing-folder",
                       in_dir("calendars/typo.yaml") + ":3:7 unknown-weekday",
                   }));
}

}  // namespace
}  // namespace propdesk
