// The settings of a `type: complaint` severity rule (propdesk/complaint_rule.hpp), checked as
// ComplaintRule's constructor would check them, but reported where they are written.
#include <algorithm>
#include <chrono>
#include <string>

#include "config/config_sections.hpp"

namespace propdesk {

namespace {

constexpr std::int64_t kMaxRepeatCount = 1000;
constexpr Duration kMaxRepeatWindow = std::chrono::days(366);

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

class ComplaintRuleReader {
 public:
  ComplaintRuleReader(ConfigContext& ctx, const YamlNode& key) : r_(ctx.reader) {
    config_.name = key.scalar;
    config_.where = r_.where(key);
  }

  std::optional<ComplaintRuleConfig> read(const YamlNode& rule) {
    const std::size_t errors = r_.error_count();
    r_.check_keys(rule,
                  {"type", "keywords", "search", "categories", "repeat", "manager_requested",
                   "earlier_breach"},
                  "a complaint rule");
    if (const YamlNode* n = rule.find("keywords")) read_keywords(*n);
    if (const YamlNode* n = rule.find("search")) read_search(*n);
    if (const YamlNode* n = rule.find("categories")) read_categories(*n);
    if (const YamlNode* n = rule.find("repeat")) read_repeat(*n);
    if (const YamlNode* n = rule.find("manager_requested")) {
      if (auto field = r_.name(*n, "manager_requested (a bool field)"))
        config_.manager_requested_field = *field;
    }
    if (const YamlNode* n = rule.find("earlier_breach")) {
      config_.earlier_breach = r_.boolean(*n, "earlier_breach").value_or(false);
    }
    if (r_.error_count() != errors) return std::nullopt;
    if (config_.keywords.empty() && config_.major_categories.empty() &&
        config_.manager_requested_field.empty() && !config_.earlier_breach && !config_.repeat) {
      r_.warning(rule, "empty-rule",
                 "severity rule '" + config_.name +
                     "' has no criteria (keywords, categories, repeat, manager_requested, "
                     "earlier_breach): every ticket stays general");
    }
    return std::move(config_);
  }

 private:
  std::vector<const YamlNode*> list(const YamlNode& n, std::string_view what) {
    if (n.is_sequence()) return n.items;
    r_.error(n, "wrong-type", std::string(what) + " must be a list, not " + n.describe());
    return {};
  }

  void read_keywords(const YamlNode& n) {
    for (const YamlNode* item : list(n, "keywords")) {
      auto keyword = r_.text(*item, "a keyword");
      if (!keyword) continue;
      if (blank(*keyword)) {
        r_.error(*item, "bad-keyword", "a keyword must not be empty or blank");
        continue;
      }
      if (std::find(config_.keywords.begin(), config_.keywords.end(), *keyword) !=
          config_.keywords.end()) {
        r_.warning(*item, "duplicate-keyword", "keyword '" + *keyword + "' is listed twice");
        continue;
      }
      config_.keywords.push_back(std::move(*keyword));
    }
  }

  void read_search(const YamlNode& n) {
    std::vector<std::string> fields;
    for (const YamlNode* item : list(n, "search")) {
      if (auto field = r_.name(*item, "a searched field")) fields.push_back(std::move(*field));
    }
    if (n.is_sequence() && n.items.empty()) {
      r_.error(n, "bad-value", "search must name at least one text field (default: [description])");
    }
    config_.search_fields = std::move(fields);
  }

  void read_categories(const YamlNode& n) {
    if (!r_.expect_map(n, "categories ({field: category, major: [security]})")) return;
    r_.check_keys(n, {"field", "major"}, "categories");
    if (const YamlNode* f = n.find("field")) {
      if (auto field = r_.name(*f, "the category field")) config_.category_field = *field;
    }
    const YamlNode* major = r_.require(n, "major", "categories");
    if (major == nullptr) return;
    for (const YamlNode* item : list(*major, "major")) {
      if (auto value = r_.text(*item, "a major category")) {
        config_.major_categories.push_back(std::move(*value));
      }
    }
    if (major->is_sequence() && major->items.empty()) {
      r_.error(*major, "bad-value", "major must list at least one category");
    }
  }

  void read_repeat(const YamlNode& n) {
    if (!r_.expect_map(n, "repeat ({within: 7d, count: 2})")) return;
    r_.check_keys(n, {"within", "count"}, "repeat");
    ComplaintRuleConfig::Repeat repeat;
    bool ok = true;
    if (const YamlNode* w = r_.require(n, "within", "repeat")) {
      auto within = r_.duration(*w, "within");
      if (within && *within > kMaxRepeatWindow) {
        r_.error(*w, "out-of-range", "within must be at most 366d, not " + w->scalar);
        within.reset();
      }
      ok = ok && within.has_value();
      repeat.within = within.value_or(Duration{0});
    } else {
      ok = false;
    }
    if (const YamlNode* c = r_.require(n, "count", "repeat")) {
      auto count = r_.integer(*c, "count");
      if (count && (*count < 1 || *count > kMaxRepeatCount)) {
        r_.error(*c, "out-of-range",
                 "count (earlier complaints) must be between 1 and 1000, not " + c->scalar);
        count.reset();
      }
      ok = ok && count.has_value();
      repeat.count = count.value_or(0);
    } else {
      ok = false;
    }
    if (ok) config_.repeat = repeat;
  }

  YamlReader& r_;
  ComplaintRuleConfig config_;
};

}  // namespace

std::optional<ComplaintRuleConfig> read_complaint_rule(ConfigContext& ctx, const YamlNode& key,
                                                       const YamlNode& rule) {
  return ComplaintRuleReader(ctx, key).read(rule);
}

}  // namespace propdesk
