// The engine: the path of one event, top to bottom (see propdesk/engine.hpp).
#include "propdesk/journal.hpp"
#include "propdesk/engine.hpp"

#include <algorithm>
#include <functional>
#include <mutex>
#include <stdexcept>

#include "engine/field_input.hpp"
#include "engine/loaded_workflow.hpp"
#include "engine/notification_queue.hpp"
#include "engine/open_orders.hpp"
#include "engine/sla_entries.hpp"
#include "engine/staff_dispatch.hpp"
#include "engine/staff_roster.hpp"
#include "engine/ticket_cache.hpp"
#include "engine/ticket_fields.hpp"
#include "engine/timed_transitions.hpp"
#include "engine/timer_merge.hpp"
#include "engine/transition_selector.hpp"
#include "propdesk/workflow_loader.hpp"
#include "propdesk/workflow_validator.hpp"
#include "workflow/suggestion.hpp"

namespace propdesk {

namespace {

// The values conditions see, by field id: the ticket's fields overlaid with the input, plus the
// built-ins kept as ticket members.
class FieldView {
 public:
  FieldView(const Workflow& w, const Ticket& t, const Fields& input)
      : severity_(t.severity), assignee_(t.assignee.empty() ? Value() : Value(t.assignee)) {
    values_.resize(w.fields().size(), nullptr);
    for (FieldId id = 0; id < values_.size(); ++id) {
      const std::string& name = w.field(id).name;
      if (auto it = input.find(name); it != input.end()) {
        values_[id] = &it->second;
      } else if (id == w.severity_field()) {
        values_[id] = &severity_;
      } else if (id == w.assignee_field()) {
        values_[id] = assignee_.is_null() ? nullptr : &assignee_;
      } else if (auto f = t.fields.find(name); f != t.fields.end()) {
        values_[id] = &f->second;
      }
    }
  }
  const Value* operator()(FieldId id) const { return id < values_.size() ? values_[id] : nullptr; }

 private:
  Value severity_;
  Value assignee_;
  std::vector<const Value*> values_;
};

// Chooses the assignee of an `{assign: {strategy: ...}}` on the ticket as changed so far (empty for
// a transition that assigns by no strategy: apply_actions() then never calls it).
using Dispatch = std::function<Result<Assignment>(const AssignAction&, const Ticket&)>;

// Step 4: the transition's actions on the copy, in order; notifications are collected for the
// caller, a strategy's choice goes to `assigned`. A strategy that finds nobody rejects the fire.
std::optional<Rejection> apply_actions(const Workflow& w, const Transition& tr, const Actor& actor, Ticket& t,
                                       std::vector<NotificationRequest>& notes, const Dispatch& dispatch,
                                       std::optional<Assignment>& assigned) {
  for (const Action& a : tr.actions) {
    if (const auto* set = std::get_if<SetFieldsAction>(&a.what)) {
      for (const auto& [id, value] : set->assignments) put_field(t, w.field(id).name, value);
    } else if (const auto* unset = std::get_if<UnsetFieldsAction>(&a.what)) {
      for (FieldId id : unset->fields) put_field(t, w.field(id).name, Value());
    } else if (const auto* assign = std::get_if<AssignAction>(&a.what)) {
      switch (assign->from) {
        case AssignAction::From::kActor: t.assignee = actor.id; break;
        case AssignAction::From::kNone: t.assignee.clear(); break;
        case AssignAction::From::kField: put_field(t, "assignee", read_field(t, w.field(assign->field).name)); break;
        case AssignAction::From::kStrategy: {
          Result<Assignment> chosen = dispatch(*assign, t);
          if (!chosen.ok()) return chosen.rejection();
          t.assignee = chosen.value().assignee;
          assigned = std::move(chosen.value());
          break;
        }
      }
    } else if (const auto* notify = std::get_if<NotifyAction>(&a.what)) {
      NotificationRequest n;
      n.to_role = notify->to_role;
      if (notify->to_role) {
        n.to = w.role(notify->role).name;
      } else if (const Value person = read_field(t, w.field(notify->field).name); !person.is_null()) {
        n.to = person.to_string();  // an unset field leaves nobody ("")
      }
      n.template_name = notify->template_name;
      notes.push_back(std::move(n));
    }
  }
  return std::nullopt;
}

// Whether a transition lets a strategy choose the assignee (and so holds the assignment lock).
bool dispatches(const Transition& tr) {
  return std::any_of(tr.actions.begin(), tr.actions.end(), [](const Action& a) {
    const auto* assign = std::get_if<AssignAction>(&a.what);
    return assign != nullptr && assign->from == AssignAction::From::kStrategy;
  });
}

// What the journal entry of a dispatched change records besides the input.
void journal_assignment(const Assignment& a, Fields& entry_input) {
  entry_input["assignee"] = Value(a.assignee);
  entry_input[std::string(kAssignedByInput)] = Value(a.strategy);
  entry_input[std::string(kAssignmentReasonInput)] = Value(a.reason);
}

Rejection rejection(Rejection::Reason reason, std::string message, std::string field = {}) {
  return Rejection{reason, std::move(message), std::move(field), {}};
}

TicketEvent ticket_event(TicketEvent::Kind kind, const Ticket& ticket, const std::string& event,
                         const std::string& from_state, const Actor& actor) {
  TicketEvent e;
  e.kind = kind;
  e.ticket = ticket;
  e.event = event;
  e.from_state = from_state;
  e.actor = actor;
  return e;
}

// Whether a change sets a timer that is already due (so the engine acts on it at once).
bool any_due(const TimerChanges& timers, TimePoint now) {
  for (const Timer& t : timers.schedule)
    if (t.due <= now) return true;
  return false;
}

}  // namespace

std::string_view to_string(Rejection::Reason reason) {
  switch (reason) {
    case Rejection::Reason::kUnknownTicket: return "unknown-ticket";
    case Rejection::Reason::kUnknownWorkflow: return "unknown-workflow";
    case Rejection::Reason::kUnknownEvent: return "unknown-event";
    case Rejection::Reason::kWrongState: return "wrong-state";
    case Rejection::Reason::kRoleNotPermitted: return "role-not-permitted";
    case Rejection::Reason::kMissingInput: return "missing-input";
    case Rejection::Reason::kConditionFailed: return "condition-failed";
    case Rejection::Reason::kInvalidInput: return "invalid-input";
    case Rejection::Reason::kConflict: return "conflict";
    case Rejection::Reason::kStoreRefused: return "store-refused";
    case Rejection::Reason::kNobodyEligible: return "nobody-eligible";
  }
  return "?";
}

namespace {
EngineOptions with_clock(std::shared_ptr<const Clock> clock) {
  EngineOptions options;
  options.clock = std::move(clock);
  return options;
}
}  // namespace

Engine::Engine(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock)
    : Engine(std::move(store), with_clock(std::move(clock))) {}

Engine::Engine(std::shared_ptr<Store> store, EngineOptions options)
    : store_(std::move(store)),
      clock_(options.clock ? std::move(options.clock) : std::make_shared<SystemClock>()),
      calendars_(std::move(options.calendars)),
      notifications_(std::make_shared<const NotificationQueue>(std::move(options.notifications))),
      tickets_(std::make_unique<TicketCache>(options.ticket_cache_capacity)),
      save_workflows_(options.save_workflows) {
  if (!store_) throw std::invalid_argument("Engine needs a store");
  for (auto& rule : options.severity_rules) {
    if (!rule) throw std::invalid_argument("Engine: a null severity rule");
    const std::string name(rule->name());
    if (!severity_rules_.emplace(name, std::move(rule)).second)
      throw std::invalid_argument("Engine: two severity rules are named '" + name + "'");
  }
  for (auto& strategy : options.dispatch_strategies) {
    if (!strategy) throw std::invalid_argument("Engine: a null dispatch strategy");
    const std::string name(strategy->name());
    if (!dispatch_strategies_.emplace(name, std::move(strategy)).second)
      throw std::invalid_argument("Engine: two dispatch strategies are named '" + name + "'");
  }
  staff_ = std::make_shared<const StaffRoster>(std::move(options.staff), calendars_);
  stored_workflow_diagnostics_ = load_stored_workflows();
}

Engine::~Engine() = default;

namespace {

std::string already_loaded(const Workflow& w) {
  return "workflow '" + w.name() + "' version " + std::to_string(w.version()) +
         " is already loaded";
}

// A workflow this engine cannot run, at the place in its file that says why (when known).
class SetupError : public std::invalid_argument {
 public:
  SetupError(SourceLocation where, const std::string& message)
      : std::invalid_argument(message), where_(std::move(where)) {}
  [[nodiscard]] const SourceLocation& where() const { return where_; }

 private:
  SourceLocation where_;
};

Diagnostic stored_workflow_error(const StoredWorkflow& s, std::string message) {
  return {DiagnosticSeverity::kError, {s.source_name, 0, 0}, "stored-workflow", std::move(message)};
}

}  // namespace

std::shared_ptr<const LoadedWorkflow> Engine::prepare(std::shared_ptr<const Workflow> workflow) const {
  std::shared_ptr<const EscalationRule> rule;
  if (const std::string& name = workflow->escalation().severity_rule; !name.empty()) {
    const auto it = severity_rules_.find(name);
    if (it == severity_rules_.end()) {
      std::vector<std::string> known;
      for (const auto& [known_name, r] : severity_rules_) known.push_back(known_name);
      throw std::invalid_argument(
          "workflow '" + workflow->name() + "' uses severity rule '" + name +
          "', which this engine does not have" + did_you_mean(name, known) +
          " (configure it under severity_rules in propdesk.yaml, or load a plugin that provides it)");
    }
    rule = it->second;
  }
  for (const Transition& tr : workflow->transitions()) {
    for (const Action& action : tr.actions) {
      const auto* assign = std::get_if<AssignAction>(&action.what);
      if (assign == nullptr || assign->from != AssignAction::From::kStrategy) continue;
      if (dispatch_strategies_.count(assign->strategy) != 0) continue;
      std::vector<std::string> known;
      for (const auto& [known_name, strategy] : dispatch_strategies_) known.push_back(known_name);
      throw SetupError(action.where, "workflow '" + workflow->name() + "': event '" + workflow->event(tr.event) +
                                         "' assigns by dispatch strategy '" + assign->strategy +
                                         "', which this engine does not have" +
                                         did_you_mean(assign->strategy, known) + " (load a plugin that provides it)");
    }
  }
  SlaTracker sla(workflow, calendars_);  // throws for a calendar the engine does not know
  return std::make_shared<const LoadedWorkflow>(
      LoadedWorkflow{std::move(workflow), std::move(sla), std::move(rule), notifications_});
}

bool Engine::insert_workflow(std::shared_ptr<const LoadedWorkflow> loaded) {
  std::unique_lock lock(workflows_mutex_);
  const Workflow& w = *loaded->workflow;
  return workflows_[w.name()].try_emplace(w.version(), std::move(loaded)).second;
}

std::shared_ptr<const LoadedWorkflow> Engine::loaded(std::string_view name, int version) const {
  std::shared_lock lock(workflows_mutex_);
  const auto it = workflows_.find(name);
  if (it == workflows_.end()) return nullptr;
  const auto v = it->second.find(version);
  return v == it->second.end() ? nullptr : v->second;
}

void Engine::add_workflow(std::shared_ptr<const Workflow> workflow) {
  if (!workflow) throw std::invalid_argument("add_workflow: null workflow");
  if (this->workflow(workflow->name(), workflow->version()))
    throw std::invalid_argument(already_loaded(*workflow));
  auto ready = prepare(workflow);  // refuses before anything is saved
  // Saved before it is usable here: no ticket can be created on a version that a later process
  // could not compile again.
  if (save_workflows_ && !workflow->source_text().empty()) {
    const WorkflowSaveOutcome saved = store_->save_workflow(
        StoredWorkflow{workflow->name(), workflow->version(), workflow->where().file,
                       workflow->source_text(), workflow->source_hash(), clock_->now()});
    if (!saved.ok()) throw std::invalid_argument(saved.message);
  }
  if (!insert_workflow(std::move(ready))) throw std::invalid_argument(already_loaded(*workflow));
}

std::vector<Diagnostic> Engine::load_workflow_file(const std::filesystem::path& path) {
  LoadResult loaded = propdesk::load_workflow_file(path);
  std::vector<Diagnostic> findings = std::move(loaded.diagnostics);
  if (!loaded.ok()) return findings;
  const Workflow& w = *loaded.workflow;
  const auto version_conflict = [&](std::string message) {
    findings.push_back({DiagnosticSeverity::kError, {path.string(), 0, 0}, "version-conflict",
                        std::move(message)});
  };
  if (auto existing = workflow(w.name(), w.version())) {
    // Loaded already, usually from the store at construction: the same text is that version
    // again; other text under the same version would silently change the rules of its tickets.
    if (!existing->source_hash().empty() && existing->source_hash() == w.source_hash())
      return findings;
    version_conflict(existing->source_text().empty()
                         ? already_loaded(w)
                         : "workflow '" + w.name() + "' version " + std::to_string(w.version()) +
                               " is already stored with different content; give the changed "
                               "workflow a new version");
    return findings;
  }
  auto more = validate_workflow(w);
  findings.insert(findings.end(), more.begin(), more.end());
  if (has_errors(findings)) return findings;
  try {
    (void)prepare(loaded.workflow);
  } catch (const SetupError& e) {
    findings.push_back({DiagnosticSeverity::kError, e.where(), "engine-setup", e.what()});
    return findings;
  } catch (const std::invalid_argument& e) {
    findings.push_back({DiagnosticSeverity::kError, {path.string(), 0, 0}, "engine-setup", e.what()});
    return findings;
  }
  try {
    add_workflow(loaded.workflow);
  } catch (const std::invalid_argument& e) {
    version_conflict(e.what());  // stored or loaded meanwhile, by another thread or process
  }
  return findings;
}

std::vector<Diagnostic> Engine::load_stored_workflows() {
  std::vector<Diagnostic> findings;
  for (const StoredWorkflow& s : store_->workflows()) {
    if (workflow(s.name, s.version)) continue;
    LoadResult loaded = load_workflow_string(s.source_text, s.source_name);
    const std::string what = "stored workflow '" + s.name + "' version " +
                             std::to_string(s.version);
    if (!loaded.ok()) {
      findings.insert(findings.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
      findings.push_back(stored_workflow_error(
          s, what + " does not compile; its tickets cannot be worked until it does"));
      continue;
    }
    if (loaded.workflow->name() != s.name || loaded.workflow->version() != s.version) {
      findings.push_back(stored_workflow_error(
          s, what + " is the text of '" + loaded.workflow->name() + "' version " +
                 std::to_string(loaded.workflow->version()) + "; left out"));
      continue;
    }
    try {
      insert_workflow(prepare(loaded.workflow));  // false: another thread was quicker
    } catch (const std::invalid_argument& e) {
      findings.push_back(stored_workflow_error(
          s, what + " cannot run in this engine: " + e.what() +
                 "; its tickets cannot be worked until it can"));
    }
  }
  return findings;
}

std::shared_ptr<const Workflow> Engine::workflow(std::string_view name, std::optional<int> version) const {
  std::shared_lock lock(workflows_mutex_);
  auto it = workflows_.find(name);
  if (it == workflows_.end() || it->second.empty()) return nullptr;
  if (!version) return it->second.rbegin()->second->workflow;
  auto v = it->second.find(*version);
  return v == it->second.end() ? nullptr : v->second->workflow;
}

std::vector<std::string> Engine::workflow_names() const {
  std::shared_lock lock(workflows_mutex_);
  std::vector<std::string> out;
  for (const auto& [name, versions] : workflows_) out.push_back(name);
  return out;
}

Result<Ticket> Engine::create(std::string_view workflow_name, Fields fields, const Actor& actor) {
  auto w = workflow(workflow_name);
  const auto lw = w ? loaded(w->name(), w->version()) : nullptr;
  if (!w || !lw) {
    return rejection(Rejection::Reason::kUnknownWorkflow,
                     "unknown workflow '" + std::string(workflow_name) + "'" +
                         did_you_mean(workflow_name, workflow_names()));
  }
  if (auto bad = check_input(*w, fields)) return *bad;
  if (auto bad = complete_for_creation(*w, fields)) return *bad;
  if (!w->find_role(actor.role)) {
    return rejection(Rejection::Reason::kRoleNotPermitted,
                     "'" + actor.role + "' is not a role of workflow '" + w->name() + "'");
  }
  const TimePoint now = clock_->now();
  NewTicket item;
  Ticket& t = item.ticket;
  t.workflow = w->name();
  t.workflow_version = w->version();
  t.state = w->state(w->initial_state()).name;
  t.created_at = now;
  t.updated_at = now;
  for (const auto& [name, value] : fields) put_field(t, name, value);
  item.code_prefix = w->prefix();
  item.entry.at = now;
  item.entry.actor = actor;
  item.entry.event = std::string(kCreateEvent);
  item.entry.to_state = t.state;
  item.entry.input = std::move(fields);
  // The clocks that start in the initial state, and the timers that watch them.
  item.timers = lw->sla.update(nullptr, t, now).timers;
  TimerChanges timed;
  schedule_timed_transitions(*w, std::nullopt, w->initial_state(), now, timed);
  merge_timer_changes(item.timers, timed);
  const bool timers_due = any_due(item.timers, now);
  CommitOutcome outcome = store_->create(item);
  if (!outcome.ok()) return rejection(Rejection::Reason::kStoreRefused, outcome.message);
  tickets_->remember(item.ticket);
  if (bus_.has_subscribers(TicketEvent::Kind::kCreated))
    bus_.emit(ticket_event(TicketEvent::Kind::kCreated, item.ticket, item.entry.event, "", actor));
  if (settle(item.ticket.id, now, timers_due)) {
    if (auto settled = store_->get(item.ticket.id)) {
      tickets_->remember(*settled);
      return std::move(*settled);
    }
  }
  return item.ticket;
}

Result<Transitioned> Engine::fire(TicketId id, std::string_view event, Fields input, const Actor& actor) {
  return fire_at(id, event, input, actor, clock_->now(), nullptr);
}

Result<Transitioned> Engine::fire_at(TicketId id, std::string_view event, const Fields& input,
                                     const Actor& actor, TimePoint at, const std::string* timer_key) {
  bool use_cache = true;
  for (int attempt = 0; attempt <= kMaxConflictRetries; ++attempt) {
    bool from_cache = false;
    bool conflict = false;
    Result<Transitioned> r =
        try_fire(id, event, input, actor, at, timer_key, use_cache, from_cache, conflict);
    // A cached ticket that led to a conflict is stale; one that led to a rejection may be: either
    // way the next attempt reads the store (a refusal by the store itself is not about staleness).
    const bool recheck =
        from_cache &&
        (conflict || (!r.ok() && r.rejection().reason != Rejection::Reason::kStoreRefused));
    if (recheck) {
      tickets_->forget(id);
      use_cache = false;
      continue;
    }
    if (!conflict) return r;
  }
  return rejection(Rejection::Reason::kConflict,
                   "ticket " + std::to_string(id) + " kept changing under concurrent updates; try again");
}

Result<Transitioned> Engine::try_fire(TicketId id, std::string_view event, const Fields& input,
                                      const Actor& actor, TimePoint at,
                                      const std::string* timer_key, bool use_cache,
                                      bool& from_cache, bool& conflict) {
  // 1. The ticket (as this engine last committed it, if cached) and its workflow version.
  std::shared_ptr<const Ticket> stored = use_cache ? tickets_->find(id) : nullptr;
  from_cache = stored != nullptr;
  if (!stored) {
    std::optional<Ticket> read = store_->get(id);
    if (read) stored = std::make_shared<const Ticket>(std::move(*read));
  }
  if (!stored) return rejection(Rejection::Reason::kUnknownTicket, "no ticket with id " + std::to_string(id));
  auto lw = loaded(stored->workflow, stored->workflow_version);
  if (!lw) {
    // Another engine on this store may have added the version since this one started.
    (void)load_stored_workflows();
    lw = loaded(stored->workflow, stored->workflow_version);
  }
  const Workflow* w = lw ? lw->workflow.get() : nullptr;
  if (!w) {
    return rejection(Rejection::Reason::kUnknownWorkflow,
                     "ticket " + stored->code + " is on workflow '" + stored->workflow + "' version " +
                         std::to_string(stored->workflow_version) + ", which is not loaded");
  }
  auto event_id = w->find_event(event);
  if (!event_id) {
    return rejection(Rejection::Reason::kUnknownEvent, "workflow '" + w->name() + "' has no event '" +
                                                           std::string(event) + "'" +
                                                           did_you_mean(event, {w->events().begin(), w->events().end()}));
  }
  auto state = w->find_state(stored->state);
  if (!state) {
    return rejection(Rejection::Reason::kUnknownWorkflow,
                     "ticket " + stored->code + " is in state '" + stored->state + "', unknown to its workflow");
  }
  if (auto bad = check_input(*w, input)) return *bad;

  // Deadlines the ticket passed before this event and that nobody has journaled yet (no
  // advance() ran in between) come first: the event sees the ticket as they left it.
  Ticket base = *stored;
  std::int64_t version = stored->version;
  TimerChanges timers;
  if (timer_key) timers.cancel.push_back(*timer_key);
  std::vector<SlaEntry> passed = take_sla_entries(*lw, base, version, at, stored->updated_at, timers);

  // 2-3. Which transition fires.
  const FieldView view(*w, base, input);
  auto selected = select_transition(*w, *state, *event_id, w->find_role(actor.role), view);
  if (!selected.ok()) return selected.rejection();
  const Transition& tr = *selected.value().transition;

  // 4. Required inputs, then input and actions applied to a copy.
  for (FieldId f : tr.required_inputs) {
    const std::string& name = w->field(f).name;
    auto it = input.find(name);
    if (it == input.end() || it->second.is_null()) {
      return rejection(Rejection::Reason::kMissingInput,
                       "event '" + std::string(event) + "' requires input '" + name + "'", name);
    }
  }
  Update item;
  item.ticket = base;
  Ticket& t = item.ticket;
  for (const auto& [name, value] : input) put_field(t, name, value);
  Transitioned done;
  // From counting open orders to the commit, no other strategy assigns anyone (engine.hpp). Only
  // a transition that assigns by strategy takes the lock and builds the strategy's call: the
  // others pay nothing for it.
  std::unique_lock assignment_lock(assignment_mutex_, std::defer_lock);
  Dispatch dispatch;
  if (dispatches(tr)) {
    assignment_lock.lock();
    dispatch = [&](const AssignAction& action, const Ticket& current) -> Result<Assignment> {
      const auto strategy = dispatch_strategies_.find(action.strategy);
      if (strategy == dispatch_strategies_.end())  // prepare() refused such workflows
        return rejection(Rejection::Reason::kNobodyEligible,
                         "unknown dispatch strategy '" + action.strategy + "'", "assignee");
      const std::vector<std::shared_ptr<const Workflow>> versions = loaded_versions();
      const OpenOrderCount open = [&](const std::string& person) {
        return count_open_orders(*store_, versions, person, id);
      };
      return choose_assignee(*staff_, *strategy->second, open,
                             DispatchRequest{*w, action, current, actor, at});
    };
  }
  std::optional<Assignment> assigned;
  if (auto refused = apply_actions(*w, tr, actor, t, done.notifications, dispatch, assigned)) return *refused;
  if (tr.to) t.state = w->state(*tr.to).name;
  t.updated_at = std::max(at, base.updated_at);  // a journal never goes back in time
  done.closed = tr.to && w->state(*tr.to).final;

  // Clocks and timers: what the change starts, stops, pauses or moves.
  SlaTracker::Update clocks = lw->sla.update(&base, t, t.updated_at);
  std::vector<SlaEntry> late = overdue_sla_entries(*lw, base, version, clocks.overdue, base.updated_at);
  passed.insert(passed.end(), std::make_move_iterator(late.begin()), std::make_move_iterator(late.end()));
  merge_timer_changes(timers, clocks.timers);
  if (tr.to) {
    TimerChanges timed;
    schedule_timed_transitions(*w, *state, *tr.to, t.updated_at, timed);
    merge_timer_changes(timers, timed);
  }
  if (done.closed) timers = TimerChanges{true, {}, {}};
  bool timers_due = any_due(timers, t.updated_at);
  item.timers = std::move(timers);
  // The notifications, rendered for the ticket as it will be committed, go with the change.
  if (lw->notifications->enabled() && !done.notifications.empty()) {
    Ticket committed = t;
    committed.version = version + 1;
    item.outbox = lw->notifications->messages(*w, committed, done.notifications,
                                              {std::string(event), actor, t.updated_at});
  }

  // 5. Commit against the version we read, after the deadlines' entries, in one call.
  item.expected_version = version;
  item.entry.at = t.updated_at;
  item.entry.actor = actor;
  item.entry.event = std::string(event);
  item.entry.from_state = stored->state;
  item.entry.to_state = t.state;
  item.entry.input = input;
  if (assigned) journal_assignment(*assigned, item.entry.input);
  std::vector<Update> items;
  items.reserve(passed.size() + 1);
  for (SlaEntry& e : passed) items.push_back(std::move(e.item));
  items.push_back(std::move(item));
  const std::vector<CommitOutcome> outcomes = store_->commit({}, items);
  if (assignment_lock.owns_lock()) assignment_lock.unlock();  // what follows may fire again
  for (const CommitOutcome& outcome : outcomes) {
    if (outcome.status == CommitOutcome::Status::kConflict) {
      conflict = true;
      return rejection(Rejection::Reason::kConflict, outcome.message);
    }
    if (!outcome.ok()) return rejection(Rejection::Reason::kStoreRefused, outcome.message);
  }

  // 6. Tell subscribers, after the commit.
  tickets_->remember(items.back().ticket);
  emit_sla_entries(passed, items);
  done.ticket = std::move(items.back().ticket);
  done.event = std::string(event);
  done.transition = tr.label;
  done.from_state = stored->state;
  done.to_state = done.ticket.state;
  // The event (a copy of the ticket) is built only for someone to hear it.
  const bool transitioned = bus_.has_subscribers(TicketEvent::Kind::kTransitioned);
  const bool closed = done.closed && bus_.has_subscribers(TicketEvent::Kind::kClosed);
  if (transitioned || closed) {
    TicketEvent note =
        ticket_event(TicketEvent::Kind::kTransitioned, done.ticket, done.event, done.from_state, actor);
    note.notifications = done.notifications;
    note.transition = done.transition;
    if (transitioned) bus_.emit(note);
    if (closed) {
      note.kind = TicketEvent::Kind::kClosed;
      bus_.emit(note);
    }
  }
  AdvanceReport ignored;
  if (fire_sla_steps(id, passed, ignored)) timers_due = true;
  if (!done.closed && settle(id, done.ticket.updated_at, timers_due)) {
    if (auto settled = store_->get(id)) {
      tickets_->remember(*settled);
      done.ticket = std::move(*settled);
    }
  }
  return done;
}

std::vector<std::shared_ptr<const Workflow>> Engine::loaded_versions() const {
  std::shared_lock lock(workflows_mutex_);
  std::vector<std::shared_ptr<const Workflow>> versions;
  for (const auto& [name, by_version] : workflows_)
    for (const auto& [version, lw] : by_version) versions.push_back(lw->workflow);
  return versions;
}

std::optional<Ticket> Engine::get(TicketId id) const { return store_->get(id); }
std::optional<Ticket> Engine::find(std::string_view code) const { return store_->find(code); }
std::vector<Ticket> Engine::query(const TicketQuery& q) const { return store_->query(q); }
std::vector<JournalEntry> Engine::history(TicketId id) const { return store_->history(id); }
std::vector<JournalProblem> Engine::verify() const { return store_->verify_all(); }

std::vector<std::string> Engine::available_events(const Ticket& ticket, std::string_view role) const {
  std::vector<std::string> out;
  auto w = workflow(ticket.workflow, ticket.workflow_version);
  if (!w) return out;
  auto state = w->find_state(ticket.state);
  auto role_id = w->find_role(role);
  if (!state || !role_id) return out;
  for (EventId e : w->events_from(*state)) {
    for (auto index : w->candidates(*state, e)) {
      if (w->transitions()[index].admits(*role_id)) {
        out.push_back(w->event(e));
        break;
      }
    }
  }
  return out;
}

}  // namespace propdesk
