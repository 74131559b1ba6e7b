// The repair workflow (workflows/repair.yaml) written by hand as a Boost.MSM state machine, for
// dispatch_bench. Compiled as C++17: see dispatch_bench_msm.hpp.
#include "dispatch_bench_msm.hpp"

#include <boost/mpl/vector/vector50.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/state_machine_def.hpp>

namespace propdesk_bench {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;

// Events; the ratings carry their input.
struct Dispatch {};
struct Grab {};
struct Accept {};
struct Transfer {};
struct Return {};
struct Hold {};
struct Resume {};
struct Complete {};
struct Pay {};
struct Rate {
  int satisfaction;
};
struct CallBack {
  int satisfaction;
};
struct ScheduleCallback {};
struct Urge {};
struct MarkUrgent {};
struct AddNote {};
struct Cancel {};
struct ForceClose {};

// The ticket fields the guards read.
struct TicketFields {
  bool paid = false;
  bool reopened = false;
};

struct RepairDef : msm::front::state_machine_def<RepairDef> {
  // The fastest usual configuration: no exceptions caught, no queue for events fired from actions.
  using no_exception_thrown = int;
  using no_message_queue = int;

  struct Reported : msm::front::state<> {};
  struct Dispatched : msm::front::state<> {};
  struct InProgress : msm::front::state<> {};
  struct OnHold : msm::front::state<> {};
  struct AwaitingPayment : msm::front::state<> {};
  struct AwaitingRating : msm::front::state<> {};
  struct Callback : msm::front::state<> {};
  struct Closed : msm::front::state<> {};
  struct Cancelled : msm::front::state<> {};
  using initial_state = Reported;

  // Guards. Paid work goes through payment unless it is rework after a reopen.
  bool paid_first_time(const Complete& /*event*/) { return fields.paid && !fields.reopened; }
  bool unsatisfied_rating(const Rate& e) { return e.satisfaction < 3; }
  bool unsatisfied_call(const CallBack& e) { return e.satisfaction < 3; }

  using D = RepairDef;
  // MSM tries the rows of one (state, event) from the bottom up: each guarded row comes after its
  // unguarded fallback. The two `pay` transitions of the workflow differ only in what input they
  // require, and the system's timed `rate` goes where the resident's does: one row each. Roles
  // are not modelled (propdesk's selection tests a role bit mask as well).
  // clang-format off
  struct transition_table : mpl::vector47<
      //     Start            Event             Next
      _row  <Reported,        Dispatch,         Dispatched>,
      _row  <Reported,        Grab,             InProgress>,
      _row  <Dispatched,      Accept,           InProgress>,
      _row  <Dispatched,      Transfer,         Dispatched>,
      _row  <InProgress,      Transfer,         Dispatched>,
      _row  <Dispatched,      Return,           Reported>,
      _row  <InProgress,      Return,           Reported>,
      _row  <InProgress,      Hold,             OnHold>,
      _row  <OnHold,          Resume,           InProgress>,
      _row  <InProgress,      Complete,         AwaitingRating>,
      g_row <InProgress,      Complete,         AwaitingPayment, &D::paid_first_time>,
      _row  <AwaitingPayment, Pay,              AwaitingRating>,
      _row  <AwaitingRating,  Rate,             Callback>,
      g_row <AwaitingRating,  Rate,             Dispatched,      &D::unsatisfied_rating>,
      _row  <AwaitingRating,  CallBack,         Closed>,
      g_row <AwaitingRating,  CallBack,         Dispatched,      &D::unsatisfied_call>,
      _row  <Callback,        CallBack,         Closed>,
      g_row <Callback,        CallBack,         Dispatched,      &D::unsatisfied_call>,
      _irow <AwaitingRating,  ScheduleCallback>,
      _irow <Callback,        ScheduleCallback>,
      _irow <Reported,        Urge>,
      _irow <Dispatched,      Urge>,
      _irow <InProgress,      Urge>,
      _irow <OnHold,          Urge>,
      _irow <Reported,        MarkUrgent>,
      _irow <Dispatched,      MarkUrgent>,
      _irow <InProgress,      MarkUrgent>,
      _irow <OnHold,          MarkUrgent>,
      _irow <AwaitingPayment, MarkUrgent>,
      _irow <AwaitingRating,  MarkUrgent>,
      _irow <Callback,        MarkUrgent>,
      _irow <Reported,        AddNote>,
      _irow <Dispatched,      AddNote>,
      _irow <InProgress,      AddNote>,
      _irow <OnHold,          AddNote>,
      _irow <AwaitingPayment, AddNote>,
      _irow <AwaitingRating,  AddNote>,
      _irow <Callback,        AddNote>,
      _row  <Reported,        Cancel,           Cancelled>,
      _row  <Dispatched,      Cancel,           Cancelled>,
      _row  <Reported,        ForceClose,       Closed>,
      _row  <Dispatched,      ForceClose,       Closed>,
      _row  <InProgress,      ForceClose,       Closed>,
      _row  <OnHold,          ForceClose,       Closed>,
      _row  <AwaitingPayment, ForceClose,       Closed>,
      _row  <AwaitingRating,  ForceClose,       Closed>,
      _row  <Callback,        ForceClose,       Closed>
  > {};
  // clang-format on

  template <class Fsm, class Event>
  void no_transition(const Event& /*event*/, Fsm& /*fsm*/, int /*state*/) {
    ++rejected;
  }

  TicketFields fields;
  std::int64_t rejected = 0;
};

using RepairMachine = msm::back::state_machine<RepairDef>;

template <class State>
int state_id() {
  return msm::back::get_state_id<RepairMachine::stt, State>::value;
}

// Drives the cycle once; `after` sees the machine after each event with the expected state id.
template <class After>
void play_cycle(RepairMachine& m, const MsmCycleInput& in, After&& after) {
  using D = RepairDef;
  m.process_event(Dispatch{});
  after(m, state_id<D::Dispatched>());
  m.process_event(Accept{});
  after(m, state_id<D::InProgress>());
  m.process_event(Hold{});
  after(m, state_id<D::OnHold>());
  m.process_event(Resume{});
  after(m, state_id<D::InProgress>());
  m.process_event(Complete{});
  after(m, state_id<D::AwaitingRating>());
  m.process_event(Rate{in.unsatisfied_rating});
  after(m, state_id<D::Dispatched>());
  m.process_event(Accept{});
  after(m, state_id<D::InProgress>());
  m.process_event(Complete{});
  after(m, state_id<D::AwaitingRating>());
  m.process_event(Rate{in.fair_rating});
  after(m, state_id<D::Callback>());
  m.process_event(CallBack{in.unsatisfied_call});
  after(m, state_id<D::Dispatched>());
  m.process_event(Return{});
  after(m, state_id<D::Reported>());
}

}  // namespace

struct MsmRepair::Impl {
  RepairMachine machine;
};

MsmRepair::MsmRepair() : impl_(std::make_unique<Impl>()) { impl_->machine.start(); }

MsmRepair::~MsmRepair() = default;

void MsmRepair::run_cycle(const MsmCycleInput& input) {
  play_cycle(impl_->machine, input, [](const RepairMachine& /*m*/, int /*expected*/) {});
}

std::int64_t MsmRepair::rejected() const { return impl_->machine.rejected; }

std::string MsmRepair::check() {
  RepairMachine m;
  m.start();
  int step = 0;
  std::string problem;
  play_cycle(m, MsmCycleInput{}, [&](const RepairMachine& machine, int expected) {
    ++step;
    if (problem.empty() && machine.current_state()[0] != expected)
      problem = "the machine leaves the cycle at event " + std::to_string(step);
  });
  if (problem.empty() && m.rejected != 0) problem = "the machine rejects an event of the cycle";
  if (!problem.empty()) return problem;

  RepairMachine paid;
  paid.start();
  paid.fields.paid = true;
  paid.process_event(Dispatch{});
  paid.process_event(Accept{});
  paid.process_event(Complete{});
  if (paid.current_state()[0] != state_id<RepairDef::AwaitingPayment>())
    return "the guarded paid branch of `complete` does not win when it holds";
  return {};
}

}  // namespace propdesk_bench
