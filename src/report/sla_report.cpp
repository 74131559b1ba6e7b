#include "propdesk/sla_report.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

#include "report/ticket_facts.hpp"
#include "report/ticket_scan.hpp"

namespace propdesk {

std::string_view to_string(ComplianceRow::Group group) {
  switch (group) {
    case ComplianceRow::Group::kAll:
      return "all";
    case ComplianceRow::Group::kCategory:
      return "category";
    case ComplianceRow::Group::kSeverity:
      return "severity";
  }
  return "all";
}

namespace {

using RowKey = std::tuple<std::string, std::string, ComplianceRow::Group, std::string>;

// The counts per row, and where each clock comes in its workflow (for the order of the rows).
class ComplianceTally {
 public:
  void add(const Ticket& ticket, const Workflow* workflow, const SlaClockState& clock) {
    const bool has_category = workflow != nullptr ? workflow->find_field("category").has_value()
                                                  : ticket.fields.contains("category");
    count({ticket.workflow, clock.name, ComplianceRow::Group::kAll, ""}, clock);
    if (has_category) {
      count({ticket.workflow, clock.name, ComplianceRow::Group::kCategory,
             report::string_field(ticket.fields, "category")},
            clock);
    }
    count({ticket.workflow, clock.name, ComplianceRow::Group::kSeverity, ticket.severity}, clock);

    std::size_t rank = std::numeric_limits<std::size_t>::max();
    if (workflow != nullptr) {
      if (const auto id = workflow->find_clock(clock.name)) rank = *id;
    }
    auto [it, inserted] = rank_.try_emplace({ticket.workflow, clock.name}, rank);
    if (!inserted) it->second = std::min(it->second, rank);
  }

  [[nodiscard]] std::vector<ComplianceRow> rows() const {
    std::vector<ComplianceRow> out;
    out.reserve(rows_.size());
    for (const auto& [key, row] : rows_) out.push_back(row);
    std::stable_sort(out.begin(), out.end(), [&](const ComplianceRow& a, const ComplianceRow& b) {
      return std::make_tuple(a.workflow, rank_.at({a.workflow, a.clock}), a.clock) <
             std::make_tuple(b.workflow, rank_.at({b.workflow, b.clock}), b.clock);
    });
    return out;
  }

 private:
  void count(RowKey key, const SlaClockState& clock) {
    auto [it, inserted] = rows_.try_emplace(key);
    ComplianceRow& row = it->second;
    if (inserted) {
      std::tie(row.workflow, row.clock, row.group, row.value) = std::move(key);
    }
    ++row.runs;
    if (clock.breached) {
      ++row.breached;
    } else if (clock.phase == SlaClockState::Phase::kStopped) {
      ++row.met;
    } else {
      ++row.open;
    }
    const std::int64_t decided = row.met + row.breached;
    row.compliance_percent = decided == 0
                                 ? std::nullopt
                                 : std::optional<double>(100.0 * static_cast<double>(row.met) /
                                                         static_cast<double>(decided));
  }

  std::map<RowKey, ComplianceRow> rows_;  // ordered by group and value within a clock
  std::map<std::pair<std::string, std::string>, std::size_t> rank_;
};

// Ratings per workflow.
class SatisfactionTally {
 public:
  void add_workflow(const std::string& workflow) { rows_[workflow].workflow = workflow; }

  void add_rating(const std::string& workflow, std::int64_t rating) {
    if (rating < 1 || rating > 5) return;
    SatisfactionRow& row = rows_[workflow];
    ++row.count;
    ++row.distribution[static_cast<std::size_t>(rating - 1)];
    sums_[workflow] += rating;
    row.average = static_cast<double>(sums_[workflow]) / static_cast<double>(row.count);
  }

  [[nodiscard]] std::vector<SatisfactionRow> rows() const {
    std::vector<SatisfactionRow> out;
    for (const auto& [name, row] : rows_) out.push_back(row);
    return out;
  }

 private:
  std::map<std::string, SatisfactionRow> rows_;
  std::map<std::string, std::int64_t> sums_;
};

constexpr std::string_view kSatisfactionField = "satisfaction";

}  // namespace

SlaReport sla_report(const Store& store, const WorkflowLookup& workflows, const SlaParams& params) {
  if (params.to <= params.from) {
    throw std::invalid_argument("the period must end after it begins (from " +
                                format_time(params.from) + ", to " + format_time(params.to) + ")");
  }
  SlaReport report;
  report.from = params.from;
  report.to = params.to;
  ComplianceTally compliance;
  SatisfactionTally satisfaction;

  TicketQuery period;
  period.created_from = params.from;
  period.created_to = params.to;
  report::for_each_ticket(store, period, [&](const Ticket& t) {
    ++report.tickets;
    const auto workflow = workflows(t.workflow, t.workflow_version);
    for (const SlaClockState& clock : t.clocks) compliance.add(t, workflow.get(), clock);
    if (!workflow || !workflow->find_field(kSatisfactionField)) return;
    satisfaction.add_workflow(t.workflow);
    for (const JournalEntry& e : store.history(t.id)) {
      const auto it = e.input.find(kSatisfactionField);
      if (it != e.input.end() && it->second.kind() == Value::Kind::kInt)
        satisfaction.add_rating(t.workflow, it->second.as_int());
    }
  });
  report.compliance = compliance.rows();
  report.satisfaction = satisfaction.rows();
  return report;
}

}  // namespace propdesk
