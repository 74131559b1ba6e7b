// `severity_rules:` the built-in severity rules by name, each with a `type` and that type's
// settings. Workflows refer to a rule by name (`escalation: {severity_rule: NAME}`); a name can
// be given only once (the YAML reader refuses a duplicate key).
#include <string>
#include <string_view>
#include <vector>

#include "config/config_sections.hpp"
#include "workflow/suggestion.hpp"

namespace propdesk {

namespace {
const std::vector<std::string> kRuleTypes = {"complaint"};
}  // namespace

void read_severity_rule_section(ConfigContext& ctx, const YamlNode& node,
                                std::vector<ComplaintRuleConfig>& out) {
  YamlReader& r = ctx.reader;
  if (node.is_null()) return;
  if (!r.expect_map(node, "severity_rules (name: {type: complaint, ...})")) return;
  for (const auto& [key, rule] : node.entries) {
    if (!r.name(*key, "a severity rule name")) continue;
    const std::string what = "severity rule '" + key->scalar + "'";
    if (!r.expect_map(*rule, what)) continue;
    const YamlNode* type = r.require(*rule, "type", what);
    if (type == nullptr) continue;
    auto type_name = r.text(*type, "the rule's type");
    if (!type_name) continue;
    if (*type_name == "complaint") {
      if (auto config = read_complaint_rule(ctx, *key, *rule)) out.push_back(std::move(*config));
      continue;
    }
    std::string hint = did_you_mean(*type_name, kRuleTypes);
    r.error(*type, "unknown-rule-type",
            "unknown severity rule type '" + *type_name + "'" +
                (hint.empty() ? " (the built-in type is 'complaint')" : hint));
  }
}

}  // namespace propdesk
