// Raising a ticket to major when its workflow's severity rule says so (see
// propdesk/escalation_rule.hpp): a journal entry of its own (severity_raised, by the system, with
// the rule's reason), the clocks moved to the major targets in the same commit.
#include "propdesk/journal.hpp"
#include "engine/loaded_workflow.hpp"
#include "engine/sla_entries.hpp"
#include "engine/store_rule_context.hpp"
#include "engine/ticket_cache.hpp"
#include "engine/timer_merge.hpp"
#include "propdesk/engine.hpp"

namespace propdesk {

namespace {
constexpr std::string_view kMajor = "major";
}

bool Engine::apply_severity_rule(TicketId id, TimePoint at) {
  // A ticket's workflow version never changes, so a ticket this engine knows needs no read to
  // learn that its workflow has no severity rule.
  if (const auto known = tickets_->find(id)) {
    const auto lw = loaded(known->workflow, known->workflow_version);
    if (lw && !lw->severity_rule) return false;
  }
  for (int attempt = 0; attempt <= kMaxConflictRetries; ++attempt) {
    const std::optional<Ticket> stored = store_->get(id);
    if (!stored || stored->severity == kMajor) return false;
    const auto lw = loaded(stored->workflow, stored->workflow_version);
    if (!lw || !lw->severity_rule) return false;
    SeverityVerdict verdict;
    try {
      verdict = lw->severity_rule->classify(*stored, StoreRuleContext(*store_, at));
    } catch (...) {
      return false;  // a rule must not throw; one that does cannot make a ticket major
    }
    if (!verdict.major) return false;

    // Deadlines passed and not yet journaled come first, as for any change.
    Ticket base = *stored;
    std::int64_t version = stored->version;
    TimerChanges timers;
    std::vector<SlaEntry> passed = take_sla_entries(*lw, base, version, at, stored->updated_at, timers);
    Update item;
    item.ticket = base;
    item.ticket.severity = std::string(kMajor);
    item.ticket.updated_at = std::max(at, base.updated_at);
    SlaTracker::Update clocks = lw->sla.update(&base, item.ticket, item.ticket.updated_at);
    std::vector<SlaEntry> late = overdue_sla_entries(*lw, base, version, clocks.overdue, base.updated_at);
    passed.insert(passed.end(), std::make_move_iterator(late.begin()), std::make_move_iterator(late.end()));
    merge_timer_changes(timers, clocks.timers);
    item.timers = std::move(timers);
    item.expected_version = version;
    item.entry.at = item.ticket.updated_at;
    item.entry.actor = Actor{std::string(kSystemActor), std::string(kSystemActor)};
    item.entry.event = std::string(kSeverityRaisedEvent);
    item.entry.from_state = stored->state;
    item.entry.to_state = stored->state;
    item.entry.input = {{"severity", Value(std::string(kMajor))},
                        {"rule", Value(std::string(lw->severity_rule->name()))},
                        {"reason", Value(verdict.reason)}};
    std::vector<Update> items;
    for (SlaEntry& e : passed) items.push_back(std::move(e.item));
    items.push_back(std::move(item));
    bool conflict = false;
    bool refused = false;
    for (const CommitOutcome& outcome : store_->commit({}, items)) {
      conflict |= outcome.status == CommitOutcome::Status::kConflict;
      refused |= outcome.status == CommitOutcome::Status::kRejected;
    }
    if (conflict) continue;
    if (refused) return false;
    const Update& raised = items.back();
    tickets_->remember(raised.ticket);
    emit_sla_entries(passed, items);
    TicketEvent note;
    note.kind = TicketEvent::Kind::kSeverityRaised;
    note.ticket = raised.ticket;
    note.event = raised.entry.event;
    note.from_state = stored->state;
    note.actor = raised.entry.actor;
    note.reason = verdict.reason;
    bus_.emit(note);
    AdvanceReport ignored;
    (void)fire_sla_steps(id, passed, ignored);
    return true;
  }
  return false;
}

}  // namespace propdesk
