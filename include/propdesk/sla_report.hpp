// propdesk/sla_report.hpp: SLA compliance and residents' satisfaction for the tickets created in a
// period.
//
// Compliance: how many clock runs met their target and how many were breached, per workflow and
// clock, and within that per category (when the workflow has a `category` field) and per
// severity. Satisfaction: the ratings residents gave (the `satisfaction` field, 1-5) at callbacks
// and in the app, per workflow.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/store.hpp"
#include "propdesk/value.hpp"
#include "propdesk/workflow_lookup.hpp"

namespace propdesk {

/// The period: tickets created in [from, to).
struct SlaParams {
  TimePoint from;  ///< inclusive
  TimePoint to;    ///< exclusive; must be after `from`
};

/// Runs of one clock of one workflow, for all its tickets or for one group of them.
struct ComplianceRow {
  /// What the row groups by.
  enum class Group : std::uint8_t {
    kAll,       ///< every ticket of the workflow; `value` is ""
    kCategory,  ///< the ticket's `category` field; `value` is the category ("" when unset)
    kSeverity,  ///< the ticket's severity; `value` is "general" or "major"
  };
  std::string workflow;
  std::string clock;
  Group group = Group::kAll;
  std::string value;
  std::int64_t runs = 0;      ///< clock runs counted (one per ticket whose clock started)
  std::int64_t met = 0;       ///< stopped without a breach
  std::int64_t breached = 0;  ///< breached (stopped or not)
  std::int64_t open = 0;      ///< still running or paused, not breached yet: not decided
  /// 100 * met / (met + breached); nullopt when no run is decided yet.
  std::optional<double> compliance_percent;

  friend bool operator==(const ComplianceRow&, const ComplianceRow&) = default;
};

/// "all", "category" or "severity".
PROPDESK_API std::string_view to_string(ComplianceRow::Group group);

/// The ratings given on one workflow's tickets.
struct SatisfactionRow {
  std::string workflow;
  std::int64_t count = 0;                      ///< ratings given
  std::optional<double> average;               ///< nullopt when there is none
  std::array<std::int64_t, 5> distribution{};  ///< [0] = ratings of 1 ... [4] = ratings of 5

  friend bool operator==(const SatisfactionRow&, const SatisfactionRow&) = default;
};

/// Compliance and satisfaction for one period.
struct SlaReport {
  TimePoint from;
  TimePoint to;
  std::int64_t tickets = 0;  ///< tickets created in the period
  /// Ordered by workflow name, then the clock's order in the workflow, then group (all, category,
  /// severity), then value.
  std::vector<ComplianceRow> compliance;
  /// One row per workflow that has a `satisfaction` field and a ticket in the period, by name.
  std::vector<SatisfactionRow> satisfaction;
};

/// Builds the report for the tickets created in [params.from, params.to).
///
/// A clock run is what a ticket's SlaClockState holds: its current (latest) run. A clock that ran
/// again after a reopen counts once, with the outcome of its latest run. Groups use the ticket's
/// current category and severity.
///
/// A rating is every journal entry whose input carries an int `satisfaction` from 1 to 5 (a
/// callback, the resident's rating in the app), so a ticket rated 2, reopened and rated 4 counts
/// both. Only tickets whose workflow version declares `satisfaction` are read for it.
///
/// Reads the tickets of the period a page at a time (Store::query by created_at) and the journals
/// of those rated. Throws std::invalid_argument when `to` is not after `from`; StoreError when the
/// store fails.
PROPDESK_API SlaReport sla_report(const Store& store, const WorkflowLookup& workflows,
                                  const SlaParams& params);

}  // namespace propdesk
