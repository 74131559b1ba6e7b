// Rendering a notify action's template for a ticket: placeholders, state labels, deadlines, links,
// and personal fields masked unless the channel is trusted.
#include "propdesk/notification_renderer.hpp"

#include <gtest/gtest.h>

#include "plugin_test_support.hpp"

namespace propdesk {
namespace {

using plugin_testing::repair_ticket;
using plugin_testing::repair_workflow;

class RendererTest : public testing::Test {
 protected:
  void SetUp() override {
    workflow_ = repair_workflow();
    ASSERT_TRUE(workflow_);
    ticket_ = repair_ticket();
    ticket_.state = "dispatched";
    ticket_.assignee = "li";
    ticket_.version = 2;
    SlaClockState running;
    running.name = "response";
    running.due = *parse_time("2026-11-26T11:00:00+08:00");
    SlaClockState later = running;
    later.name = "resolution";
    later.due = *parse_time("2026-11-27T09:00:00+08:00");
    SlaClockState stopped = running;
    stopped.name = "stopped_one";
    stopped.phase = SlaClockState::Phase::kStopped;
    stopped.due = *parse_time("2026-11-26T10:00:00+08:00");  // earlier, but not running
    ticket_.clocks = {later, running, stopped};
    cause_ = {"dispatch", {"wang", "front_desk"}, *parse_time("2026-11-26T09:05:00+08:00")};
    options_.link_base = "https://desk.example.com/t/";
  }

  Notification render(const std::string& template_name, const RenderOptions& options) {
    return render_notification(*workflow_, ticket_, {"assignee", false, template_name}, cause_, options);
  }

  std::shared_ptr<const Workflow> workflow_;
  Ticket ticket_;
  NotificationCause cause_;
  RenderOptions options_;
};

TEST_F(RendererTest, FillsFieldsDeadlineAndLink) {
  // work_order: "{{location}}（{{category}}）：{{description}}。请在 {{deadline}} 前处理。{{link}}"
  const Notification n = render("work_order", options_);
  EXPECT_EQ(n.subject, "派工单 BX-20261126-0007");
  EXPECT_EQ(n.body, "3-2-1201（plumbing）：厨房水管漏水。请在 2026-11-26 11:00 前处理。"
                    "https://desk.example.com/t/BX-20261126-0007");
  EXPECT_EQ(n.link, "https://desk.example.com/t/BX-20261126-0007");
  EXPECT_EQ(n.state, "dispatched");
  EXPECT_EQ(n.state_label, "已派工");
  EXPECT_EQ(n.recipient, "assignee");
  EXPECT_FALSE(n.recipient_is_role);
  EXPECT_EQ(n.event, "dispatch");
  EXPECT_EQ(n.at, cause_.at);
  EXPECT_EQ(n.idempotency_key, "7:2:work_order:assignee");
}

TEST_F(RendererTest, PiiFieldsAreMaskedUnlessTheChannelIsTrusted) {
  const Notification masked = render("work_order", options_);
  EXPECT_EQ(masked.fields.at("phone"), "138****5678");
  EXPECT_EQ(masked.fields.at("reporter"), "张*");
  EXPECT_EQ(masked.fields.at("location"), "3-2-1201");
  RenderOptions trusted = options_;
  trusted.trusted = true;
  const Notification clear = render("work_order", trusted);
  EXPECT_EQ(clear.fields.at("phone"), "13812345678");
  EXPECT_EQ(clear.fields.at("reporter"), "张三");
}

// A workflow whose template puts personal fields and a time field into the text itself.
constexpr const char* kMini = R"(
workflow: mini
title: 回访
fields:
  location: {type: string, required: true}
  reporter: {type: string, pii: true}
  phone:    {type: string, pii: true}
  visit_at: {type: time}
roles: [front_desk]
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - {event: finish, from: open, to: done}
templates:
  call:
    subject: "{{title}} {{code}}"
    body: "{{reporter}} ({{phone}}) at {{location}}, visit {{visit_at}}, {{state_label}} {{assignee}}"
)";

TEST(RenderNotification, MasksPiiInsideTheText) {
  const LoadResult loaded = load_workflow_string(kMini, "mini.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().to_string();
  Ticket t;
  t.id = 3;
  t.code = "MINI-20261126-0001";
  t.workflow = "mini";
  t.state = "open";
  t.fields = {{"location", Value("5-1-302")},
              {"reporter", Value("欧阳娜娜")},
              {"phone", Value("13912345678")},
              {"visit_at", Value(*parse_time("2026-11-28T10:00:00+08:00"))}};
  const NotificationRequest request{"front_desk", true, "call"};
  RenderOptions options;
  options.missing = "-";
  const Notification masked = render_notification(*loaded.workflow, t, request, {}, options);
  EXPECT_EQ(masked.subject, "回访 MINI-20261126-0001");
  EXPECT_EQ(masked.body, "欧*** (139****5678) at 5-1-302, visit 2026-11-28 10:00, open -");
  EXPECT_EQ(masked.fields.at("visit_at"), "2026-11-28 10:00");
  options.trusted = true;
  const Notification clear = render_notification(*loaded.workflow, t, request, {}, options);
  EXPECT_EQ(clear.body, "欧阳娜娜 (13912345678) at 5-1-302, visit 2026-11-28 10:00, open -");
  EXPECT_TRUE(clear.recipient_is_role);
}

TEST_F(RendererTest, ActorStateLabelAndMissingValues) {
  // returned: "{{actor}} 退回了 {{location}} 的工单，原因：{{reason}}。请重新派工。{{link}}"
  RenderOptions o = options_;
  o.link_base.clear();
  o.missing = "—";
  const Notification n = render("returned", o);
  EXPECT_EQ(n.body, "wang 退回了 3-2-1201 的工单，原因：—。请重新派工。—");
  EXPECT_EQ(n.link, "");
}

TEST_F(RendererTest, NoRunningClockMeansNoDeadline) {
  ticket_.clocks.clear();
  RenderOptions o = options_;
  o.missing = "(none)";
  EXPECT_NE(render("work_order", o).body.find("请在 (none) 前处理"), std::string::npos);
}

TEST_F(RendererTest, TimesAreShownInTheDesksZone) {
  EXPECT_EQ(format_display_time(*parse_time("2026-11-26T06:00:00Z"), std::chrono::hours(8)), "2026-11-26 14:00");
  EXPECT_EQ(format_display_time(*parse_time("2026-11-26T20:30:00Z"), std::chrono::hours(8)), "2026-11-27 04:30");
  EXPECT_EQ(format_display_time(*parse_time("2026-11-26T06:00:00Z"), std::chrono::minutes(0)), "2026-11-26 06:00");
}

TEST_F(RendererTest, UnknownTemplateOrWorkflowIsAClearError) {
  try {
    render("no_such_template", options_);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "workflow 'repair' version " + std::to_string(workflow_->version()) +
                                         " has no template 'no_such_template'");
  }
  ticket_.workflow = "complaint";
  EXPECT_THROW(render("work_order", options_), std::invalid_argument);
}

TEST(RenderTemplate, ReplacesKnownNamesAndLeavesTheRest) {
  const auto lookup = [](std::string_view name) -> std::optional<std::string> {
    if (name == "a") return "A";
    if (name == "empty") return "";
    return std::nullopt;
  };
  EXPECT_EQ(render_template("x{{a}}y{{ a }}z", lookup), "xAyAz");
  EXPECT_EQ(render_template("{{empty}}|{{unknown}}|", lookup), "|{{unknown}}|");
  EXPECT_EQ(render_template("open {{a", lookup), "open {{a");
  EXPECT_EQ(render_template("{{a}}{{", lookup), "A{{");
  EXPECT_EQ(render_template("", lookup), "");
  EXPECT_EQ(render_template("}}{{a}}", lookup), "}}A");
}

}  // namespace
}  // namespace propdesk
