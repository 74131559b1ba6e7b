// The engine queues notifications: a transition's `notify` actions and an escalation step's notify
// roles become outbox rows in the same commit as their change, one per channel that takes them,
// rendered for that channel (personal data masked unless it is trusted); what no channel takes is
// kept as a dead letter saying why.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/workflow_loader.hpp"
#include "shipped_config.hpp"

namespace propdesk {
namespace {

const TimePoint kStart = *parse_time("2026-11-26T09:00:00+08:00");

NotificationChannel channel(std::string name, std::vector<std::string> roles, bool people,
                            bool trusted, std::string link_base = {}) {
  NotificationChannel c;
  c.name = std::move(name);
  c.roles = std::move(roles);
  c.people = people;
  c.render.trusted = trusted;
  c.render.link_base = std::move(link_base);
  return c;
}

// Staff groups see masked data; the field staff's app (people) and the desk's own log see it all.
NotificationRouting desk_routing() {
  NotificationRouting r;
  r.channels = {channel("staff_group", {"supervisor", "manager", "dispatcher"}, false, false),
                channel("field_staff", {}, true, true, "https://desk.example.com/t/"),
                channel("desk_log", {"*"}, false, true)};
  return r;
}

// A small workflow: `ping` notifies the person in `owner` and the manager; a 10-hour clock whose
// 50% step notifies the manager and the desk.
constexpr const char* kAlarmWorkflow = R"(workflow: alarm
version: 1
prefix: AL
title: 报警
fields:
  owner: {type: string}
  phone: {type: string, pii: true}
roles: [desk, manager]
states:
  open: {initial: true}
  done: {final: true}
transitions:
  - event: ping
    from: open
    roles: [desk]
    actions:
      - {notify: {to: owner, template: hello}}
      - {notify: {to: manager, template: hello}}
  - {event: finish, from: open, to: done, roles: [desk]}
clocks:
  handle: {starts: open, stops: done, target: 10h}
escalation:
  ladder:
    - {clock: handle, at: 50%, notify: [manager, desk]}
templates:
  hello: {subject: "报警 {{code}}", body: "电话 {{phone}}，{{state_label}}"}
)";

class EngineOutboxTest : public testing::Test {
 protected:
  void SetUp() override { start(std::make_shared<MemoryStore>(), desk_routing()); }

  void start(std::shared_ptr<Store> store, NotificationRouting routing) {
    engine_.reset();
    store_ = std::move(store);
    EngineOptions options = shipped_engine_options(clock_);
    options.notifications = std::move(routing);
    engine_ = std::make_unique<Engine>(store_, std::move(options));
    const auto findings = engine_->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    ASSERT_FALSE(has_errors(findings)) << findings.front().to_string();
    if (!engine_->workflow("alarm")) {
      LoadResult loaded = load_workflow_string(kAlarmWorkflow, "alarm.yaml");
      ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.front().to_string();
      engine_->add_workflow(loaded.workflow);
    }
  }

  Ticket new_repair() {
    auto r = engine_->create("repair",
                             {{"location", Value("3-2-1201")}, {"category", Value("plumbing")},
                              {"description", Value("厨房水管漏水")}, {"phone", Value("13812345678")}},
                             desk_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.rejection().message);
    return r.ok() ? r.value() : Ticket{};
  }

  Ticket new_alarm(Fields fields = {{"owner", Value("zhao")}, {"phone", Value("13900001111")}}) {
    auto r = engine_->create("alarm", std::move(fields), {"wang", "desk"});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.rejection().message);
    return r.ok() ? r.value() : Ticket{};
  }

  std::vector<OutboxMessage> outbox_of(TicketId id) {
    OutboxQuery q;
    q.ticket = id;
    return store_->outbox(q);
  }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(kStart);
  std::shared_ptr<Store> store_;
  std::unique_ptr<Engine> engine_;
  Actor desk_{"wang", "front_desk"};
  Actor repairer_{"li", "repairer"};
};

TEST_F(EngineOutboxTest, ADispatchQueuesTheWorkOrderForThePersonInTheSameCommit) {
  const Ticket t = new_repair();
  EXPECT_TRUE(outbox_of(t.id).empty());  // a creation notifies nobody here
  clock_->set(kStart + Duration{300});
  auto r = engine_->fire(t.id, "dispatch", {{"assignee", Value("li")}}, desk_);
  ASSERT_TRUE(r.ok()) << r.rejection().message;

  const std::vector<OutboxMessage> queued = outbox_of(t.id);
  ASSERT_EQ(queued.size(), 1u);  // only field_staff takes people
  const OutboxMessage& m = queued[0];
  EXPECT_EQ(m.key, std::to_string(t.id) + ":2:0");
  EXPECT_EQ(m.seq, r.value().ticket.version);  // the dispatch's journal entry
  EXPECT_EQ(engine_->history(t.id).at(1).event, "dispatch");
  EXPECT_EQ(m.channel, "field_staff");
  EXPECT_EQ(m.status, OutboxStatus::kPending);
  EXPECT_EQ(m.next_attempt, kStart + Duration{300});  // due at once
  const Notification& n = m.notification;
  EXPECT_EQ(n.idempotency_key, m.key);
  EXPECT_EQ(n.recipient, "li");
  EXPECT_FALSE(n.recipient_is_role);
  EXPECT_EQ(n.template_name, "work_order");
  EXPECT_EQ(n.subject, "派工单 BX-20261126-0001");
  EXPECT_EQ(n.body.rfind("3-2-1201（plumbing）：厨房水管漏水。", 0), 0u) << n.body;
  EXPECT_NE(n.body.find("https://desk.example.com/t/BX-20261126-0001"), std::string::npos) << n.body;
  EXPECT_EQ(n.state, "dispatched");
  EXPECT_EQ(n.state_label, "已派工");
  EXPECT_EQ(n.event, "dispatch");
  EXPECT_EQ(n.at, kStart + Duration{300});
  EXPECT_EQ(n.fields.at("phone"), "13812345678");  // a trusted channel
  // The request is still reported to the caller and on the bus.
  ASSERT_EQ(r.value().notifications.size(), 1u);
  EXPECT_EQ(r.value().notifications[0].to, "li");
}

TEST_F(EngineOutboxTest, ARoleGoesToEveryChannelThatTakesItRenderedForEach) {
  const Ticket t = new_repair();
  ASSERT_TRUE(engine_->fire(t.id, "dispatch", {{"assignee", Value("li")}}, desk_).ok());
  auto r = engine_->fire(t.id, "return", {{"reason", Value("缺配件")}}, repairer_);
  ASSERT_TRUE(r.ok()) << r.rejection().message;
  std::vector<OutboxMessage> returned;
  for (const OutboxMessage& m : outbox_of(t.id))
    if (m.seq == 3) returned.push_back(m);
  ASSERT_EQ(returned.size(), 2u);
  EXPECT_EQ(returned[0].channel, "staff_group");  // configuration order
  EXPECT_EQ(returned[1].channel, "desk_log");
  EXPECT_EQ(returned[0].key, std::to_string(t.id) + ":3:0");
  EXPECT_EQ(returned[1].key, std::to_string(t.id) + ":3:1");
  for (const OutboxMessage& m : returned) {
    EXPECT_EQ(m.notification.recipient, "dispatcher");
    EXPECT_TRUE(m.notification.recipient_is_role);
    EXPECT_EQ(m.notification.subject, "退单 BX-20261126-0001");
    EXPECT_EQ(m.notification.body.rfind("li 退回了 3-2-1201 的工单，原因：缺配件。", 0), 0u)
        << m.notification.body;
  }
  EXPECT_EQ(returned[0].notification.fields.at("phone"), "138****5678");  // not trusted
  EXPECT_EQ(returned[1].notification.fields.at("phone"), "13812345678");
}

TEST_F(EngineOutboxTest, WhatNoChannelTakesIsKeptAsADeadLetter) {
  NotificationRouting people_only;
  people_only.channels = {channel("field_staff", {}, true, true)};
  start(std::make_shared<MemoryStore>(), std::move(people_only));
  const Ticket t = new_repair();
  ASSERT_TRUE(engine_->fire(t.id, "dispatch", {{"assignee", Value("li")}}, desk_).ok());
  ASSERT_TRUE(engine_->fire(t.id, "return", {{"reason", Value("缺配件")}}, repairer_).ok());
  OutboxQuery dead;
  dead.status = OutboxStatus::kDead;
  const std::vector<OutboxMessage> letters = store_->outbox(dead);
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].key, std::to_string(t.id) + ":3:0");
  EXPECT_EQ(letters[0].channel, "");
  EXPECT_EQ(letters[0].last_error, "no notifier takes role 'dispatcher' (see notifiers: in the engine configuration)");
  EXPECT_EQ(letters[0].notification.recipient, "dispatcher");
  EXPECT_EQ(letters[0].notification.ticket_code, "BX-20261126-0001");
  EXPECT_EQ(letters[0].notification.subject, "退单 BX-20261126-0001");  // what it would have said
  EXPECT_EQ(letters[0].notification.fields.at("phone"), "138****5678");  // masked
  EXPECT_EQ(store_->outbox_counts(), (OutboxCounts{1, 0, 1}));
}

TEST_F(EngineOutboxTest, AnEmptyPersonFieldIsADeadLetterToo) {
  const Ticket t = new_alarm({{"phone", Value("13900001111")}});  // no owner
  ASSERT_TRUE(engine_->fire(t.id, "ping", {}, {"wang", "desk"}).ok());
  const std::vector<OutboxMessage> queued = outbox_of(t.id);
  ASSERT_EQ(queued.size(), 3u);  // nobody (dead), manager to staff_group and desk_log
  EXPECT_EQ(queued[0].status, OutboxStatus::kDead);
  EXPECT_EQ(queued[0].last_error, "nobody to notify: the field naming the person is empty");
  EXPECT_EQ(queued[1].channel, "staff_group");
  EXPECT_EQ(queued[1].notification.body, "电话 139****1111，open");
  EXPECT_EQ(queued[2].channel, "desk_log");
  EXPECT_EQ(queued[2].notification.body, "电话 13900001111，open");
}

TEST_F(EngineOutboxTest, WithoutChannelsNothingIsQueued) {
  start(std::make_shared<MemoryStore>(), {});
  const Ticket t = new_repair();
  auto r = engine_->fire(t.id, "dispatch", {{"assignee", Value("li")}}, desk_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().notifications.size(), 1u);
  EXPECT_TRUE(store_->outbox({}).empty());
}

TEST_F(EngineOutboxTest, ARejectedEventQueuesNothing) {
  const Ticket t = new_repair();
  auto r = engine_->fire(t.id, "dispatch", {}, desk_);  // requires an assignee
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(store_->outbox({}).empty());
}

TEST_F(EngineOutboxTest, EscalationStepsQueueTheirRolesWithTheDefaultText) {
  const Ticket t = new_alarm();
  const AdvanceReport report = engine_->advance(kStart + std::chrono::hours(5));
  EXPECT_EQ(report.escalations, 1u);
  const auto history = engine_->history(t.id);
  ASSERT_EQ(history.back().event, "escalation");
  const std::vector<OutboxMessage> queued = outbox_of(t.id);
  // manager -> staff_group, desk_log; desk -> desk_log.
  ASSERT_EQ(queued.size(), 3u);
  for (const OutboxMessage& m : queued) {
    EXPECT_EQ(m.seq, history.back().seq);
    EXPECT_EQ(m.created_at, kStart + std::chrono::hours(5));  // when the step fell due
    EXPECT_EQ(m.notification.event, "escalation");
    EXPECT_EQ(m.notification.template_name, "");
    EXPECT_EQ(m.notification.subject, "报警 AL-20261126-0001");
    EXPECT_EQ(m.notification.body, "escalation：open，截止 2026-11-26 19:00。");
  }
  EXPECT_EQ(queued[0].channel, "staff_group");
  EXPECT_EQ(queued[0].notification.recipient, "manager");
  EXPECT_EQ(queued[1].channel, "desk_log");
  EXPECT_EQ(queued[2].channel, "desk_log");
  EXPECT_EQ(queued[2].notification.recipient, "desk");
}

TEST_F(EngineOutboxTest, QueuedNotificationsSurviveARestart) {
  const std::filesystem::path db =
      std::filesystem::path(testing::TempDir()) / ("engine_outbox_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(db);
  start(std::make_shared<SqliteStore>(db), desk_routing());
  const Ticket t = new_repair();
  ASSERT_TRUE(engine_->fire(t.id, "dispatch", {{"assignee", Value("li")}}, desk_).ok());
  const std::vector<OutboxMessage> before = outbox_of(t.id);
  engine_.reset();
  store_.reset();
  start(std::make_shared<SqliteStore>(db), desk_routing());
  EXPECT_EQ(outbox_of(t.id), before);
  EXPECT_EQ(store_->due_outbox(kStart, 10, "field_staff").size(), 1u);
  engine_.reset();
  store_.reset();
  std::filesystem::remove(db);
}

TEST_F(EngineOutboxTest, ABadRoutingIsRefusedAtConstruction) {
  EngineOptions options;
  options.notifications.channels = {channel("a", {"manager"}, false, false),
                                    channel("a", {"desk"}, false, false)};
  try {
    Engine engine(std::make_shared<MemoryStore>(), std::move(options));
    ADD_FAILURE() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "notification routing: two channels are named 'a'");
  }
  EXPECT_EQ(check_routing({{channel("x", {}, false, false)}}), "channel 'x' takes no role and no person");
  EXPECT_EQ(check_routing({{channel("x", {"a b"}, false, false)}}),
            "channel 'x': role 'a b' is neither a role name nor \"*\"");
  EXPECT_EQ(check_routing({{channel("9x", {"a"}, false, false)}}),
            "channel name '9x' is not a name ([A-Za-z][A-Za-z0-9_]*)");
}

}  // namespace
}  // namespace propdesk
