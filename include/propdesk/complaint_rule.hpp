// propdesk/complaint_rule.hpp: the built-in severity rule for complaints (`type: complaint`).
//
// "对重大投诉问题以及重大突发事故必要时可及时向公司经理汇报": a major complaint goes to the
// manager. The rule calls a complaint major when any configured criterion holds:
//
//   keywords           a keyword occurs in one of the `search` text fields ("漏水" in "楼上漏水了")
//   major_categories   the `category_field` holds one of these values ("security")
//   manager_requested  this bool field is true: the resident asked for the manager
//   earlier_breach     one of the ticket's SLA clocks has already breached its target
//   repeat             `count` or more earlier complaints at the same location within `within`
//
// In propdesk.yaml (docs/configuration.md):
//
//   severity_rules:
//     complaint_severity:
//       type: complaint
//       keywords: [漏水, 燃气, 火, 电梯困人]
//       search: [description]
//       categories: {field: category, major: [security]}
//       repeat: {within: 7d, count: 2}
//       manager_requested: wants_manager
//       earlier_breach: true
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/escalation_rule.hpp"
#include "propdesk/export.hpp"
#include "propdesk/source_location.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/value.hpp"

namespace propdesk {

/// The settings of one complaint rule. Plain data; ComplaintRule checks it.
struct PROPDESK_API ComplaintRuleConfig {
  /// "Repeated complaints": `count` or more *earlier* complaints of the same workflow whose string
  /// field "location" equals this ticket's, created within `within` before this ticket was.
  struct Repeat {
    Duration within{0};      ///< > 0, at most 366 days
    std::int64_t count = 0;  ///< earlier complaints needed, 1 to 1000
  };

  /// The rule's name, which workflows give as `escalation: {severity_rule: NAME}`.
  std::string name;
  /// Matched as substrings (Chinese has no word boundaries: 火 matches 火灾 and 着火), ASCII
  /// letters without regard to case; none may be empty.
  std::vector<std::string> keywords;
  /// The string/text fields searched for keywords, in this order.
  std::vector<std::string> search_fields = {"description"};
  /// The enum/string field holding the complaint's category.
  std::string category_field = "category";
  /// Values of `category_field` that make a complaint major; empty: categories are not looked at.
  std::vector<std::string> major_categories;
  /// A bool field that is true when the resident asked for the manager; empty: not looked at.
  std::string manager_requested_field;
  /// A ticket one of whose clocks has breached (SlaClockState::breached) is major.
  bool earlier_breach = false;
  /// Repeated complaints at one location; nullopt: not looked at.
  std::optional<Repeat> repeat;
  /// Where the rule was configured (propdesk.yaml); empty when built in code.
  SourceLocation where;
};

/// The complaint rule. Immutable after construction; classify() may be called from any number of
/// threads at once and never throws.
class PROPDESK_API ComplaintRule final : public EscalationRule {
 public:
  /// Throws std::invalid_argument for settings the configuration loader would refuse: an invalid
  /// name, a blank keyword or one that is not UTF-8, keywords without search fields, an empty
  /// field name, a repeat window outside (0, 366 days] or a count outside 1..1000.
  explicit ComplaintRule(ComplaintRuleConfig config);

  [[nodiscard]] std::string_view name() const override { return config_.name; }

  /// Major when any criterion holds, with a reason listing each that did, separated by "; ", in
  /// this order: the first keyword found ("keyword '漏水' in description": fields in `search`
  /// order, keywords in list order), "category 'security'", "the resident asked for the manager
  /// (wants_manager)", "clock 'response' was breached". Only when none of these holds is the
  /// context asked for earlier tickets at the ticket's location ("3 complaints at 3-2-1502 within
  /// 7 days": this one and the earlier ones; "or more" when the lookup was cut short).
  /// "Earlier" means created before this ticket (or in the same second with a lower id), never the
  /// ticket itself; the window ends at the ticket's created_at, so the answer does not change
  /// as time passes. Fields that are missing or of another type do not match. Text that is not
  /// valid UTF-8 is searched byte by byte and never fails. When the context throws, the repeat
  /// criterion is treated as not holding (general, empty reason).
  [[nodiscard]] SeverityVerdict classify(const Ticket& ticket,
                                         const RuleContext& context) const noexcept override;

  [[nodiscard]] const ComplaintRuleConfig& config() const { return config_; }

 private:
  // One criterion each: the reason when it holds.
  [[nodiscard]] std::optional<std::string> keyword_reason(const Ticket& ticket) const;
  [[nodiscard]] std::optional<std::string> category_reason(const Ticket& ticket) const;
  [[nodiscard]] std::optional<std::string> manager_reason(const Ticket& ticket) const;
  [[nodiscard]] std::optional<std::string> breach_reason(const Ticket& ticket) const;
  [[nodiscard]] std::optional<std::string> repeat_reason(const Ticket& ticket,
                                                         const RuleContext& context) const;

  ComplaintRuleConfig config_;
  std::vector<std::string> folded_keywords_;  // ASCII letters in lower case
};

}  // namespace propdesk
