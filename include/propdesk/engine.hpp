// propdesk/engine.hpp: create tickets and fire events on them.
//
// The path of one event (engine.fire(id, "dispatch", input, actor)), in src/engine/engine.cpp:
//   1. load the ticket: as this engine last committed it, if it is in the engine's ticket cache
//      (EngineOptions::ticket_cache_capacity), else from the store
//   2. look up (state, event) in the ticket's workflow version: candidate transitions in file order
//   3. the first candidate whose roles admit the actor and whose `when` holds on fields + input
//      wins; none: a Rejection that says why
//   4. check the winner's required inputs, then apply input and actions to a copy
//   5. commit ticket + journal entry (+ timers + the notifications, rendered, in the outbox) in one
//      store transaction, checking the version it was read at
//      (on a conflict with a concurrent change, start again from 1, a bounded number of times)
//   6. after the commit, emit events on the bus
// Nothing is half-applied: a failed commit leaves the stored ticket as it was and emits nothing.
// A ticket taken from the cache may be stale (another engine or process changed it since): the
// commit's version check then reports a conflict, and the engine forgets the cached ticket and
// starts again from the store; a rejection reached from a cached ticket is likewise checked
// against the stored ticket before it is returned. So the cache changes no outcome, only how
// often the store is read.
//
// Thread safety: every member function may be called from any number of threads at once. Changes
// to one ticket are serialised by the store's version check (no update is lost; a fire that raced
// another is re-evaluated against the new state); changes to different tickets proceed in parallel
// and, with SqliteStore's group commit, share transactions. Workflows may be added while other
// threads fire events.
//
// Dispatch (`{assign: {strategy: ...}}`, see dispatch_strategy.hpp): within one Engine a strategy
// never gives a person more open orders than their cap. Changes whose transition assigns by a
// strategy (grab included) are serialised on one lock, held from counting the candidates' open
// orders in the store to the commit, so two fires at once cannot both take a person's last free
// place. Not guaranteed, and documented as best effort:
// - engines in several processes on one database do not share that lock: each counts what is
//   committed when it looks, so two processes dispatching in the same instant may put one order
//   too many on a person (the next dispatch sees the true count);
// - assignments by hand (an `assignee` in the input, `assign: actor` or a field) are not capped,
//   take no lock, and count once committed; one committed while a strategy is choosing is not
//   seen by that choice.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/builtin_dispatch_strategies.hpp"
#include "propdesk/calendar_set.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/diagnostic.hpp"
#include "propdesk/dispatch_strategy.hpp"
#include "propdesk/escalation_rule.hpp"
#include "propdesk/event_bus.hpp"
#include "propdesk/export.hpp"
#include "propdesk/journal.hpp"
#include "propdesk/notification_request.hpp"
#include "propdesk/notification_routing.hpp"
#include "propdesk/result.hpp"
#include "propdesk/staff.hpp"
#include "propdesk/store.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

struct LoadedWorkflow;
struct SlaEntry;
struct DueSla;
class NotificationQueue;
class StaffRoster;
class TicketCache;

/// What an engine is built with besides its store.
struct EngineOptions {
  /// Where "now" comes from (a SystemClock if null).
  std::shared_ptr<const Clock> clock;
  /// The business calendars clocks may name (`calendar: office`). A workflow whose clock names a
  /// calendar not in this set is refused.
  CalendarSet calendars;
  /// The severity rules workflows may name (`escalation: {severity_rule: NAME}`), by
  /// EscalationRule::name(). A workflow naming a rule not in this list is refused.
  std::vector<std::shared_ptr<const EscalationRule>> severity_rules;
  /// Which channels take which notifications, and how each renders them (the configuration's
  /// `notifiers:`). When set, every notification a change asks for (a transition's `notify`
  /// actions, an escalation step's `notify` roles) is rendered per channel and queued in the
  /// store's outbox in the same commit as the change (propdesk/outbox.hpp); a notification that
  /// no channel takes is queued as a dead letter saying so. Empty: nothing is queued. A routing
  /// that check_routing() refuses makes the constructor throw std::invalid_argument.
  NotificationRouting notifications;
  /// Whom dispatch strategies choose from (`staff:` in propdesk.yaml, engine_options() copies it).
  /// Shift calendars must be in `calendars`. Empty: strategies that choose among the staff find
  /// nobody, and grab makes the actor the assignee unchecked, as `{assign: actor}` does.
  StaffConfig staff;
  /// The dispatch strategies workflows may name (`{assign: {strategy: NAME}}`), by
  /// DispatchStrategy::name(): by default new built-in ones (round_robin, least_loaded, grab);
  /// PluginRegistry::dispatch_strategies() gives the built-ins and plugins' together. A workflow
  /// naming a strategy not in this list is refused.
  std::vector<std::shared_ptr<DispatchStrategy>> dispatch_strategies = builtin_dispatch_strategies();
  /// How many tickets the engine keeps as it last committed them (created, fired on, raised), so
  /// that the next event on one of them does not read it back from the store: the least recently
  /// used is dropped beyond this count, so memory stays bounded by it (a ticket is typically a
  /// few hundred bytes plus its fields' text). Reads through get(), find() and query() always go
  /// to the store. 0: no cache, every event reads the store. See the top of this file for why a
  /// stale cached ticket changes no outcome.
  std::size_t ticket_cache_capacity = 4096;
  /// Whether add_workflow() (and so load_workflow_file()) saves a workflow's source text in the
  /// store. false, for an engine that only reads (the CLI's reading verbs): a loaded workflow is
  /// kept in this engine only and the store is not written; a file whose version the store holds
  /// with different text is still refused.
  bool save_workflows = true;
};

/// What Engine::advance() did.
struct AdvanceReport {
  std::size_t timers = 0;       ///< timers acted on
  std::size_t transitions = 0;  ///< timed transitions (`after:`) and escalation `fire:` events fired
  std::size_t warnings = 0;     ///< sla_warning entries journaled
  std::size_t breaches = 0;     ///< sla_breached entries journaled
  std::size_t escalations = 0;  ///< escalation ladder steps run
  /// Timers that could not be acted on, one line each ("BX-20261126-0001: timed transition
  /// 'auto_close' was rejected: ..."); such a timer is removed so that it does not come back.
  std::vector<std::string> problems;
};

/// What a successful fire() did.
struct Transitioned {
  Ticket ticket;           ///< the ticket as committed (new state, version, fields)
  std::string event;
  /// The `label` of the transition that fired (e.g. "回访不满意"): which of the event's
  /// transitions it was when several share the event; empty when the workflow gives none.
  std::string transition;
  std::string from_state;
  std::string to_state;
  bool closed = false;     ///< the ticket entered a final state
  std::vector<NotificationRequest> notifications;
};

class PROPDESK_API Engine {
 public:
  /// The engine keeps tickets in `store` and reads the time from `clock` (a SystemClock if null).
  /// It starts with every workflow version kept in the store (load_stored_workflows()), so tickets
  /// created by earlier processes stay workable even when their workflow file has since been
  /// replaced by a newer version. A stored version that no longer compiles does not make the
  /// constructor throw: it is left out and reported in stored_workflow_diagnostics(). Throws
  /// StoreError if the store cannot be read.
  explicit Engine(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock = nullptr);
  /// The same, with calendars, severity rules, staff and dispatch strategies (see EngineOptions).
  /// Also throws std::invalid_argument for a null or twice-named rule or strategy, and for staff
  /// the configuration loader would refuse (a shift calendar not in `calendars`, a repeated id).
  Engine(std::shared_ptr<Store> store, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Makes a workflow available. Several versions of one workflow may be loaded: new tickets use
  /// the highest, existing tickets keep the version they were created with.
  ///
  /// A workflow with source text (every workflow the loader made) is first saved to the store
  /// (Store::save_workflow; unless EngineOptions::save_workflows is false), so that later engines
  /// on the same store can compile this version again; a workflow built in code (no source text) is kept in this engine only. Throws
  /// std::invalid_argument, adding nothing, if that name and version is already loaded here, or
  /// if the store holds that name and version with different text ("workflow 'repair' version 1
  /// is already stored with different content; give the changed workflow a new version"): a
  /// changed workflow needs a new version. Throws StoreError if the store fails.
  void add_workflow(std::shared_ptr<const Workflow> workflow);
  /// Loads, validates and adds a workflow file. Returns the diagnostics; the workflow is added
  /// only when there is no error (loader or validator). A file whose name and version is already
  /// loaded (typically from the store, at construction) with the same text is accepted and
  /// nothing is added; with different text it gets an error diagnostic at the file
  /// ("version-conflict", the add_workflow() message). Throws StoreError if the store fails.
  std::vector<Diagnostic> load_workflow_file(const std::filesystem::path& path);
  /// Compiles every workflow version kept in the store that this engine has not loaded yet (the
  /// constructor does this once; call it again to pick up versions other processes added since;
  /// fire() does so by itself when a ticket's version is missing). Stored versions were validated
  /// when first added and are only compiled here, so a stricter validator never strands tickets.
  /// Returns diagnostics for the versions that could not be compiled (left out). Throws
  /// StoreError if the store cannot be read.
  std::vector<Diagnostic> load_stored_workflows();
  /// The diagnostics of the constructor's load_stored_workflows(): empty when every stored
  /// workflow version compiled.
  [[nodiscard]] const std::vector<Diagnostic>& stored_workflow_diagnostics() const {
    return stored_workflow_diagnostics_;
  }
  /// The workflow of that name (highest version, or exactly `version`), or null.
  [[nodiscard]] std::shared_ptr<const Workflow> workflow(std::string_view name,
                                                         std::optional<int> version = std::nullopt) const;
  /// The names of the loaded workflows, sorted.
  [[nodiscard]] std::vector<std::string> workflow_names() const;

  /// Creates a ticket in the workflow's initial state. `fields` are checked against the workflow:
  /// unknown names, wrong types, enum values, ranges and lengths are rejected (kInvalidInput),
  /// required fields must be present, defaults are applied. The built-in fields `severity` and
  /// `assignee` may be given too. Throws StoreError if the store fails.
  Result<Ticket> create(std::string_view workflow, Fields fields, const Actor& actor);

  /// Fires `event` on a ticket with `input` as `actor` (see the path at the top of this file).
  /// An `{assign: {strategy: ...}}` action chooses the assignee among the eligible staff at this
  /// moment; when nobody is eligible the fire is rejected (kNobodyEligible, saying why) and
  /// nothing changes. The journal entry of a dispatched change records `assignee`, `assigned_by`
  /// and `assignment_reason` in its input (journal.hpp). Throws StoreError if the store fails.
  Result<Transitioned> fire(TicketId id, std::string_view event, Fields input, const Actor& actor);

  /// Acts on every timer due at or before `to`, in the order they fall due (across tickets):
  /// SLA warnings and breaches are journaled (events sla_warning, sla_breached; once per run of a
  /// clock, also across restarts), escalation ladder steps run (event escalation: notify, set,
  /// then fire as `system`), timed transitions (`after:`) fire as `system`. Each is journaled at
  /// the instant it fell due (never before the ticket's last change). Call it from a loop that
  /// sleeps until next_deadline() (TimerRunner does), or from a simulation after moving a
  /// ManualClock. Safe to call from several threads and processes at once: the store's version
  /// check keeps each crossing to one entry. The entries of due timers of different tickets are
  /// committed together (one Store::commit() per round of up to 128 timers, a ticket's later
  /// timers in a later round), each item version-checked on its own; an item that meets a
  /// conflict is redone alone from a fresh read. Bus events follow the commit. Timed transitions,
  /// ladder `fire:` events and severity raises commit one by one. Throws StoreError if the store
  /// fails (then the uncommitted round is left due).
  AdvanceReport advance(TimePoint to);
  /// advance(clock().now()).
  AdvanceReport advance() { return advance(clock_->now()); }
  /// When the earliest timer falls due, or nullopt when none is set.
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  /// The ticket's timers (for displays), by key.
  [[nodiscard]] std::vector<Timer> timers(TicketId id) const { return store_->timers(id); }

  /// Reads, straight from the store.
  [[nodiscard]] std::optional<Ticket> get(TicketId id) const;
  [[nodiscard]] std::optional<Ticket> find(std::string_view code) const;
  [[nodiscard]] std::vector<Ticket> query(const TicketQuery& query) const;
  [[nodiscard]] std::vector<JournalEntry> history(TicketId id) const;
  /// Verifies every journal in the store (see Store::verify_all).
  [[nodiscard]] std::vector<JournalProblem> verify() const;

  /// The events a role could try in the ticket's current state (for menus and hints).
  [[nodiscard]] std::vector<std::string> available_events(const Ticket& ticket, std::string_view role) const;

  [[nodiscard]] EventBus& events() { return bus_; }
  [[nodiscard]] Store& store() { return *store_; }
  [[nodiscard]] const Clock& clock() const { return *clock_; }
  [[nodiscard]] const CalendarSet& calendars() const { return calendars_; }

  /// How often fire() retries after a version conflict before giving up with kConflict.
  static constexpr int kMaxConflictRetries = 16;

 private:
  // What the engine runs a workflow with (its SLA tracker and severity rule); throws
  // std::invalid_argument naming an unknown calendar, rule or dispatch strategy.
  [[nodiscard]] std::shared_ptr<const LoadedWorkflow> prepare(std::shared_ptr<const Workflow> workflow) const;
  // Adds to workflows_ unless that name and version is there already (then returns false).
  bool insert_workflow(std::shared_ptr<const LoadedWorkflow> loaded);
  [[nodiscard]] std::shared_ptr<const LoadedWorkflow> loaded(std::string_view name, int version) const;

  // One attempt of fire_at(). `use_cache`: may start from the cached ticket; `from_cache` says
  // whether it did; `conflict`: the commit met a newer version (nothing was committed).
  Result<Transitioned> try_fire(TicketId id, std::string_view event, const Fields& input,
                                const Actor& actor, TimePoint at, const std::string* timer_key,
                                bool use_cache, bool& from_cache, bool& conflict);
  Result<Transitioned> fire_at(TicketId id, std::string_view event, const Fields& input, const Actor& actor,
                               TimePoint at, const std::string* timer_key);
  // After a committed change at `until`: raises the severity if the workflow's rule says major,
  // then, if the change set a timer already due (`timers_due`) or the severity rose, acts on the
  // ticket's timers due by `until` (e.g. "notify the manager at once"). True if it committed
  // anything.
  bool settle(TicketId id, TimePoint until, bool timers_due);
  // Raises a general ticket to major when its workflow's severity rule says so; true if it did.
  bool apply_severity_rule(TicketId id, TimePoint at);
  // Acts on one due timer (see advance()). False when the timer was left as it was, for later
  // (its workflow version is not loaded, or it kept conflicting); true when it was acted on,
  // moved or removed.
  // With `batch`, an SLA timer whose entries are ready is not committed but added to `batch`
  // (true is returned) for commit_due_batch().
  bool handle_timer(const Timer& timer, AdvanceReport& report, std::vector<DueSla>* batch = nullptr);
  // Commits the entries of `batch` (timers of different tickets) in one Store::commit() and
  // finishes each committed one; a conflicted one is redone alone by handle_timer(). Returns the
  // timers left for later.
  std::vector<Timer> commit_due_batch(std::vector<DueSla>& batch, AdvanceReport& report);
  // After the commit of `due`'s items, whose outcomes are `outcomes`: false on a conflict (nothing
  // of it done here); else drops the timer if the store refused an entry, or remembers the ticket,
  // emits and counts the entries and fires their steps. True when done.
  bool finish_due_sla(DueSla& due, std::span<const CommitOutcome> outcomes, AdvanceReport& report);
  // After SLA entries committed (`committed`: their items as stored): tells the bus and counts
  // them in `report`.
  void emit_sla_entries(std::vector<SlaEntry>& entries, const std::vector<Update>& committed,
                        AdvanceReport* report = nullptr);
  // Fires the `fire:` events of committed ladder steps, as the system; true if any fired.
  bool fire_sla_steps(TicketId id, const std::vector<SlaEntry>& entries, AdvanceReport& report);
  // Every loaded workflow version (open orders are counted on them).
  [[nodiscard]] std::vector<std::shared_ptr<const Workflow>> loaded_versions() const;

  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  CalendarSet calendars_;
  std::map<std::string, std::shared_ptr<const EscalationRule>, std::less<>> severity_rules_;
  std::shared_ptr<const NotificationQueue> notifications_;  // what changes queue in the outbox
  std::map<std::string, std::shared_ptr<DispatchStrategy>, std::less<>> dispatch_strategies_;
  std::shared_ptr<const StaffRoster> staff_;
  // Held by every change that assigns by strategy, from counting open orders to the commit (see
  // the top of this file).
  std::mutex assignment_mutex_;
  EventBus bus_;
  mutable std::shared_mutex workflows_mutex_;
  std::map<std::string, std::map<int, std::shared_ptr<const LoadedWorkflow>>, std::less<>> workflows_;
  std::vector<Diagnostic> stored_workflow_diagnostics_;  // set by the constructor only
  // Tickets as this engine last committed them (EngineOptions::ticket_cache_capacity).
  std::unique_ptr<TicketCache> tickets_;
  bool save_workflows_ = true;  // EngineOptions::save_workflows
};

}  // namespace propdesk
