// The shipped workflows (workflows/*.yaml): each loads and validates without a finding, and a
// ticket can be driven from the initial state to every final state by a scripted list of steps.
//
// The steps run on a deliberately small simulation of what the engine will do with one event
// (candidate transitions in file order, roles, `when`, `requires`, input and actions applied to a
// field map). When the engine lands, these scripts should run on it instead.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "propdesk/workflow.hpp"
#include "propdesk/workflow_loader.hpp"
#include "propdesk/workflow_validator.hpp"

namespace propdesk {
namespace {

using Input = std::vector<std::pair<std::string, Value>>;

// One scripted event: who fires it, with what input, and the state it must leave the ticket in.
struct Step {
  std::string event;
  std::string role;
  Input input;
  std::string expect;  // the state after the step
};

std::shared_ptr<const Workflow> load_shipped(const std::string& name) {
  const auto path = std::filesystem::path(PROPDESK_WORKFLOW_DIR) / (name + ".yaml");
  LoadResult result = load_workflow_file(path);
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << d.to_string();
  return result.workflow;
}

Value at(const char* text) { return Value(parse_time(text).value()); }

// A ticket in the simulation: its state and its fields.
class SimTicket {
 public:
  SimTicket(std::shared_ptr<const Workflow> workflow, const Input& created)
      : w_(std::move(workflow)), state_(w_->initial_state()) {
    for (std::size_t i = 0; i < w_->fields().size(); ++i) {
      const FieldDef& f = w_->fields()[i];
      if (f.default_value) fields_[static_cast<FieldId>(i)] = *f.default_value;
    }
    std::map<FieldId, Value> values;
    if (std::string bad = resolve(created, values); !bad.empty()) ADD_FAILURE() << bad;
    for (auto& [id, v] : values) fields_[id] = v;
    for (std::size_t i = 0; i < w_->fields().size(); ++i) {
      if (w_->fields()[i].required && !fields_.count(static_cast<FieldId>(i)))
        ADD_FAILURE() << "required field '" << w_->fields()[i].name << "' not given at creation";
    }
  }

  // Fires one event; returns why it was rejected, or "" when a transition was taken.
  std::string fire(const std::string& event, const std::string& role, const Input& input) {
    const auto event_id = w_->find_event(event);
    const auto role_id = w_->find_role(role);
    if (!event_id || !role_id) return "unknown event or role: " + event + " by " + role;
    std::map<FieldId, Value> in;
    if (std::string bad = resolve(input, in); !bad.empty()) return bad;
    const FieldLookup lookup = [&](FieldId f) -> const Value* {
      if (auto it = in.find(f); it != in.end()) return &it->second;
      if (auto it = fields_.find(f); it != fields_.end()) return &it->second;
      return nullptr;
    };
    for (std::uint32_t index : w_->candidates(state_, *event_id)) {
      const Transition& t = w_->transitions()[index];
      if (!t.admits(*role_id) || (t.when && !evaluate(*t.when, lookup))) continue;
      for (FieldId f : t.required_inputs)
        if (!in.count(f)) return "'" + event + "' requires '" + w_->field(f).name + "'";
      for (auto& [f, v] : in) fields_[f] = v;
      for (const Action& a : t.actions) apply(a, role);
      state_ = t.to.value_or(state_);
      return "";
    }
    return "no transition for '" + event + "' by " + role + " in '" + state() + "'";
  }

  [[nodiscard]] std::string state() const { return w_->state(state_).name; }
  [[nodiscard]] const Value* field(const std::string& name) const {
    auto it = fields_.find(w_->find_field(name).value());
    return it == fields_.end() ? nullptr : &it->second;
  }

 private:
  // Names -> ids, each value checked against its field's declaration.
  std::string resolve(const Input& input, std::map<FieldId, Value>& out) const {
    for (const auto& [name, value] : input) {
      const auto id = w_->find_field(name);
      if (!id) return "unknown field '" + name + "'";
      if (std::string bad = w_->field(*id).check(value); !bad.empty()) return name + ": " + bad;
      out[*id] = value;
    }
    return "";
  }

  void apply(const Action& action, const std::string& actor) {
    if (const auto* set = std::get_if<SetFieldsAction>(&action.what)) {
      for (const auto& [f, v] : set->assignments) fields_[f] = v;
    } else if (const auto* unset = std::get_if<UnsetFieldsAction>(&action.what)) {
      for (FieldId f : unset->fields) fields_.erase(f);
    } else if (const auto* assign = std::get_if<AssignAction>(&action.what)) {
      const FieldId assignee = w_->assignee_field();
      switch (assign->from) {
        case AssignAction::From::kActor:
          fields_[assignee] = Value(actor);
          break;
        case AssignAction::From::kNone:
          fields_.erase(assignee);
          break;
        case AssignAction::From::kField:
          if (auto it = fields_.find(assign->field); it != fields_.end())
            fields_[assignee] = it->second;
          break;
        case AssignAction::From::kStrategy:
          // The engine asks the strategy (tests/engine/dispatch_test.cpp); here a stand-in.
          fields_[assignee] = Value(assign->strategy == "grab" ? actor : "chosen by " + assign->strategy);
          break;
      }
    }  // notify: nothing to simulate
  }

  std::shared_ptr<const Workflow> w_;
  StateId state_;
  std::map<FieldId, Value> fields_;
};

// Creates a ticket and runs the steps, checking the state after each; returns the ticket.
SimTicket run(const std::shared_ptr<const Workflow>& w, const Input& created,
              const std::vector<Step>& steps) {
  SimTicket ticket(w, created);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    SCOPED_TRACE("step " + std::to_string(i + 1) + ": " + s.event + " by " + s.role);
    EXPECT_EQ(ticket.fire(s.event, s.role, s.input), "");
    EXPECT_EQ(ticket.state(), s.expect);
  }
  return ticket;
}

std::set<std::string> final_states(const Workflow& w) {
  std::set<std::string> out;
  for (const StateDef& s : w.states())
    if (s.final) out.insert(s.name);
  return out;
}

class ShippedWorkflow : public testing::TestWithParam<const char*> {};

TEST_P(ShippedWorkflow, LoadsAndValidatesWithoutFindings) {
  auto w = load_shipped(GetParam());
  ASSERT_TRUE(w);
  for (const Diagnostic& d : validate_workflow(*w)) ADD_FAILURE() << d.to_string();
  EXPECT_FALSE(w->prefix().empty());
  for (const StateDef& s : w->states()) EXPECT_FALSE(s.label.empty()) << s.name << " has no label";
}

INSTANTIATE_TEST_SUITE_P(All, ShippedWorkflow,
                         testing::Values("repair", "complaint", "inquiry", "paid_service",
                                         "handover"));

// ---------------------------------------------------------------------------------------------
// repair (报事报修)

const Input kLeak = {{"location", "3-2-1201"},        {"category", "plumbing"},
                     {"description", "厨房水管漏水"}, {"reporter", "张女士"},
                     {"phone", "13800000000"},        {"channel", "phone"}};

TEST(RepairWorkflow, DispatchedRatedAndCalledBackIsClosed) {
  auto w = load_shipped("repair");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->prefix(), "BX");
  run(w, kLeak,
      {{"dispatch",
        "front_desk",
        {{"assignee", "wang"}, {"dispatch_mode", "printed"}},
        "dispatched"},
       {"accept", "repairer", {}, "in_progress"},
       {"hold", "repairer", {{"reason", "等配件"}}, "on_hold"},
       {"resume", "repairer", {}, "in_progress"},
       {"complete", "repairer", {}, "awaiting_rating"},
       {"rate", "resident", {{"satisfaction", 5}}, "callback"},
       {"schedule_callback", "resident", {{"callback_at", at("2026-11-27 19:00")}}, "callback"},
       {"call_back", "front_desk", {{"satisfaction", 5}}, "closed"}});
}

TEST(RepairWorkflow, GrabbedPaidReopenedAndAutoAdvancedIsClosed) {
  auto w = load_shipped("repair");
  ASSERT_TRUE(w);
  SimTicket t =
      run(w, kLeak,
          {{"grab", "repairer", {}, "in_progress"},
           {"complete", "repairer", {{"paid", true}, {"fee", 80.0}}, "awaiting_payment"},
           {"pay",
            "front_desk",
            {{"payment_method", "cash"}, {"receipt_no", "SJ-0001"}},
            "awaiting_rating"},
           {"rate", "resident", {{"satisfaction", 2}}, "dispatched"},  // unsatisfied: reopened
           {"accept", "repairer", {}, "in_progress"},
           {"complete", "repairer", {}, "awaiting_rating"},  // rework is not charged again
           {"rate", "system", {}, "callback"},               // `after: 48h`: no rating came
           {"call_back", "front_desk", {{"satisfaction", 4}}, "closed"}});
  EXPECT_EQ(*t.field("assignee"), Value("repairer"));  // {assign: {strategy: grab}}: the actor
  EXPECT_EQ(*t.field("reopened"), Value(true));
}

TEST(RepairWorkflow, AutoDispatchedByTheSystemIsClosed) {
  auto w = load_shipped("repair");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kLeak,
                    {{"auto_dispatch", "system", {}, "dispatched"},
                     {"accept", "repairer", {}, "in_progress"},
                     {"complete", "repairer", {}, "awaiting_rating"},
                     {"call_back", "front_desk", {{"satisfaction", 5}}, "closed"}});
  EXPECT_EQ(*t.field("assignee"), Value("chosen by least_loaded"));  // the engine asks the strategy
  SimTicket by_desk(w, kLeak);
  EXPECT_EQ(by_desk.fire("auto_dispatch", "front_desk", {}), "");
  SimTicket by_repairer(w, kLeak);
  EXPECT_NE(by_repairer.fire("auto_dispatch", "repairer", {}), "");  // repairers grab instead
}

TEST(RepairWorkflow, TransferredReturnedAndCancelled) {
  auto w = load_shipped("repair");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kLeak,
                    {{"dispatch", "dispatcher", {{"assignee", "li"}}, "dispatched"},
                     {"transfer", "dispatcher", {{"assignee", "zhao"}}, "dispatched"},
                     {"return", "repairer", {{"reason", "不是水电问题"}}, "reported"},
                     {"urge", "resident", {}, "reported"},
                     {"cancel", "resident", {{"reason", "已自行修好"}}, "cancelled"}});
  EXPECT_EQ(t.field("assignee"), nullptr);  // {assign: none}
}

TEST(RepairWorkflow, UnsatisfiedCallbackReopensAndSupervisorForceCloses) {
  auto w = load_shipped("repair");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kLeak,
                    {{"mark_urgent", "front_desk", {}, "reported"},
                     {"dispatch", "front_desk", {{"assignee", "wang"}}, "dispatched"},
                     {"accept", "repairer", {}, "in_progress"},
                     {"complete", "repairer", {}, "awaiting_rating"},
                     {"call_back", "front_desk", {{"satisfaction", 1}}, "dispatched"},
                     {"accept", "repairer", {}, "in_progress"},
                     {"hold", "dispatcher", {{"reason", "业主出差"}}, "on_hold"},
                     {"force_close", "supervisor", {{"reason", "业主同意结单"}}, "closed"}});
  EXPECT_EQ(*t.field("severity"), Value("major"));
  EXPECT_EQ(*t.field("force_closed"), Value(true));
  EXPECT_EQ(t.field("satisfaction"), nullptr);  // unset on reopen
}

TEST(RepairWorkflow, RejectsWhatTheDeskMayNotDo) {
  auto w = load_shipped("repair");
  ASSERT_TRUE(w);
  SimTicket t(w, kLeak);
  EXPECT_NE(t.fire("dispatch", "front_desk", {}), "");  // requires assignee
  EXPECT_NE(t.fire("accept", "repairer", {}), "");      // not dispatched yet
  EXPECT_NE(t.fire("force_close", "front_desk", {{"reason", "x"}}), "");
  EXPECT_NE(t.fire("grab", "front_desk", {}), "");
  ASSERT_EQ(t.fire("grab", "repairer", {}), "");
  EXPECT_NE(t.fire("complete", "repairer", {{"paid", true}}), "");   // paid work requires a fee
  EXPECT_NE(t.fire("rate", "resident", {{"satisfaction", 9}}), "");  // above max 5
  EXPECT_EQ(t.state(), "in_progress");
}

// ---------------------------------------------------------------------------------------------
// complaint (投诉)

const Input kNoise = {{"location", "5-1-302"},
                      {"category", "noise"},
                      {"description", "楼上装修噪音，晚上十点后仍在施工"},
                      {"phone", "13900000000"},
                      {"callback_at", at("2026-11-27 18:30")}};

TEST(ComplaintWorkflow, GeneralComplaintReopenedThenClosedByTheDesk) {
  auto w = load_shipped("complaint");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->prefix(), "TS");
  run(w, kNoise,
      {{"classify_general", "front_desk", {{"dept", "security"}}, "assigned"},
       {"respond", "department", {{"response", "今晚巡查并劝阻"}}, "handling"},
       {"resolve", "department", {{"resolution", "已与装修户沟通"}}, "callback"},
       {"call_back", "front_desk", {{"satisfaction", 2}, {"reason", "仍有噪音"}}, "handling"},
       {"resolve", "department", {{"resolution", "已停工整改"}}, "callback"},
       {"call_back", "front_desk", {{"satisfaction", 4}}, "pending_close"},
       {"close", "front_desk", {}, "closed"}});
}

TEST(ComplaintWorkflow, MajorComplaintNeedsTheManagersSignOff) {
  auto w = load_shipped("complaint");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kNoise,
                    {{"classify_major", "supervisor", {{"dept", "engineering"}}, "assigned"},
                     {"respond", "department", {{"response", "当天处理"}}, "handling"},
                     {"resolve", "department", {{"resolution", "已处理"}}, "callback"},
                     {"call_back", "front_desk", {{"satisfaction", 3}}, "pending_close"}});
  EXPECT_EQ(*t.field("severity"), Value("major"));
  EXPECT_NE(t.fire("close", "front_desk", {}), "");  // major: not the desk
  EXPECT_NE(t.fire("close", "supervisor", {}), "");
  EXPECT_NE(t.fire("close", "manager", {}), "");  // requires manager_opinion
  EXPECT_EQ(t.fire("close", "manager", {{"manager_opinion", "同意结案"}}), "");
  EXPECT_EQ(t.state(), "closed");
}

TEST(ComplaintWorkflow, EscalatedBySystemBecomesMajor) {
  auto w = load_shipped("complaint");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kNoise,
                    {{"classify_general", "front_desk", {{"dept", "security"}}, "assigned"},
                     {"escalate", "system", {}, "assigned"}});  // internal: the state stays
  EXPECT_EQ(*t.field("severity"), Value("major"));
  EXPECT_EQ(*t.field("escalated"), Value(true));
}

TEST(ComplaintWorkflow, RejectedAsInvalid) {
  auto w = load_shipped("complaint");
  ASSERT_TRUE(w);
  run(w, kNoise, {{"reject", "supervisor", {{"reason", "邻里纠纷，非物业服务范围"}}, "invalid"}});
}

TEST(ComplaintWorkflow, SentBackByTheDepartmentThenWithdrawn) {
  auto w = load_shipped("complaint");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kNoise,
                    {{"classify_general", "front_desk", {{"dept", "cleaning"}}, "assigned"},
                     {"send_back", "department", {{"reason", "不属于保洁"}}, "registered"},
                     {"withdraw", "resident", {{"reason", "已与邻居协商解决"}}, "withdrawn"}});
  EXPECT_EQ(t.field("dept"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// inquiry (咨询)

const Input kQuestion = {{"question", "装修需要办理什么手续？"},
                         {"topic", "renovation"},
                         {"location", "2-3-801"},
                         {"channel", "visit"}};

TEST(InquiryWorkflow, AnsweredOnTheSpot) {
  auto w = load_shipped("inquiry");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->prefix(), "ZX");
  run(w, kQuestion, {{"answer", "front_desk", {{"answer", "填写装修申请表并交押金"}}, "answered"}});
}

TEST(InquiryWorkflow, ForwardedAskedAgainAndCalledBack) {
  auto w = load_shipped("inquiry");
  ASSERT_TRUE(w);
  run(w, kQuestion,
      {{"forward", "front_desk", {{"dept", "engineering"}}, "forwarded"},
       {"reply", "department", {{"answer", "需提交图纸"}}, "callback"},
       {"call_back",
        "front_desk",
        {{"satisfaction", 2}, {"reason", "想知道押金多少"}},
        "forwarded"},
       {"reply", "department", {{"answer", "押金两千元"}}, "callback"},
       {"call_back", "front_desk", {}, "answered"}});  // no rating: `lt` is false
}

TEST(InquiryWorkflow, ConvertedToARepair) {
  auto w = load_shipped("inquiry");
  ASSERT_TRUE(w);
  run(w, kQuestion,
      {{"forward", "front_desk", {{"dept", "engineering"}}, "forwarded"},
       {"convert", "front_desk", {{"related_code", "BX-20261126-0001"}}, "converted"}});
}

TEST(InquiryWorkflow, CancelledByTheResident) {
  auto w = load_shipped("inquiry");
  ASSERT_TRUE(w);
  run(w, kQuestion,
      {{"schedule_callback", "resident", {{"callback_at", at("2026-11-28 10:00")}}, "received"},
       {"cancel", "resident", {{"reason", "已在业主群得到答复"}}, "cancelled"}});
}

// ---------------------------------------------------------------------------------------------
// paid_service (有偿服务)

const Input kLamp = {{"location", "7-2-1503"},
                     {"service", "electrical"},
                     {"description", "客厅安装吊灯"},
                     {"channel", "app"}};

TEST(PaidServiceWorkflow, QuotedDoneReworkedForFreeAndClosed) {
  auto w = load_shipped("paid_service");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->prefix(), "YC");
  SimTicket t = run(w, kLamp,
                    {{"quote", "front_desk", {{"quote_amount", 150.0}}, "quoted"},
                     {"requote", "dispatcher", {{"quote_amount", 120.0}}, "quoted"},
                     {"accept_quote", "resident", {}, "accepted"},
                     {"dispatch",
                      "dispatcher",
                      {{"assignee", "wang"}, {"scheduled_at", at("2026-11-28 14:00")}},
                      "scheduled"},
                     {"start", "repairer", {}, "in_service"},
                     {"complete", "repairer", {{"final_amount", 120.0}}, "awaiting_payment"},
                     {"pay", "resident", {{"payment_method", "wechat"}}, "callback"},
                     {"call_back",
                      "front_desk",
                      {{"satisfaction", 2}, {"scheduled_at", at("2026-11-29 10:00")}},
                      "scheduled"},
                     {"start", "repairer", {}, "in_service"},
                     {"complete", "repairer", {}, "callback"},  // rework: no second payment
                     {"call_back", "front_desk", {{"satisfaction", 5}}, "closed"}});
  EXPECT_EQ(*t.field("rework"), Value(true));
}

TEST(PaidServiceWorkflow, CashNeedsAReceiptAndTheManagerMayWaive) {
  auto w = load_shipped("paid_service");
  ASSERT_TRUE(w);
  SimTicket t = run(w, kLamp,
                    {{"quote", "dispatcher", {{"quote_amount", 60.0}}, "quoted"},
                     {"accept_quote", "front_desk", {}, "accepted"},
                     {"dispatch",
                      "front_desk",
                      {{"assignee", "li"}, {"scheduled_at", at("2026-11-28 09:00")}},
                      "scheduled"},
                     {"start", "repairer", {}, "in_service"},
                     {"complete", "repairer", {{"final_amount", 60.0}}, "awaiting_payment"}});
  EXPECT_NE(t.fire("pay", "cashier", {{"payment_method", "cash"}}), "");  // requires receipt_no
  EXPECT_EQ(t.fire("waive", "manager", {{"reason", "老人独居，免费"}}), "");
  EXPECT_EQ(t.state(), "callback");
  EXPECT_EQ(*t.field("final_amount"), Value(0.0));
}

TEST(PaidServiceWorkflow, QuoteRefused) {
  auto w = load_shipped("paid_service");
  ASSERT_TRUE(w);
  run(w, kLamp,
      {{"quote", "front_desk", {{"quote_amount", 300.0}}, "quoted"},
       {"refuse_quote", "resident", {}, "declined"}});
}

TEST(PaidServiceWorkflow, CancelledBeforeTheVisit) {
  auto w = load_shipped("paid_service");
  ASSERT_TRUE(w);
  run(w, kLamp,
      {{"quote", "front_desk", {{"quote_amount", 80.0}}, "quoted"},
       {"accept_quote", "resident", {}, "accepted"},
       {"dispatch",
        "dispatcher",
        {{"assignee", "wang"}, {"scheduled_at", at("2026-11-28 16:00")}},
        "scheduled"},
       {"reschedule", "resident", {{"scheduled_at", at("2026-11-29 16:00")}}, "scheduled"},
       {"cancel", "resident", {{"reason", "不需要了"}}, "cancelled"}});
}

// ---------------------------------------------------------------------------------------------
// handover (交接班)

const Input kShift = {{"shift_from", at("2026-11-26 09:00")},
                      {"shift_to", at("2026-11-26 18:00")},
                      {"outgoing", "wangli"},
                      {"incoming", "chenjing"},
                      {"summary", "未关闭 3 项（已超时 1 项）"},
                      {"open_count", 3},
                      {"breach_count", 1}};

TEST(HandoverWorkflow, RecordedThenAcknowledgedByTheIncomingPerson) {
  auto w = load_shipped("handover");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->prefix(), "JJ");
  run(w, kShift,
      {{"add_note", "front_desk", {{"note", "3-2-1502 的配件明早到"}}, "open"},
       {"acknowledge", "front_desk", {}, "acknowledged"}});
}

TEST(HandoverWorkflow, OnlyTheDeskAndItsSupervisorAcknowledge) {
  auto w = load_shipped("handover");
  ASSERT_TRUE(w);
  SimTicket t(w, kShift);
  EXPECT_NE(t.fire("acknowledge", "system", {}), "");
  EXPECT_NE(t.fire("add_note", "front_desk", {}), "");  // requires note
  EXPECT_NE(t.fire("add_note", "front_desk", {{"note", "x"}, {"open_count", -1}}), "");  // min 0
  EXPECT_EQ(t.fire("acknowledge", "supervisor", {}), "");
  EXPECT_EQ(t.state(), "acknowledged");
  EXPECT_NE(t.fire("add_note", "front_desk", {{"note", "x"}}), "");  // final: nothing leaves it
}

// The scripts above reach every final state; a new final state needs a new script.
TEST(ShippedWorkflows, ScriptsCoverEveryFinalState) {
  const std::map<std::string, std::set<std::string>> covered = {
      {"repair", {"closed", "cancelled"}},
      {"complaint", {"closed", "invalid", "withdrawn"}},
      {"inquiry", {"answered", "converted", "cancelled"}},
      {"paid_service", {"closed", "declined", "cancelled"}},
      {"handover", {"acknowledged"}}};
  for (const auto& [name, finals] : covered) {
    auto w = load_shipped(name);
    ASSERT_TRUE(w) << name;
    EXPECT_EQ(final_states(*w), finals) << name;
  }
}

}  // namespace
}  // namespace propdesk
