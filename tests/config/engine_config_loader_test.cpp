// The engine configuration: what a valid file becomes, paths relative to the file, folders of
// workflows, and the warnings that do not stop a load.
#include <gtest/gtest.h>

#include <chrono>

#include "config_test_support.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/engine_setup.hpp"

namespace propdesk {
namespace {

using namespace config_test;
using namespace std::chrono_literals;

constexpr std::string_view kHolidays =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\n"
    "DTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

constexpr std::string_view kEveryKey = R"(database: data/desk.db
workflows: [extra/inquiry.yaml, flows]
calendars:
  office: {file: calendars/office.yaml}
  night:
    week:
      mon-sun: [00:00-09:00, 18:00-24:00]
    include: calendars/holidays.ics
severity_rules:
  complaint_severity:
    type: complaint
    keywords: [漏水, Gas, 12345]
    search: [description, title]
    categories: {field: kind, major: [security, fire]}
    repeat: {within: 36h, count: 3}
    manager_requested: wants_manager
    earlier_breach: true
  quiet:
    type: complaint
    keywords: [噪音]
plugins:
  paths: [plugins]
  load:
    - {name: log, settings: {level: info, port: 8080, verbose: true}}
    - {name: webhook}
notifiers:
  staff_group:
    type: webhook
    settings: {url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", format: wecom}
    roles: [supervisor, manager]
    link_base: https://desk.example.com/t/
    retry: {attempts: 5, first_delay: 1m, max_delay: 2h, jitter: 25%}
  field_staff: {type: webhook, settings: {url: "http://10.0.0.5/notify"}, people: true, trusted: true}
  desk_log: {type: log, roles: "*", trusted: true}
staff:
  max_open: 5
  people:
    wangshifu: {name: 王师傅, roles: [repairer], skills: [plumbing, gas], shift: office}
    lishifu: {roles: [repairer, dispatcher], skills: [electrical], max_open: 3, on_duty: false}
    li.ming@example.com: {roles: [front_desk]}
)";

// desk/ with the files kEveryKey names, and some that a folder listing must leave out.
class EveryKey : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("desk/extra/inquiry.yaml", kWorkflow);
    dir_.write("desk/flows/repair.yaml", kWorkflow);
    dir_.write("desk/flows/complaint.yaml", kWorkflow);
    dir_.write("desk/flows/propdesk.yaml", "database: x.db\n");  // a configuration, not a workflow
    dir_.write("desk/flows/notes.txt", "not a workflow");
    dir_.write("desk/flows/old/paid_service.yaml", kWorkflow);  // subfolders are not read
    dir_.write("desk/calendars/office.yaml", calendar_file("office"));
    dir_.write("desk/calendars/holidays.ics", kHolidays);
    dir_.folder("desk/plugins");
    dir_.folder("desk/data");
    config_path_ = dir_.write("desk/propdesk.yaml", kEveryKey);
  }

  std::filesystem::path in_desk(const std::string& relative) const {
    return (dir_.path() / "desk" / relative).lexically_normal();
  }

  ScratchDir dir_;
  std::filesystem::path config_path_;
};

TEST_F(EveryKey, EveryMemberIsAsWritten) {
  EngineConfigLoadResult r = load_engine_config_file(config_path_);
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
  const EngineConfig& c = *r.config;
  const std::string file = config_path_.string();

  EXPECT_EQ(c.database, in_desk("data/desk.db"));

  ASSERT_EQ(c.workflows.size(), 3u);
  EXPECT_EQ(c.workflows[0].file, in_desk("extra/inquiry.yaml"));
  EXPECT_EQ(c.workflows[0].listed_at, (SourceLocation{file, 2, 13}));
  // The folder's *.yaml files sorted by name, without propdesk.yaml, other files or subfolders.
  EXPECT_EQ(c.workflows[1].file, in_desk("flows/complaint.yaml"));
  EXPECT_EQ(c.workflows[2].file, in_desk("flows/repair.yaml"));
  EXPECT_EQ(c.workflows[2].listed_at, (SourceLocation{file, 2, 33}));

  EXPECT_EQ(c.calendars.names(), (std::vector<std::string>{"night", "office"}));
  const Calendar* office = c.calendars.find("office");
  ASSERT_NE(office, nullptr);
  EXPECT_EQ(office->weekly_working_time(), 40h);
  const Calendar* night = c.calendars.find("night");
  ASSERT_NE(night, nullptr);
  EXPECT_EQ(night->name(), "night");  // the name under calendars:
  EXPECT_EQ(night->weekly_working_time(), 7 * 15h);
  // The included .ics file, relative to the configuration: National Day is off.
  EXPECT_FALSE(night->is_working(*parse_time("2026-10-02 20:00")));
  EXPECT_TRUE(night->is_working(*parse_time("2026-10-08 20:00")));

  ASSERT_EQ(c.complaint_rules.size(), 2u);
  const ComplaintRuleConfig& rule = c.complaint_rules[0];
  EXPECT_EQ(rule.name, "complaint_severity");
  EXPECT_EQ(rule.keywords, (std::vector<std::string>{"漏水", "Gas", "12345"}));
  EXPECT_EQ(rule.search_fields, (std::vector<std::string>{"description", "title"}));
  EXPECT_EQ(rule.category_field, "kind");
  EXPECT_EQ(rule.major_categories, (std::vector<std::string>{"security", "fire"}));
  ASSERT_TRUE(rule.repeat.has_value());
  EXPECT_EQ(rule.repeat->within, 36h);
  EXPECT_EQ(rule.repeat->count, 3);
  EXPECT_EQ(rule.manager_requested_field, "wants_manager");
  EXPECT_TRUE(rule.earlier_breach);
  EXPECT_EQ(rule.where, (SourceLocation{file, 10, 3}));

  // What is not written takes the defaults.
  const ComplaintRuleConfig& quiet = c.complaint_rules[1];
  EXPECT_EQ(quiet.name, "quiet");
  EXPECT_EQ(quiet.keywords, (std::vector<std::string>{"噪音"}));
  EXPECT_EQ(quiet.search_fields, (std::vector<std::string>{"description"}));
  EXPECT_EQ(quiet.category_field, "category");
  EXPECT_TRUE(quiet.major_categories.empty());
  EXPECT_FALSE(quiet.repeat.has_value());
  EXPECT_TRUE(quiet.manager_requested_field.empty());
  EXPECT_FALSE(quiet.earlier_breach);

  EXPECT_EQ(c.plugins.paths, (std::vector<std::filesystem::path>{in_desk("plugins")}));
  ASSERT_EQ(c.plugins.load.size(), 2u);
  EXPECT_EQ(c.plugins.load[0].name, "log");
  EXPECT_EQ(c.plugins.load[0].settings,
            (std::map<std::string, std::string, std::less<>>{
                {"level", "info"}, {"port", "8080"}, {"verbose", "true"}}));
  EXPECT_EQ(c.plugins.load[0].where, (SourceLocation{file, 24, 7}));
  EXPECT_EQ(c.plugins.load[1].name, "webhook");
  EXPECT_TRUE(c.plugins.load[1].settings.empty());

  ASSERT_EQ(c.notifiers.size(), 3u);
  const NotifierConfig& staff = c.notifiers[0];
  EXPECT_EQ(staff.name, "staff_group");
  EXPECT_EQ(staff.type, "webhook");
  EXPECT_EQ(staff.settings, (std::map<std::string, std::string, std::less<>>{
                                {"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K"},
                                {"format", "wecom"}}));
  EXPECT_EQ(staff.roles, (std::vector<std::string>{"supervisor", "manager"}));
  EXPECT_FALSE(staff.people);
  EXPECT_FALSE(staff.trusted);
  EXPECT_EQ(staff.link_base, "https://desk.example.com/t/");
  EXPECT_EQ(staff.retry, (RetryPolicy{5, 1min, 2h, 0.25}));
  EXPECT_EQ(staff.where, (SourceLocation{file, 27, 3}));
  const NotifierConfig& field = c.notifiers[1];
  EXPECT_EQ(field.name, "field_staff");
  EXPECT_TRUE(field.roles.empty());
  EXPECT_TRUE(field.people);
  EXPECT_TRUE(field.trusted);
  EXPECT_EQ(field.retry, RetryPolicy{});  // the defaults
  EXPECT_EQ(c.notifiers[2].roles, (std::vector<std::string>{"*"}));
  EXPECT_TRUE(c.notifiers[2].settings.empty());

  // What the engine gets of them: the routing, in file order.
  const NotificationRouting routing = notification_routing(c.notifiers);
  ASSERT_EQ(routing.channels.size(), 3u);
  EXPECT_EQ(routing.channels[0].name, "staff_group");
  EXPECT_EQ(routing.channels[0].render.link_base, "https://desk.example.com/t/");
  EXPECT_FALSE(routing.channels[0].render.trusted);
  EXPECT_TRUE(routing.channels[1].people);
  EXPECT_TRUE(routing.channels[2].render.trusted);
  EXPECT_EQ(check_routing(routing), "");
  const auto names = [&](const NotificationRequest& request) {
    std::vector<std::string> out;
    for (const NotificationChannel* channel : routing.route(request)) out.push_back(channel->name);
    return out;
  };
  EXPECT_EQ(names({"manager", true, "x"}), (std::vector<std::string>{"staff_group", "desk_log"}));
  EXPECT_EQ(names({"cashier", true, "x"}), (std::vector<std::string>{"desk_log"}));
  EXPECT_EQ(names({"li", false, "x"}), (std::vector<std::string>{"field_staff"}));
  EXPECT_EQ(engine_options(c).notifications, routing);
  // The staff in the order written, which is the order round robin goes round.
  EXPECT_EQ(c.staff.max_open, 5u);
  ASSERT_EQ(c.staff.people.size(), 3u);
  const StaffMember& wang = c.staff.people[0];
  EXPECT_EQ(wang.id, "wangshifu");
  EXPECT_EQ(wang.name, "王师傅");
  EXPECT_EQ(wang.roles, (std::vector<std::string>{"repairer"}));
  EXPECT_EQ(wang.skills, (std::vector<std::string>{"plumbing", "gas"}));
  EXPECT_FALSE(wang.max_open);  // the staff's 5
  EXPECT_EQ(wang.shift, "office");
  EXPECT_EQ(wang.where, (SourceLocation{file, 38, 5}));
  const StaffMember& li = c.staff.people[1];
  EXPECT_EQ(li.roles, (std::vector<std::string>{"repairer", "dispatcher"}));
  EXPECT_EQ(li.max_open, 3u);
  EXPECT_TRUE(li.shift.empty());
  EXPECT_FALSE(li.on_duty);
  const StaffMember& clerk = c.staff.people[2];
  EXPECT_EQ(clerk.id, "li.ming@example.com");
  EXPECT_TRUE(clerk.name.empty());
  EXPECT_TRUE(clerk.skills.empty());  // every category
  EXPECT_TRUE(clerk.on_duty);
}

TEST_F(EveryKey, PathsAreRelativeToTheFileNotTheWorkingDirectory) {
  // The same text read from memory: relative to base_dir, and names the source given.
  EngineConfigLoadResult r =
      load_engine_config_string(kEveryKey, "desk.yaml", dir_.path() / "desk");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.config->database, in_desk("data/desk.db"));
  EXPECT_EQ(r.config->workflows[0].listed_at.file, "desk.yaml");

  // Without a base folder the paths are relative to the working directory, where none exists.
  EngineConfigLoadResult here = load_engine_config_string(kEveryKey, "desk.yaml");
  EXPECT_FALSE(here.ok());
  const Diagnostic* d = find_code(here.diagnostics, "missing-file");
  ASSERT_NE(d, nullptr) << dump(here.diagnostics);
  EXPECT_EQ(d->to_string(),
            "desk.yaml:2:13: error: workflow file or folder 'extra/inquiry.yaml' not found "
            "[missing-file]");
}

TEST(EngineConfigLoader, ParentAndAbsolutePaths) {
  ScratchDir dir;
  const auto shared = dir.write("shared/repair.yaml", kWorkflow);
  dir.write("desk/calendars/office.yaml", calendar_file("office"));
  const auto config = dir.write("desk/conf/propdesk.yaml",
                                "workflows: [../../shared/repair.yaml, " + shared.string() +
                                    "]\ncalendars:\n  office: {file: ../calendars/office.yaml}\n");
  EngineConfigLoadResult r = load_engine_config_file(config);
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  // The same file by a relative and an absolute path: loaded once, with a warning.
  ASSERT_EQ(r.config->workflows.size(), 1u);
  EXPECT_EQ(r.config->workflows[0].file, shared.lexically_normal());
  ASSERT_EQ(r.diagnostics.size(), 1u) << dump(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].code, "duplicate-workflow");
  EXPECT_EQ(r.diagnostics[0].severity, DiagnosticSeverity::kWarning);
  EXPECT_EQ(r.diagnostics[0].where.column, 39);
  EXPECT_NE(r.config->calendars.find("office"), nullptr);
}

TEST(EngineConfigLoader, AFolderLeavesOutTheConfigurationItself) {
  ScratchDir dir;
  dir.write("desk/a.yaml", kWorkflow);
  dir.write("desk/b.yaml", kWorkflow);
  const auto config = dir.write("desk/desk-config.yaml", "workflows: .\n");
  EngineConfigLoadResult r = load_engine_config_file(config);
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  ASSERT_EQ(r.config->workflows.size(), 2u);
  EXPECT_EQ(r.config->workflows[0].file.filename(), "a.yaml");
  EXPECT_EQ(r.config->workflows[1].file.filename(), "b.yaml");
}

TEST(EngineConfigLoader, EverySectionIsOptional) {
  EngineConfigLoadResult r = load_engine_config_string("{}\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.config->database.empty());
  EXPECT_TRUE(r.config->workflows.empty());
  EXPECT_TRUE(r.config->calendars.empty());
  EXPECT_TRUE(r.config->complaint_rules.empty());
  EXPECT_TRUE(r.config->plugins.load.empty());

  // Keys given without a value are the same as keys left out.
  r = load_engine_config_string("database:\nworkflows:\ncalendars:\nseverity_rules:\nplugins:\n");
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
}

TEST(EngineConfigLoader, TheDatabaseNeedNotExistButItsFolderMust) {
  ScratchDir dir;
  EngineConfigLoadResult r =
      load_engine_config_string("database: desk.db\n", "propdesk.yaml", dir.path());
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_EQ(r.config->database, dir.path() / "desk.db");
  EXPECT_FALSE(std::filesystem::exists(r.config->database));  // loading creates nothing
}

TEST(EngineConfigLoader, WarningsDoNotStopTheLoad) {
  ScratchDir dir;
  dir.write("repair.yaml", kWorkflow);
  EngineConfigLoadResult r = load_engine_config_string(R"(workflows: [repair.yaml, ./repair.yaml]
severity_rules:
  lazy: {type: complaint}
  twice: {type: complaint, keywords: [漏水, 燃气, 漏水]}
)",
                                                       "propdesk.yaml", dir.path());
  ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
  ASSERT_EQ(r.diagnostics.size(), 3u) << dump(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].to_string(), "propdesk.yaml:1:26: warning: workflow file " +
                                              (dir.path() / "repair.yaml").string() +
                                              " is already listed at line 1 [duplicate-workflow]");
  EXPECT_EQ(r.diagnostics[1].to_string(),
            "propdesk.yaml:3:9: warning: severity rule 'lazy' has no criteria (keywords, "
            "categories, repeat, manager_requested, earlier_breach): every ticket stays general "
            "[empty-rule]");
  EXPECT_EQ(r.diagnostics[2].to_string(),
            "propdesk.yaml:4:55: warning: keyword '漏水' is listed twice [duplicate-keyword]");
  EXPECT_EQ(r.config->workflows.size(), 1u);
  EXPECT_EQ(r.config->complaint_rules[1].keywords, (std::vector<std::string>{"漏水", "燃气"}));
}

// Broken input of every shape (the good file cut short anywhere, or one byte replaced by a
// character that means something to YAML or is not UTF-8) never crashes or throws: the result is
// a configuration, or errors that each say where.
TEST_F(EveryKey, MangledFilesGiveErrorsNeverACrash) {
  const std::string good(kEveryKey);
  std::vector<std::string> variants;
  for (std::size_t n = 0; n < good.size(); ++n) variants.push_back(good.substr(0, n));
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (char c : {':', '[', '\xff', ' '}) {
      std::string v = good;
      v[i] = c;
      variants.push_back(std::move(v));
    }
  }
  int refused = 0;
  for (const std::string& text : variants) {
    EngineConfigLoadResult r;
    ASSERT_NO_THROW(r = load_engine_config_string(text, "propdesk.yaml", dir_.path() / "desk"))
        << text;
    if (r.ok()) continue;
    ++refused;
    ASSERT_TRUE(has_errors(r.diagnostics)) << text;
    for (const Diagnostic& d : r.diagnostics) {
      EXPECT_FALSE(d.message.empty()) << text;
      EXPECT_FALSE(d.code.empty()) << text;
      if (d.where.file == "propdesk.yaml") {
        EXPECT_GE(d.where.line, 1) << d.to_string();
      }
    }
  }
  EXPECT_GT(refused, 100);
}

}  // namespace
}  // namespace propdesk
