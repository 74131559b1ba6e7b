// Hand-built data for the report tests: tickets committed straight into a MemoryStore (with their
// SLA clocks and journal entries as the engine would leave them), and the shipped workflows
// loaded from workflows/*.yaml, so that the reports are tested without the engine's timekeeping.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "propdesk/callback_report.hpp"
#include "propdesk/daily_report.hpp"
#include "propdesk/handover_report.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sla_report.hpp"
#include "propdesk/store.hpp"
#include "propdesk/workflow_loader.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace propdesk::report_testing {

/// An instant written as the desk reads it: "2026-11-26 09:00" is 09:00 at UTC+8.
inline TimePoint local(const char* text) { return parse_time(text).value(); }

/// Clock states as the engine keeps them.
inline SlaClockState running(const char* name, const char* started, std::optional<TimePoint> due,
                             bool breached = false) {
  SlaClockState c;
  c.name = name;
  c.phase = SlaClockState::Phase::kRunning;
  c.started_at = c.since = local(started);
  c.due = due;
  c.warned = c.breached = breached;
  return c;
}
inline SlaClockState paused(const char* name, const char* started, const char* since) {
  SlaClockState c;
  c.name = name;
  c.phase = SlaClockState::Phase::kPaused;
  c.started_at = local(started);
  c.since = local(since);
  return c;
}
inline SlaClockState stopped(const char* name, const char* started, const char* since,
                             bool breached) {
  SlaClockState c;
  c.name = name;
  c.phase = SlaClockState::Phase::kStopped;
  c.started_at = local(started);
  c.since = local(since);
  c.warned = c.breached = breached;
  return c;
}

/// What a test ticket starts as: TicketSpec("repair", "reported", "2026-11-26 09:00").fields(...).
struct TicketSpec {
  TicketSpec(std::string workflow, std::string state, const char* created)
      : workflow_(std::move(workflow)), state_(std::move(state)), created_(local(created)) {}
  TicketSpec& fields(Fields f) {
    fields_ = std::move(f);
    return *this;
  }
  TicketSpec& severity(std::string s) {
    severity_ = std::move(s);
    return *this;
  }
  TicketSpec& assignee(std::string a) {
    assignee_ = std::move(a);
    return *this;
  }
  TicketSpec& clocks(std::vector<SlaClockState> c) {
    clocks_ = std::move(c);
    return *this;
  }
  TicketSpec& version(int v) {
    version_ = v;
    return *this;
  }

  std::string workflow_;
  std::string state_;
  TimePoint created_;
  Fields fields_;
  std::string severity_ = "general";
  std::string assignee_;
  std::vector<SlaClockState> clocks_;
  int version_ = 0;  // 0: the shipped workflow's version
};

/// One later journal entry of a test ticket: ChangeSpec("2026-11-26 09:50", actor, "dispatch").
struct ChangeSpec {
  ChangeSpec(const char* at, Actor actor, std::string event)
      : at_(local(at)), actor_(std::move(actor)), event_(std::move(event)) {}
  ChangeSpec& to(std::string state) {
    to_state_ = std::move(state);
    return *this;
  }
  ChangeSpec& input(Fields f) {
    input_ = std::move(f);
    return *this;
  }
  /// Replaces the ticket's clocks.
  ChangeSpec& clocks(std::vector<SlaClockState> c) {
    clocks_ = std::move(c);
    return *this;
  }

  TimePoint at_;
  Actor actor_;
  std::string event_;
  std::string to_state_;  ///< "" = stays
  Fields input_;
  std::optional<std::vector<SlaClockState>> clocks_;
};

/// A MemoryStore with the shipped workflows at hand.
class ReportDesk {
 public:
  ReportDesk() : store_(std::make_shared<MemoryStore>()) {
    for (const char* name : {"repair", "complaint", "inquiry", "paid_service", "handover"}) {
      LoadResult r = load_workflow_file(std::filesystem::path(PROPDESK_WORKFLOW_DIR) /
                                        (std::string(name) + ".yaml"));
      for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.to_string();
      workflows_.push_back(r.workflow);
    }
  }

  [[nodiscard]] const Store& store() const { return *store_; }
  /// The version of the shipped workflow of that name (0 if there is none).
  [[nodiscard]] int shipped_version(std::string_view name) const {
    for (const auto& w : workflows_)
      if (w && w->name() == name) return w->version();
    return 0;
  }
  [[nodiscard]] Store& mutable_store() { return *store_; }
  [[nodiscard]] std::shared_ptr<Store> shared_store() const { return store_; }
  [[nodiscard]] WorkflowLookup lookup() const { return workflow_lookup(workflows_); }
  [[nodiscard]] const std::vector<std::shared_ptr<const Workflow>>& workflows() const {
    return workflows_;
  }

  /// Keeps the workflows' sources in the store, as an engine does.
  void save_workflows() {
    for (const auto& w : workflows_) {
      StoredWorkflow s{w->name(),        w->version(),     w->name() + ".yaml",
                       w->source_text(), w->source_hash(), local("2026-11-01 00:00")};
      ASSERT_TRUE(store_->save_workflow(s).ok());
    }
  }

  /// Commits a ticket as its creation (one "create" entry by the desk at its creation time).
  Ticket create(const TicketSpec& spec) {
    NewTicket item;
    item.ticket.workflow = spec.workflow_;
    item.ticket.workflow_version = spec.version_ != 0 ? spec.version_ : shipped_version(spec.workflow_);
    item.ticket.state = spec.state_;
    item.ticket.severity = spec.severity_;
    item.ticket.assignee = spec.assignee_;
    item.ticket.fields = spec.fields_;
    item.ticket.created_at = item.ticket.updated_at = spec.created_;
    item.ticket.clocks = spec.clocks_;
    item.code_prefix = prefix_of(spec.workflow_);
    item.entry.at = spec.created_;
    item.entry.actor = {"wangli", "front_desk"};
    item.entry.event = "create";
    item.entry.to_state = spec.state_;
    item.entry.input = spec.fields_;
    const CommitOutcome outcome = store_->create(item);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return item.ticket;
  }

  /// Commits one more journal entry of a ticket.
  Ticket change(const Ticket& before, const ChangeSpec& spec) {
    const Ticket current = store_->get(before.id).value();
    Update item;
    item.ticket = current;
    if (!spec.to_state_.empty()) item.ticket.state = spec.to_state_;
    for (const auto& [name, value] : spec.input_) item.ticket.fields[name] = value;
    if (spec.clocks_) item.ticket.clocks = *spec.clocks_;
    item.ticket.updated_at = spec.at_;
    item.expected_version = current.version;
    item.entry.at = spec.at_;
    item.entry.actor = spec.actor_;
    item.entry.event = spec.event_;
    item.entry.from_state = current.state;
    item.entry.to_state = item.ticket.state;
    item.entry.input = spec.input_;
    const CommitOutcome outcome = store_->update(item);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return item.ticket;
  }

 private:
  std::string prefix_of(const std::string& workflow) const {
    for (const auto& w : workflows_)
      if (w && w->name() == workflow) return w->prefix();
    return "XX";
  }

  std::shared_ptr<MemoryStore> store_;
  std::vector<std::shared_ptr<const Workflow>> workflows_;
};

}  // namespace propdesk::report_testing

namespace propdesk {

// Readable failures: gtest would print these structs as bytes.
inline std::string opt_time(const std::optional<TimePoint>& t) {
  return t ? format_time(*t) : std::string("none");
}

inline void PrintTo(const OpenItem& i, std::ostream* os) {
  *os << "{" << i.code << " " << i.workflow << "/" << i.state << " (" << i.state_label << ") "
      << i.severity << " assignee '" << i.assignee << "' at '" << i.location << "' age "
      << format_duration(i.age) << " next " << opt_time(i.next_due) << " " << i.next_clock
      << " breached";
  for (const auto& c : i.breached_clocks) *os << " " << c;
  *os << (i.workflow_known ? "" : " (workflow unknown)") << "}";
}

inline void PrintTo(const CallbackItem& i, std::ostream* os) {
  *os << "{" << i.code << " " << i.workflow << "/" << i.state << " clock " << i.clock << " due "
      << opt_time(i.due) << (i.breached ? " breached" : "") << " late " << format_duration(i.late)
      << " reporter '" << i.reporter << "' phone '" << i.phone << "'}";
}

inline void PrintTo(const ShiftEntry& e, std::ostream* os) {
  *os << "{" << e.code << " #" << e.seq << " " << format_time(e.at) << " " << e.actor.id << ":"
      << e.actor.role << " " << e.event << " " << e.from_state << " -> " << e.to_state
      << (e.clock.empty() ? "" : " clock " + e.clock) << "}";
}

inline void PrintTo(const ComplianceRow& r, std::ostream* os) {
  *os << "{" << r.workflow << "/" << r.clock << " " << to_string(r.group) << "=" << r.value
      << " runs " << r.runs << " met " << r.met << " breached " << r.breached << " open " << r.open
      << " " << (r.compliance_percent ? std::to_string(*r.compliance_percent) : "-") << "}";
}

inline void PrintTo(const SatisfactionRow& r, std::ostream* os) {
  *os << "{" << r.workflow << " count " << r.count << " average "
      << (r.average ? std::to_string(*r.average) : "-") << " [";
  for (auto n : r.distribution) *os << " " << n;
  *os << " ]}";
}

}  // namespace propdesk
