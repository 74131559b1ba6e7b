// Dispatch through the engine: the shipped repair workflow's auto_dispatch (least loaded by
// category) and grab, on a staff with shifts, skills and caps; what is journaled; every reason
// nobody is eligible; strategies the engine does not have; a strategy of one's own; threads
// dispatching at once never exceeding a cap.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "shipped_config.hpp"

namespace propdesk {
namespace {

const TimePoint kThursday9 = *parse_time("2026-11-26T09:00:00+08:00");  // office hours begin

StaffMember member(std::string id, std::vector<std::string> roles, std::vector<std::string> skills) {
  StaffMember m;
  m.id = std::move(id);
  m.roles = std::move(roles);
  m.skills = std::move(skills);
  return m;
}

// Four repairers and a clerk; everyone's cap is 2 unless their own says otherwise.
StaffConfig desk_staff() {
  StaffConfig s;
  s.max_open = 2;
  StaffMember wang = member("wangshifu", {"repairer"}, {"plumbing", "gas"});
  wang.name = "王师傅";
  wang.shift = "office";  // 9:00-12:00, 13:00-18:00 on working days
  StaffMember zhao = member("zhaoshifu", {"repairer"}, {"electrical"});
  zhao.max_open = 1;
  StaffMember chen = member("chenshifu", {"repairer"}, {"elevator"});
  chen.on_duty = false;  // on leave
  s.people = {wang, member("lishifu", {"repairer"}, {"plumbing", "electrical"}), zhao, chen,
              member("xiaoliu", {"front_desk"}, {})};
  return s;
}

Fields repair_fields(const std::string& category) {
  return {{"location", Value("3-2-1201")}, {"category", Value(category)}, {"description", Value("坏了")}};
}

class Dispatch : public testing::Test {
 protected:
  void SetUp() override { start(desk_staff()); }

  void start(StaffConfig staff, std::shared_ptr<Store> store = nullptr) {
    engine_.reset();
    store_ = store ? std::move(store) : std::make_shared<MemoryStore>();
    EngineOptions options = shipped_engine_options(clock_);
    options.staff = std::move(staff);
    engine_ = std::make_unique<Engine>(store_, std::move(options));
    const auto findings = engine_->load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
    ASSERT_FALSE(has_errors(findings)) << findings.front().to_string();
  }

  Ticket report(const std::string& category) {
    auto r = engine_->create("repair", repair_fields(category), desk_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.rejection().message);
    return r.ok() ? r.value() : Ticket{};
  }

  Result<Transitioned> auto_dispatch(const Ticket& t) { return engine_->fire(t.id, "auto_dispatch", {}, desk_); }
  Result<Transitioned> grab(const Ticket& t, const std::string& who) {
    return engine_->fire(t.id, "grab", {}, Actor{who, "repairer"});
  }

  // Who got it, or "rejected: <message>".
  std::string assignee_of(const Result<Transitioned>& r) {
    return r.ok() ? r->ticket.assignee : "rejected: " + r.rejection().message;
  }
  std::string auto_dispatched(const std::string& category) { return assignee_of(auto_dispatch(report(category))); }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(kThursday9);
  std::shared_ptr<Store> store_;
  std::unique_ptr<Engine> engine_;
  Actor desk_{"xiaoliu", "front_desk"};
};

TEST_F(Dispatch, AutoDispatchChoosesTheLeastLoadedOnDutyWhoHandlesTheCategory) {
  const Ticket leak = report("plumbing");
  const Result<Transitioned> first = auto_dispatch(leak);
  ASSERT_TRUE(first.ok()) << first.rejection().message;
  EXPECT_EQ(first->ticket.assignee, "wangshifu");  // a tie at 0: the first listed
  EXPECT_EQ(first->to_state, "dispatched");
  ASSERT_EQ(first->notifications.size(), 1u);  // the work order goes to whoever was chosen
  EXPECT_EQ(first->notifications[0].to, "wangshifu");
  EXPECT_EQ(first->notifications[0].template_name, "work_order");

  EXPECT_EQ(auto_dispatched("plumbing"), "lishifu");     // wang has 1 now
  EXPECT_EQ(auto_dispatched("electrical"), "zhaoshifu");  // li 1, zhao 0
  EXPECT_EQ(auto_dispatched("gas"), "wangshifu");         // the only gas fitter, 1 of 2

  // The journal says who was chosen, by which strategy and why.
  const JournalEntry entry = engine_->history(leak.id).back();
  EXPECT_EQ(entry.event, "auto_dispatch");
  EXPECT_EQ(entry.actor, desk_);
  EXPECT_EQ(entry.input, (Fields{{"assignee", Value("wangshifu")},
                                 {"assigned_by", Value("least_loaded")},
                                 {"assignment_reason", Value("fewest open orders (0) among 2 on duty")}}));
  EXPECT_TRUE(engine_->verify().empty());
}

TEST_F(Dispatch, AFullCapRejectsWithAClearMessageAndChangesNothing) {
  std::vector<Ticket> plumbing;
  for (int i = 0; i < 4; ++i) {
    plumbing.push_back(report("plumbing"));
    ASSERT_TRUE(auto_dispatch(plumbing.back()).ok());
  }
  const Ticket fifth = report("plumbing");
  const Result<Transitioned> r = auto_dispatch(fifth);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.rejection().reason, Rejection::Reason::kNobodyEligible);
  EXPECT_EQ(r.rejection().field, "assignee");
  EXPECT_EQ(r.rejection().message,
            "everyone with role 'repairer' who handles 'plumbing' is at their cap of open orders (wangshifu 2 of 2, "
            "lishifu 2 of 2)");
  EXPECT_EQ(to_string(r.rejection().reason), "nobody-eligible");
  const Ticket unchanged = *engine_->get(fifth.id);
  EXPECT_EQ(unchanged.state, "reported");
  EXPECT_EQ(unchanged.assignee, "");
  EXPECT_EQ(unchanged.version, 1);

  // A closed order frees a place: the cancelled ticket no longer counts.
  ASSERT_TRUE(engine_->fire(plumbing[0].id, "cancel", {{"reason", Value("业主自行修好")}}, desk_).ok());
  EXPECT_EQ(assignee_of(auto_dispatch(fifth)), "wangshifu");
}

TEST_F(Dispatch, OffDutyByShiftOrFlag) {
  clock_->set(*parse_time("2026-11-26T12:30:00+08:00"));  // lunch: the office calendar is closed
  const Result<Transitioned> lunch = auto_dispatch(report("plumbing"));
  ASSERT_TRUE(lunch.ok());
  EXPECT_EQ(lunch->ticket.assignee, "lishifu");
  EXPECT_EQ(engine_->history(lunch->ticket.id).back().input.at("assignment_reason"),
            Value("fewest open orders (0) among 1 on duty"));
  EXPECT_EQ(auto_dispatched("elevator"),
            "rejected: strategy 'least_loaded' chose nobody: nobody is on duty (chenshifu is off duty)");
  clock_->set(*parse_time("2026-11-26T20:00:00+08:00"));
  EXPECT_EQ(auto_dispatched("gas"),
            "rejected: strategy 'least_loaded' chose nobody: nobody is on duty (wangshifu is off duty)");
  clock_->set(*parse_time("2026-11-27T09:30:00+08:00"));  // Friday morning: back on shift
  EXPECT_EQ(auto_dispatched("gas"), "wangshifu");
}

TEST_F(Dispatch, NobodyOnDutyAndEveryoneElseAtTheirCapSaysBoth) {
  EXPECT_EQ(assignee_of(grab(report("electrical"), "zhaoshifu")), "zhaoshifu");  // zhao's cap is 1
  clock_->set(*parse_time("2026-11-26T12:30:00+08:00"));
  StaffConfig staff = desk_staff();
  staff.people[1].on_duty = false;  // li on leave too
  start(staff, store_);
  EXPECT_EQ(auto_dispatched("electrical"),
            "rejected: strategy 'least_loaded' chose nobody: nobody is on duty (lishifu is off duty); at their cap: "
            "zhaoshifu 1 of 1");
}

TEST_F(Dispatch, SkillsDecide) {
  EXPECT_EQ(auto_dispatched("wall_floor"), "rejected: everyone with role 'repairer' lacks the skill 'wall_floor'");
  EXPECT_EQ(auto_dispatched("other"), "rejected: everyone with role 'repairer' lacks the skill 'other'");
  // Someone who lists no skills handles every category.
  StaffConfig staff = desk_staff();
  staff.people.push_back(member("zhoushifu", {"repairer"}, {}));
  start(staff, store_);
  EXPECT_EQ(auto_dispatched("wall_floor"), "zhoushifu");
}

TEST_F(Dispatch, GrabIsCappedAndSkilledToo) {
  const Result<Transitioned> took = grab(report("electrical"), "lishifu");
  ASSERT_TRUE(took.ok()) << took.rejection().message;
  EXPECT_EQ(took->ticket.assignee, "lishifu");
  EXPECT_EQ(took->to_state, "in_progress");
  const JournalEntry entry = engine_->history(took->ticket.id).back();
  EXPECT_EQ(entry.input.at("assigned_by"), Value("grab"));
  EXPECT_EQ(entry.input.at("assignment_reason"), Value("lishifu took it (0 other open orders)"));

  EXPECT_EQ(assignee_of(grab(report("plumbing"), "zhaoshifu")),
            "rejected: zhaoshifu cannot take this ticket: does not handle 'plumbing' (skills: electrical)");
  EXPECT_EQ(assignee_of(grab(report("electrical"), "zhaoshifu")), "zhaoshifu");
  EXPECT_EQ(assignee_of(grab(report("electrical"), "zhaoshifu")),
            "rejected: zhaoshifu cannot take this ticket: already has 1 open orders, the cap is 1");
  EXPECT_EQ(assignee_of(grab(report("plumbing"), "zhang")), "rejected: zhang cannot take this ticket: not on the staff list");
  EXPECT_EQ(assignee_of(grab(report("plumbing"), "xiaoliu")),
            "rejected: xiaoliu cannot take this ticket: not a repairer on the staff list (roles: front_desk)");
  // Off duty, but here and taking it: grab does not ask about duty.
  EXPECT_EQ(assignee_of(grab(report("elevator"), "chenshifu")), "chenshifu");
  // A grabbed order counts towards the load auto_dispatch sees.
  EXPECT_EQ(auto_dispatched("plumbing"), "wangshifu");  // li has the grabbed one
}

TEST_F(Dispatch, AssignmentsByHandCountTowardsTheCap) {
  for (int i = 0; i < 2; ++i) {
    const Ticket t = report("plumbing");
    ASSERT_TRUE(engine_->fire(t.id, "dispatch", {{"assignee", Value("wangshifu")}}, desk_).ok());
  }
  EXPECT_EQ(auto_dispatched("plumbing"), "lishifu");
  EXPECT_EQ(auto_dispatched("plumbing"), "lishifu");
  EXPECT_EQ(auto_dispatched("plumbing"),
            "rejected: everyone with role 'repairer' who handles 'plumbing' is at their cap of open orders (wangshifu "
            "2 of 2, lishifu 2 of 2)");
  // By hand the desk may still go over a cap: only strategies are capped.
  const Ticket t = report("plumbing");
  EXPECT_TRUE(engine_->fire(t.id, "dispatch", {{"assignee", Value("wangshifu")}}, desk_).ok());
}

TEST(DispatchWithoutStaff, GrabTakesTheActorAndAutoDispatchFindsNobody) {
  Engine engine(std::make_shared<MemoryStore>(), shipped_engine_options(std::make_shared<ManualClock>(kThursday9)));
  ASSERT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  const Actor desk{"xiaoliu", "front_desk"};
  const auto t = engine.create("repair", repair_fields("plumbing"), desk);
  ASSERT_TRUE(t.ok());
  const auto auto_r = engine.fire(t->id, "auto_dispatch", {}, desk);
  ASSERT_FALSE(auto_r.ok());
  EXPECT_EQ(auto_r.rejection().message,
            "no staff is configured (staff: in propdesk.yaml), so strategy 'least_loaded' has nobody to choose from");
  const auto grabbed = engine.fire(t->id, "grab", {}, Actor{"anyone", "repairer"});
  ASSERT_TRUE(grabbed.ok());
  EXPECT_EQ(grabbed->ticket.assignee, "anyone");
  EXPECT_EQ(engine.history(t->id).back().input.at("assigned_by"), Value("grab"));
}

// A folder with one workflow file, removed at the end.
class WorkflowFile {
 public:
  explicit WorkflowFile(const std::string& text) {
    dir_ = std::filesystem::temp_directory_path() /
           ("propdesk-dispatch-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    std::ofstream(path()) << text;
  }
  ~WorkflowFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  WorkflowFile(const WorkflowFile&) = delete;
  WorkflowFile& operator=(const WorkflowFile&) = delete;
  [[nodiscard]] std::filesystem::path path() const { return dir_ / "chores.yaml"; }

 private:
  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
};

const std::string kChores = R"(workflow: chores
roles: [cleaner]
fields:
  area: {type: string}
states:
  open: {initial: true, label: 待分配}
  assigned: {label: 已分配}
  done: {final: true, label: 完成}
transitions:
  - {event: assign, from: open, to: assigned, actions: [{assign: {strategy: STRATEGY, role: cleaner, skill_field: area}}]}
  - {event: finish, from: assigned, to: done}
)";

std::string chores(const std::string& strategy) {
  std::string text = kChores;
  text.replace(text.find("STRATEGY"), 8, strategy);
  return text;
}

TEST(DispatchStrategyNames, AStrategyTheEngineDoesNotHaveRefusesTheWorkflowAtItsPlace) {
  Engine engine(std::make_shared<MemoryStore>(), std::make_shared<ManualClock>(kThursday9));
  const WorkflowFile file(chores("least_loded"));
  const std::vector<Diagnostic> findings = engine.load_workflow_file(file.path());
  ASSERT_TRUE(has_errors(findings));
  EXPECT_EQ(findings.back().to_string(),
            file.path().string() +
                ":10:58: error: workflow 'chores': event 'assign' assigns by dispatch strategy 'least_loded', which "
                "this engine does not have (did you mean 'least_loaded'?) (load a plugin that provides it) "
                "[engine-setup]");
  EXPECT_FALSE(engine.workflow("chores"));

  // An engine without the built-ins refuses the shipped repair workflow (it grabs).
  EngineOptions bare;
  bare.dispatch_strategies.clear();
  Engine without(std::make_shared<MemoryStore>(), std::move(bare));
  const auto refused = without.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml");
  ASSERT_TRUE(has_errors(refused));
  EXPECT_NE(refused.back().message.find("assigns by dispatch strategy 'least_loaded'"), std::string::npos)
      << refused.back().to_string();
  EXPECT_EQ(refused.back().code, "engine-setup");

  EngineOptions twice;
  twice.dispatch_strategies.push_back(builtin_dispatch_strategies()[0]);
  EXPECT_THROW({ Engine e(std::make_shared<MemoryStore>(), std::move(twice)); }, std::invalid_argument);
  StaffConfig unknown_shift;
  unknown_shift.people.push_back(member("wang", {"cleaner"}, {}));
  unknown_shift.people[0].shift = "nights";
  EngineOptions bad_staff;
  bad_staff.staff = unknown_shift;
  EXPECT_THROW({ Engine e(std::make_shared<MemoryStore>(), std::move(bad_staff)); }, std::invalid_argument);
}

TEST(DispatchStrategyNames, RoundRobinTakesTurnsAcrossTickets) {
  EngineOptions options;
  options.clock = std::make_shared<ManualClock>(kThursday9);
  options.staff.people = {member("a", {"cleaner"}, {}), member("b", {"cleaner"}, {"lobby"}), member("c", {"cleaner"}, {})};
  Engine engine(std::make_shared<MemoryStore>(), std::move(options));
  const WorkflowFile file(chores("round_robin"));
  ASSERT_FALSE(has_errors(engine.load_workflow_file(file.path())));
  const Actor desk{"desk", "cleaner"};
  std::vector<std::string> got;
  for (const char* area : {"lobby", "lobby", "lobby", "garage", "lobby"}) {
    const auto t = engine.create("chores", {{"area", Value(area)}}, desk);
    const auto r = engine.fire(t->id, "assign", {}, desk);
    got.push_back(r.ok() ? r->ticket.assignee : r.rejection().message);
  }
  // b handles the lobby only, so the garage goes to the next in turn who handles it.
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "c", "a", "b"}));
}

// A strategy of one's own (as a plugin would provide): the last candidate offered; it records what
// it was offered.
class LastOffered final : public DispatchStrategy {
 public:
  [[nodiscard]] std::string_view name() const override { return "last_offered"; }
  DispatchChoice choose(const Ticket&, std::span<const DispatchCandidate> candidates) override {
    const std::lock_guard lock(mutex_);
    offered_.assign(candidates.begin(), candidates.end());
    if (candidates.empty()) return {std::nullopt, "nobody offered"};
    return {candidates.size() - 1, "the last of " + std::to_string(candidates.size())};
  }
  std::vector<DispatchCandidate> offered() {
    const std::lock_guard lock(mutex_);
    return offered_;
  }

 private:
  std::mutex mutex_;
  std::vector<DispatchCandidate> offered_;
};

TEST(DispatchStrategyNames, AStrategyOfOnesOwnIsOfferedOnlyTheEligible) {
  auto mine = std::make_shared<LastOffered>();
  EngineOptions options;
  options.clock = std::make_shared<ManualClock>(kThursday9);
  options.dispatch_strategies.push_back(mine);
  options.staff.max_open = 1;
  StaffMember off = member("c", {"cleaner"}, {});
  off.on_duty = false;
  options.staff.people = {member("a", {"cleaner"}, {}), member("b", {"cleaner"}, {"garage"}), off,
                          member("d", {"guard"}, {})};
  Engine engine(std::make_shared<MemoryStore>(), std::move(options));
  const WorkflowFile file(chores("last_offered"));
  ASSERT_FALSE(has_errors(engine.load_workflow_file(file.path())));
  const Actor desk{"desk", "cleaner"};
  const auto first = engine.create("chores", {{"area", Value("lobby")}}, desk);
  const auto r = engine.fire(first->id, "assign", {}, desk);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ticket.assignee, "c");  // off duty, but this strategy does not mind
  // Not b (garage only), not d (a guard); c with duty false.
  EXPECT_EQ(mine->offered(), (std::vector<DispatchCandidate>{{"a", true, 0, {}}, {"c", false, 0, {}}}));
  EXPECT_EQ(engine.history(first->id).back().input.at("assignment_reason"), Value("the last of 2"));
  // c is at the cap of 1 now: only a is offered.
  const auto second = engine.create("chores", {{"area", Value("lobby")}}, desk);
  EXPECT_EQ(engine.fire(second->id, "assign", {}, desk)->ticket.assignee, "a");
  EXPECT_EQ(mine->offered().size(), 1u);
}

// A strategy that breaks its contract: throws, or answers an index that is not there.
class Broken final : public DispatchStrategy {
 public:
  explicit Broken(bool throws) : throws_(throws) {}
  [[nodiscard]] std::string_view name() const override { return throws_ ? "throwing" : "out_of_range"; }
  DispatchChoice choose(const Ticket&, std::span<const DispatchCandidate> candidates) override {
    if (throws_) throw std::runtime_error("the roster service is down");
    return {candidates.size() + 3, "whoever"};
  }

 private:
  bool throws_;
};

TEST(DispatchStrategyNames, AStrategyThatBreaksItsContractChoosesNobody) {
  const Actor desk{"desk", "cleaner"};
  std::vector<std::string> got;
  for (const bool throws : {true, false}) {
    auto broken = std::make_shared<Broken>(throws);
    EngineOptions options;
    options.clock = std::make_shared<ManualClock>(kThursday9);
    options.dispatch_strategies = {broken};
    options.staff.people = {member("a", {"cleaner"}, {})};
    Engine engine(std::make_shared<MemoryStore>(), std::move(options));
    const WorkflowFile file(chores(std::string(broken->name())));
    ASSERT_FALSE(has_errors(engine.load_workflow_file(file.path())));
    const auto t = engine.create("chores", {{"area", Value("lobby")}}, desk);
    const auto r = engine.fire(t->id, "assign", {}, desk);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.rejection().reason, Rejection::Reason::kNobodyEligible);
    got.push_back(r.rejection().message);
    EXPECT_EQ(engine.get(t->id)->state, "open");
  }
  EXPECT_EQ(got, (std::vector<std::string>{"strategy 'throwing' failed: the roster service is down",
                                           "strategy 'out_of_range' chose candidate 4 of 1"}));
}

// --- threads dispatching at once ------------------------------------------------------------

class DispatchConcurrency : public testing::TestWithParam<bool> {};

TEST_P(DispatchConcurrency, ThreadsAtOnceNeverExceedACap) {
  const bool sqlite = GetParam();
  const auto dir = std::filesystem::temp_directory_path() /
                   ("propdesk-dispatch-threads-" + std::to_string(::getpid()) + (sqlite ? "-sqlite" : "-memory"));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::shared_ptr<Store> store;
  if (sqlite) {
    store = std::make_shared<SqliteStore>(dir / "desk.db");
  } else {
    store = std::make_shared<MemoryStore>();
  }
  EngineOptions options = shipped_engine_options(std::make_shared<ManualClock>(kThursday9));
  options.staff.max_open = 2;
  options.staff.people = {member("wangshifu", {"repairer"}, {"plumbing"}), member("lishifu", {"repairer"}, {}),
                          member("zhaoshifu", {"repairer"}, {"plumbing"})};
  Engine engine(store, std::move(options));
  ASSERT_FALSE(has_errors(engine.load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml")));
  const Actor desk{"xiaoliu", "front_desk"};
  constexpr int kThreads = 6;
  constexpr int kEach = 4;
  std::vector<TicketId> tickets;
  for (int i = 0; i < kThreads * kEach; ++i) tickets.push_back(engine.create("repair", repair_fields("plumbing"), desk)->id);

  // Four threads auto-dispatch, two repairers grab, all at once, on different tickets.
  std::atomic<int> ok{0};
  std::atomic<int> nobody{0};
  std::atomic<int> other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      for (int k = 0; k < kEach; ++k) {
        const TicketId id = tickets[static_cast<std::size_t>(i * kEach + k)];
        const auto r = i < 4 ? engine.fire(id, "auto_dispatch", {}, desk)
                             : engine.fire(id, "grab", {}, Actor{i == 4 ? "lishifu" : "wangshifu", "repairer"});
        if (r.ok()) {
          ++ok;
        } else if (r.rejection().reason == Rejection::Reason::kNobodyEligible) {
          ++nobody;
        } else {
          ++other;
        }
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  EXPECT_EQ(ok.load(), 6);  // three people, two places each: every place taken, none twice
  EXPECT_EQ(nobody.load(), kThreads * kEach - 6);
  EXPECT_EQ(other.load(), 0);
  std::map<std::string, int> load;
  for (const TicketId id : tickets) {
    const Ticket t = *engine.get(id);
    if (!t.assignee.empty()) ++load[t.assignee];
  }
  EXPECT_EQ(load, (std::map<std::string, int>{{"lishifu", 2}, {"wangshifu", 2}, {"zhaoshifu", 2}}));
  EXPECT_TRUE(engine.verify().empty());
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

INSTANTIATE_TEST_SUITE_P(Stores, DispatchConcurrency, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool>& p) { return p.param ? "Sqlite" : "Memory"; });

}  // namespace
}  // namespace propdesk
