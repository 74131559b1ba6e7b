// The engine on the shipped repair workflow: creation, the path of an event, every rejection.
#include "propdesk/engine.hpp"

#include <gtest/gtest.h>

#include "propdesk/memory_store.hpp"
#include "propdesk/workflow_loader.hpp"
#include "shipped_config.hpp"

namespace propdesk {
namespace {

const TimePoint kStart = *parse_time("2026-11-26T09:00:00+08:00");

class EngineTest : public testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_shared<MemoryStore>();
    clock_ = std::make_shared<ManualClock>(kStart);
    engine_ = std::make_unique<Engine>(store_, shipped_engine_options(clock_));
    for (const char* name : {"repair", "complaint"}) {
      auto findings = engine_->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/" + name + ".yaml");
      ASSERT_FALSE(has_errors(findings)) << findings.front().to_string();
    }
  }

  Ticket new_repair(Fields extra = {}) {
    Fields f{{"location", Value("3-2-1201")}, {"category", Value("plumbing")},
             {"description", Value("厨房水管漏水")}, {"phone", Value("13812345678")}};
    for (auto& [k, v] : extra) f.insert_or_assign(k, v);
    auto r = engine_->create("repair", f, desk_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.rejection().message);
    return r.ok() ? r.value() : Ticket{};
  }

  Result<Transitioned> fire(const Ticket& t, const char* event, Fields input, const Actor& who) {
    return engine_->fire(t.id, event, std::move(input), who);
  }

  std::shared_ptr<MemoryStore> store_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
  Actor desk_{"wang", "front_desk"};
  Actor repairer_{"li", "repairer"};
};

TEST_F(EngineTest, CreateAppliesDefaultsAndAssignsCode) {
  Ticket t = new_repair();
  EXPECT_GT(t.id, 0);
  EXPECT_EQ(t.code, "BX-20261126-0001");
  EXPECT_EQ(t.state, "reported");
  EXPECT_EQ(t.workflow, "repair");
  EXPECT_EQ(t.version, 1);
  EXPECT_EQ(t.severity, "general");
  EXPECT_EQ(t.fields.at("channel"), Value("phone"));  // the workflow's default
  EXPECT_EQ(t.created_at, kStart);
  EXPECT_EQ(new_repair().code, "BX-20261126-0002");
}

TEST_F(EngineTest, CreateRejectsUnknownFieldWithSuggestion) {
  auto r = engine_->create("repair", {{"locaton", Value("1-1-101")}}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kInvalidInput);
  EXPECT_EQ(r.rejection().field, "locaton");
  EXPECT_NE(r.rejection().message.find("did you mean 'location'?"), std::string::npos);
}

TEST_F(EngineTest, CreateRejectsMissingRequiredField) {
  auto r = engine_->create("repair", {{"category", Value("plumbing")}}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kMissingInput);
  EXPECT_EQ(r.rejection().field, "location");
}

TEST_F(EngineTest, CreateRejectsWrongTypeAndEnumValue) {
  auto r = engine_->create("repair", {{"location", Value("1")}, {"description", Value("x")}, {"category", Value("sewer")}}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().field, "category");
  EXPECT_NE(r.rejection().message.find("not one of"), std::string::npos);
  auto r2 = engine_->create("repair", {{"location", Value(12)}, {"description", Value("x")}}, desk_);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.rejection().field, "location");
}

TEST_F(EngineTest, CreateRejectsInvalidUtf8) {
  auto r = engine_->create("repair", {{"location", Value("1-1-101")}, {"description", Value("bad \xff")}}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().field, "description");
  EXPECT_NE(r.rejection().message.find("UTF-8"), std::string::npos);
}

TEST_F(EngineTest, UnknownWorkflowIsRejected) {
  auto r = engine_->create("repiar", {}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kUnknownWorkflow);
  EXPECT_NE(r.rejection().message.find("did you mean 'repair'?"), std::string::npos);
}

TEST_F(EngineTest, FireMovesTheTicketAndJournalsIt) {
  Ticket t = new_repair();
  clock_->advance(std::chrono::minutes(5));
  auto r = fire(t, "dispatch", {{"assignee", Value("li")}}, desk_);
  ASSERT_TRUE(r.ok()) << r.rejection().message;
  EXPECT_EQ(r->from_state, "reported");
  EXPECT_EQ(r->to_state, "dispatched");
  EXPECT_EQ(r->ticket.assignee, "li");
  EXPECT_EQ(r->ticket.version, 2);
  auto history = engine_->history(t.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].event, "dispatch");
  EXPECT_EQ(history[1].actor, desk_);
  EXPECT_EQ(history[1].at, kStart + std::chrono::minutes(5));
  EXPECT_EQ(history[1].input.at("assignee"), Value("li"));
  EXPECT_EQ(history[1].prev_hash, history[0].hash);
  EXPECT_TRUE(engine_->verify().empty());
}

TEST_F(EngineTest, UnknownTicketIsRejected) {
  auto r = engine_->fire(999, "dispatch", {}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kUnknownTicket);
}

TEST_F(EngineTest, UnknownEventIsRejectedWithSuggestion) {
  Ticket t = new_repair();
  auto r = fire(t, "dispach", {}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kUnknownEvent);
  EXPECT_NE(r.rejection().message.find("did you mean 'dispatch'?"), std::string::npos);
}

TEST_F(EngineTest, EventInWrongStateSaysWhatIsAllowed) {
  Ticket t = new_repair();
  auto r = fire(t, "complete", {}, repairer_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kWrongState);
  EXPECT_NE(r.rejection().message.find("'reported'"), std::string::npos);
  EXPECT_NE(r.rejection().message.find("dispatch"), std::string::npos);
}

TEST_F(EngineTest, RoleNotPermittedNamesTheRolesThatAre) {
  Ticket t = new_repair();
  auto r = fire(t, "dispatch", {{"assignee", Value("li")}}, Actor{"zhang", "resident"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kRoleNotPermitted);
  EXPECT_NE(r.rejection().message.find("front_desk"), std::string::npos);
}

TEST_F(EngineTest, MissingRequiredInputIsNamed) {
  Ticket t = new_repair();
  auto r = fire(t, "dispatch", {}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kMissingInput);
  EXPECT_EQ(r.rejection().field, "assignee");
  EXPECT_EQ(engine_->get(t.id)->version, 1);  // nothing written
}

TEST_F(EngineTest, InputIsTypeChecked) {
  Ticket t = new_repair();
  auto r = fire(t, "dispatch", {{"assignee", Value(7)}}, desk_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kInvalidInput);
  EXPECT_EQ(r.rejection().field, "assignee");
}

TEST_F(EngineTest, GrabAssignsTheActor) {
  Ticket t = new_repair();
  auto r = fire(t, "grab", {}, repairer_);
  ASSERT_TRUE(r.ok()) << r.rejection().message;
  EXPECT_EQ(r->ticket.assignee, "li");
}

TEST_F(EngineTest, MajorComplaintNeedsTheManagerToClose) {
  auto c = engine_->create("complaint",
                           {{"location", Value("5-1-302")}, {"description", Value("楼上漏水淹了我家")},
                            {"reporter", Value("赵女士")}},
                           desk_);
  ASSERT_TRUE(c.ok()) << c.rejection().message;
  const Actor dept{"eng", "department"};
  ASSERT_TRUE(engine_->fire(c->id, "classify_major", {{"dept", Value("engineering")}}, desk_).ok());
  ASSERT_TRUE(engine_->fire(c->id, "respond", {{"response", Value("today 15:00")}}, dept).ok());
  ASSERT_TRUE(engine_->fire(c->id, "resolve", {{"resolution", Value("pipe replaced")}}, dept).ok());
  auto cb = engine_->fire(c->id, "call_back", {{"satisfaction", Value(4)}}, desk_);
  ASSERT_TRUE(cb.ok()) << cb.rejection().message;
  EXPECT_EQ(cb->to_state, "pending_close");
  // The desk may close general complaints only: the condition that failed is named.
  auto by_desk = engine_->fire(c->id, "close", {}, desk_);
  ASSERT_FALSE(by_desk.ok());
  EXPECT_EQ(by_desk.rejection().reason, Rejection::Reason::kConditionFailed);
  EXPECT_EQ(by_desk.rejection().condition, "severity == 'general'");
  // The manager signs off, with an opinion.
  const Actor manager{"boss", "manager"};
  auto no_opinion = engine_->fire(c->id, "close", {}, manager);
  ASSERT_FALSE(no_opinion.ok());
  EXPECT_EQ(no_opinion.rejection().reason, Rejection::Reason::kMissingInput);
  auto closed = engine_->fire(c->id, "close", {{"manager_opinion", Value("同意结案")}}, manager);
  ASSERT_TRUE(closed.ok()) << closed.rejection().message;
  EXPECT_TRUE(closed->closed);
}

TEST_F(EngineTest, UnsatisfiedCallbackReopens) {
  Ticket t = new_repair();
  ASSERT_TRUE(fire(t, "dispatch", {{"assignee", Value("li")}}, desk_).ok());
  ASSERT_TRUE(fire(t, "accept", {}, repairer_).ok());
  auto done = fire(t, "complete", {}, repairer_);
  ASSERT_TRUE(done.ok()) << done.rejection().message;
  // Rating by the resident or the desk's callback, whichever this workflow goes through first.
  std::string state = done->to_state;
  auto w = engine_->workflow("repair");
  // Walk events that take satisfaction until one reopens the order.
  bool reopened = false;
  for (int step = 0; step < 4 && !reopened; ++step) {
    for (EventId e : w->events_from(*w->find_state(state))) {
      auto r = engine_->fire(t.id, w->event(e), {{"satisfaction", Value(1)}}, desk_);
      if (!r.ok()) r = engine_->fire(t.id, w->event(e), {{"satisfaction", Value(1)}}, Actor{"r", "resident"});
      if (r.ok()) {
        state = r->to_state;
        reopened = state == "dispatched" || state == "in_progress" || state == "reported";
        break;
      }
    }
  }
  EXPECT_TRUE(reopened) << "ended in " << state;
}

TEST_F(EngineTest, EventsAreEmittedAfterCommit) {
  std::vector<std::string> seen;
  auto sub = engine_->events().subscribe_all([&](const TicketEvent& e) {
    // The store already holds what the event reports.
    EXPECT_EQ(store_->get(e.ticket.id)->version, e.ticket.version);
    seen.push_back(e.event);
  });
  Ticket t = new_repair();
  ASSERT_TRUE(fire(t, "dispatch", {{"assignee", Value("li")}}, desk_).ok());
  ASSERT_FALSE(fire(t, "dispatch", {}, desk_).ok());  // rejected: nothing emitted
  EXPECT_EQ(seen, (std::vector<std::string>{"create", "dispatch"}));
}

// Two transitions share call_back (回访不满意 reopens, 回访结单 closes): the result and the bus
// say which one fired, by its label.
TEST_F(EngineTest, TheFiredTransitionIsNamedByItsLabel) {
  std::vector<std::string> heard;
  auto sub = engine_->events().subscribe(TicketEvent::Kind::kTransitioned,
                                         [&](const TicketEvent& e) { heard.push_back(e.transition); });
  Ticket t = new_repair();
  auto dispatched = fire(t, "dispatch", {{"assignee", Value("li")}}, desk_);
  ASSERT_TRUE(dispatched.ok()) << dispatched.rejection().message;
  EXPECT_EQ(dispatched->transition, "派单");
  ASSERT_TRUE(fire(t, "accept", {}, repairer_).ok());
  ASSERT_TRUE(fire(t, "complete", {}, repairer_).ok());
  auto unhappy = fire(t, "call_back", {{"satisfaction", Value(1)}}, desk_);
  ASSERT_TRUE(unhappy.ok()) << unhappy.rejection().message;
  EXPECT_EQ(unhappy->transition, "回访不满意");
  EXPECT_EQ(unhappy->to_state, "dispatched");
  ASSERT_TRUE(fire(t, "accept", {}, repairer_).ok());
  ASSERT_TRUE(fire(t, "complete", {}, repairer_).ok());
  auto happy = fire(t, "call_back", {{"satisfaction", Value(5)}}, desk_);
  ASSERT_TRUE(happy.ok()) << happy.rejection().message;
  EXPECT_EQ(happy->transition, "回访结单");
  ASSERT_GE(heard.size(), 2u);
  EXPECT_EQ(heard.front(), "派单");
  EXPECT_EQ(heard.back(), "回访结单");
}

TEST_F(EngineTest, ClosedIsEmittedOnEnteringAFinalState) {
  int closed = 0;
  auto sub = engine_->events().subscribe(TicketEvent::Kind::kClosed, [&](const TicketEvent&) { ++closed; });
  Ticket t = new_repair();
  auto r = fire(t, "cancel", {{"reason", Value("住户自行修好")}}, desk_);
  ASSERT_TRUE(r.ok()) << r.rejection().message;
  EXPECT_TRUE(r->closed);
  EXPECT_EQ(closed, 1);
}

TEST_F(EngineTest, ThrowingSubscriberIsContained) {
  std::vector<std::string> errors;
  engine_->events().on_subscriber_error([&](const std::string& e) { errors.push_back(e); });
  auto bad = engine_->events().subscribe_all([](const TicketEvent&) { throw std::runtime_error("boom"); });
  int good_calls = 0;
  auto good = engine_->events().subscribe_all([&](const TicketEvent&) { ++good_calls; });
  Ticket t = new_repair();
  auto r = fire(t, "dispatch", {{"assignee", Value("li")}}, desk_);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(good_calls, 2);
  EXPECT_EQ(engine_->events().subscriber_errors(), 2u);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("boom"), std::string::npos);
  EXPECT_EQ(engine_->get(t.id)->state, "dispatched");
}

TEST_F(EngineTest, DisconnectedSubscriberHearsNothing) {
  int calls = 0;
  auto sub = engine_->events().subscribe_all([&](const TicketEvent&) { ++calls; });
  new_repair();
  sub.disconnect();
  new_repair();
  EXPECT_EQ(calls, 1);
}

// The engine builds an event only when somebody would hear it (has_subscribers); a subscriber of
// one kind hears that kind and nothing else.
TEST_F(EngineTest, HasSubscribersFollowsSubscriptions) {
  EventBus& bus = engine_->events();
  EXPECT_FALSE(bus.has_subscribers(TicketEvent::Kind::kTransitioned));
  std::vector<TicketEvent::Kind> heard;
  {
    auto closed = bus.subscribe(TicketEvent::Kind::kClosed,
                                [&](const TicketEvent& e) { heard.push_back(e.kind); });
    EXPECT_TRUE(bus.has_subscribers(TicketEvent::Kind::kClosed));
    EXPECT_FALSE(bus.has_subscribers(TicketEvent::Kind::kTransitioned));
    EXPECT_FALSE(bus.has_subscribers(TicketEvent::Kind::kCreated));
    Ticket t = new_repair();
    ASSERT_TRUE(fire(t, "cancel", {{"reason", Value("住户自行修好")}}, desk_).ok());
    EXPECT_EQ(heard, std::vector<TicketEvent::Kind>{TicketEvent::Kind::kClosed});
    auto all = bus.subscribe_all([&](const TicketEvent&) {});
    EXPECT_TRUE(bus.has_subscribers(TicketEvent::Kind::kCreated));
    EXPECT_TRUE(bus.has_subscribers(TicketEvent::Kind::kTransitioned));
  }
  EXPECT_FALSE(bus.has_subscribers(TicketEvent::Kind::kClosed)) << "both subscriptions ended";
}

TEST_F(EngineTest, TicketsStayOnTheirWorkflowVersion) {
  Ticket old_ticket = new_repair();
  // A later version of a tiny workflow with the same name: new tickets use it, old ones keep
  // the shipped version.
  auto v2 = load_workflow_string(R"(workflow: repair
version: 100
prefix: BX
fields: {location: {type: string}, description: {type: text}}
roles: [front_desk]
states: {reported: {initial: true}, done: {final: true}}
transitions: [{event: finish, from: reported, to: done}]
)");
  ASSERT_TRUE(v2.ok());
  engine_->add_workflow(v2.workflow);
  EXPECT_THROW(engine_->add_workflow(v2.workflow), std::invalid_argument);
  auto fresh = engine_->create("repair", {{"location", Value("1")}}, desk_);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->workflow_version, 100);
  EXPECT_TRUE(engine_->fire(fresh->id, "finish", {}, desk_).ok());
  // The old ticket still follows the shipped version.
  EXPECT_EQ(engine_->fire(old_ticket.id, "finish", {}, desk_).rejection().reason, Rejection::Reason::kUnknownEvent);
  EXPECT_TRUE(engine_->fire(old_ticket.id, "dispatch", {{"assignee", Value("li")}}, desk_).ok());
}

TEST_F(EngineTest, AvailableEventsDependOnRole) {
  Ticket t = new_repair();
  auto desk = engine_->available_events(t, "front_desk");
  auto repairer = engine_->available_events(t, "repairer");
  EXPECT_NE(std::find(desk.begin(), desk.end(), "dispatch"), desk.end());
  EXPECT_EQ(std::find(repairer.begin(), repairer.end(), "dispatch"), repairer.end());
  EXPECT_NE(std::find(repairer.begin(), repairer.end(), "grab"), repairer.end());
}

}  // namespace
}  // namespace propdesk
