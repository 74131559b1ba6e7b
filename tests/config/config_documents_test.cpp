// The configuration documents that ship or are shown: workflows/propdesk.yaml, the examples of
// docs/configuration.md and the schema's good documents (tests/schema/config/good) all load
// without a finding, so the loader, the schema and the pages cannot drift apart.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "config_test_support.hpp"
#include "doc_blocks.hpp"
#include "propdesk/complaint_rule.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/engine_setup.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

using namespace config_test;
using namespace std::chrono_literals;

const std::filesystem::path kWorkflowDir = PROPDESK_WORKFLOW_DIR;

// Loads the shipped configuration once for the tests below.
const EngineConfig& shipped() {
  static const EngineConfigLoadResult r = load_engine_config_file(kWorkflowDir / "propdesk.yaml");
  EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
  static const EngineConfig empty;
  return r.ok() ? *r.config : empty;
}

TEST(ShippedConfiguration, LoadsTheShippedWorkflowsAndCalendars) {
  const EngineConfig& c = shipped();
  std::vector<std::string> names;
  for (const WorkflowSource& w : c.workflows) names.push_back(w.file.filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"repair.yaml", "complaint.yaml", "inquiry.yaml",
                                             "paid_service.yaml", "handover.yaml"}));
  EXPECT_EQ(c.calendars.names(), (std::vector<std::string>{"office", "phones"}));
  EXPECT_TRUE(c.database.empty());  // the installed folder is read-only: the program says where
  EXPECT_TRUE(c.plugins.load.empty());
  ASSERT_EQ(c.complaint_rules.size(), 1u);
  const ComplaintRuleConfig& rule = c.complaint_rules[0];
  EXPECT_EQ(rule.name, "complaint_severity");
  for (const char* k : {"漏水", "渗水", "燃气", "煤气", "火", "冒烟", "电梯困人", "困梯", "停电",
                        "停水", "坠物", "受伤", "媒体", "投诉到政府", "打12345"}) {
    EXPECT_NE(std::find(rule.keywords.begin(), rule.keywords.end(), k), rule.keywords.end()) << k;
  }
  EXPECT_EQ(rule.major_categories, (std::vector<std::string>{"security"}));
  ASSERT_TRUE(rule.repeat.has_value());
  EXPECT_EQ(rule.repeat->within, 7 * 24h);
  EXPECT_EQ(rule.repeat->count, 2);
  EXPECT_EQ(rule.manager_requested_field, "wants_manager");
  EXPECT_TRUE(rule.earlier_breach);
}

// Every workflow that names a severity rule names a configured one, and the fields that rule
// reads exist in that workflow with the types the rule needs: otherwise a criterion would
// silently never hold.
TEST(ShippedConfiguration, TheRulesFitTheWorkflowsThatUseThem) {
  const EngineConfig& c = shipped();
  int checked = 0;
  for (const WorkflowSource& source : c.workflows) {
    LoadResult loaded = load_workflow_file(source.file);
    ASSERT_TRUE(loaded.ok()) << dump(loaded.diagnostics);
    const Workflow& w = *loaded.workflow;
    const std::string& rule_name = w.escalation().severity_rule;
    if (rule_name.empty()) continue;
    SCOPED_TRACE(w.name());
    auto rule = std::find_if(c.complaint_rules.begin(), c.complaint_rules.end(),
                             [&](const ComplaintRuleConfig& r) { return r.name == rule_name; });
    ASSERT_NE(rule, c.complaint_rules.end()) << "no rule " << rule_name;
    auto type_of = [&](const std::string& field) -> std::optional<FieldType> {
      auto id = w.find_field(field);
      if (!id) return std::nullopt;
      return w.field(*id).type;
    };
    for (const std::string& f : rule->search_fields) {
      EXPECT_TRUE(type_of(f) == FieldType::kText || type_of(f) == FieldType::kString) << f;
    }
    auto category = w.find_field(rule->category_field);
    ASSERT_TRUE(category.has_value());
    for (const std::string& v : rule->major_categories) {
      const auto& values = w.field(*category).values;
      EXPECT_NE(std::find(values.begin(), values.end(), v), values.end()) << v;
    }
    EXPECT_EQ(type_of(rule->manager_requested_field), FieldType::kBool);
    EXPECT_EQ(type_of("location"), FieldType::kString);  // what repeats are counted by
    ++checked;
  }
  EXPECT_EQ(checked, 1);  // complaint
}

TEST(ShippedConfiguration, TheComplaintRuleOnTheDesksWords) {
  const ComplaintRule rule(shipped().complaint_rules.at(0));
  struct NoTickets final : RuleContext {
    [[nodiscard]] TimePoint now() const override { return {}; }
    [[nodiscard]] std::vector<Ticket> tickets_at(std::string_view, std::string_view, TimePoint,
                                                 std::size_t) const override {
      return {};
    }
  } none;
  auto verdict = [&](std::string_view description, std::string_view category = "other") {
    Ticket t;
    t.workflow = "complaint";
    t.fields = {{"description", std::string(description)},
                {"category", std::string(category)},
                {"location", "3-2-1502"},
                {"wants_manager", false}};
    return rule.classify(t, none);
  };
  EXPECT_EQ(verdict("3号楼电梯困人半小时了没人管").reason, "keyword '电梯困人' in description");
  EXPECT_EQ(verdict("楼下着火了").reason, "keyword '火' in description");
  EXPECT_EQ(verdict("再不处理我就打12345投诉").reason, "keyword '打12345' in description");
  EXPECT_EQ(verdict("保安夜里睡觉", "security").reason, "category 'security'");
  // A phone number holding 12345 is not a complaint to the hotline.
  EXPECT_FALSE(verdict("请回电13812345678").major);
  EXPECT_FALSE(verdict("快递柜满了，希望增加").major);
}

// The ```yaml blocks of docs/configuration.md that start with the modeline, as (line, text).
std::vector<std::pair<int, std::string>> doc_examples() {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& b : doc_blocks::blocks(PROPDESK_SOURCE_DIR "/docs/configuration.md", "yaml")) {
    if (b.text.rfind("# yaml-language-server: $schema=", 0) == 0) out.emplace_back(b.line, b.text);
  }
  return out;
}

TEST(ConfigurationDocs, TheExampleLoadsBesideTheShippedWorkflows) {
  const auto examples = doc_examples();
  ASSERT_GE(examples.size(), 1u);
  for (const auto& [line, text] : examples) {
    SCOPED_TRACE("docs/configuration.md:" + std::to_string(line));
    // As the page says, the file sits beside the workflows; a copy gets the plugins/ folder.
    ScratchDir dir;
    std::filesystem::copy(kWorkflowDir, dir.path() / "desk",
                          std::filesystem::copy_options::recursive);
    dir.folder("desk/plugins");
    const auto path = dir.write("desk/propdesk.yaml", text);
    EngineConfigLoadResult r = load_engine_config_file(path);
    ASSERT_TRUE(r.ok()) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(r.config->workflows.size(), 4u);
    EXPECT_EQ(r.config->calendars.names(),
              (std::vector<std::string>{"duty_room", "office", "phones"}));
    EXPECT_EQ(r.config->plugins.load.at(0).settings.at("level"), "info");
    ASSERT_EQ(r.config->staff.people.size(), 5u);

    // The example's staff dispatches the shipped repair workflow: in office hours a leak goes to
    // 王师傅; at lunch (his shift's break) to the one who handles every category.
    auto clock = std::make_shared<ManualClock>(*parse_time("2026-11-26 10:00"));
    Engine engine(std::make_shared<MemoryStore>(), engine_options(*r.config, clock));
    ASSERT_FALSE(has_errors(engine.load_workflow_file(dir.path() / "desk/repair.yaml")));
    const Actor desk{"xiaoliu", "front_desk"};
    const auto dispatch = [&](const char* category) {
      const auto t = engine.create("repair", {{"location", Value("3-2-1201")}, {"category", Value(category)},
                                              {"description", Value("漏水")}}, desk);
      const auto fired = engine.fire(t->id, "auto_dispatch", {}, desk);
      return fired.ok() ? fired->ticket.assignee : fired.rejection().message;
    };
    EXPECT_EQ(dispatch("plumbing"), "wangshifu");
    clock->set(*parse_time("2026-11-26 12:30"));
    EXPECT_EQ(dispatch("plumbing"), "zhaoshifu");
    EXPECT_EQ(dispatch("door_window"), "zhaoshifu");  // chenshifu is on leave
  }
}

TEST(SchemaGoodDocuments, LoadWithoutAFinding) {
  const std::filesystem::path dir = PROPDESK_SOURCE_DIR "/tests/schema/config/good";
  int loaded = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    EngineConfigLoadResult r = load_engine_config_file(entry.path());
    EXPECT_TRUE(r.ok()) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    ++loaded;
  }
  EXPECT_GE(loaded, 2);
}

}  // namespace
}  // namespace propdesk
