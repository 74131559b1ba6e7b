// The complaint severity rule: keywords, categories, the manager asked for, an earlier breach,
// and repeated complaints at one location. Cheap criteria first; the store is asked only when
// none of them holds.
#include "propdesk/complaint_rule.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>

#include "model/utf8.hpp"
#include "store/location_field.hpp"

namespace propdesk {

namespace {

constexpr std::int64_t kMaxRepeatCount = 1000;
constexpr Duration kMaxRepeatWindow = std::chrono::days(366);
// Tickets asked for beyond `count`: enough to see past the ticket itself and others created in the
// same second, and to say "N complaints" exactly in the common case.
constexpr std::size_t kRepeatLookahead = 8;

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string fold(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

// Byte-wise, so text that is not valid UTF-8 is searched safely. A valid UTF-8 keyword can only
// match at a character boundary of valid text: its first byte is never a continuation byte.
bool contains(std::string_view text, std::string_view folded_keyword) {
  return std::search(text.begin(), text.end(), folded_keyword.begin(), folded_keyword.end(),
                     [](char a, char b) { return ascii_lower(a) == b; }) != text.end();
}

bool is_name(std::string_view s) {
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (s.empty() || !alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9') || c == '_'; });
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Text from a ticket, fit for the journal: bytes that are not UTF-8 become U+FFFD.
std::string printable(std::string_view s) {
  std::string out;
  while (auto bad = find_invalid_utf8(s)) {
    out.append(s.substr(0, *bad));
    out.append("\xEF\xBF\xBD");
    s.remove_prefix(*bad + 1);
  }
  out.append(s);
  return out;
}

std::string window_text(Duration d) {
  const auto day = std::chrono::duration_cast<Duration>(std::chrono::days(1));
  if (d.count() % day.count() != 0) return format_duration(d);
  const auto days = d.count() / day.count();
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

const Value* field(const Ticket& t, std::string_view name) {
  const auto it = t.fields.find(name);
  return it == t.fields.end() ? nullptr : &it->second;
}

// Created before `t`, or in the same second with a lower id; never `t` itself. A ticket not yet
// stored (id 0) comes after everything stored.
bool is_earlier(const Ticket& other, const Ticket& t) {
  if (t.id != 0 && other.id == t.id) return false;
  if (other.created_at != t.created_at) return other.created_at < t.created_at;
  return t.id == 0 || other.id < t.id;
}

TimePoint minus(TimePoint t, Duration d) {
  const auto floor = std::numeric_limits<Duration::rep>::min() + d.count();
  if (t.time_since_epoch().count() < floor)
    return TimePoint(Duration(std::numeric_limits<Duration::rep>::min()));
  return t - d;
}

void check(bool ok, const std::string& rule, const std::string& problem) {
  if (!ok) throw std::invalid_argument("complaint rule '" + rule + "': " + problem);
}

}  // namespace

ComplaintRule::ComplaintRule(ComplaintRuleConfig config) : config_(std::move(config)) {
  const std::string& n = config_.name;
  check(is_name(n), n, "the name must be a letter, then letters, digits or '_'");
  for (const std::string& k : config_.keywords) {
    check(!blank(k), n, "a keyword is empty or blank");
    check(!find_invalid_utf8(k), n, "a keyword is not valid UTF-8");
    folded_keywords_.push_back(fold(k));
  }
  check(config_.keywords.empty() || !config_.search_fields.empty(), n,
        "keywords need at least one field to search");
  for (const std::string& f : config_.search_fields)
    check(!f.empty(), n, "a search field is empty");
  check(config_.major_categories.empty() || !config_.category_field.empty(), n,
        "major categories need a category field");
  if (config_.repeat) {
    check(config_.repeat->within.count() > 0 && config_.repeat->within <= kMaxRepeatWindow, n,
          "the repeat window must be longer than zero and at most 366 days");
    check(config_.repeat->count >= 1 && config_.repeat->count <= kMaxRepeatCount, n,
          "the repeat count must be between 1 and 1000");
  }
}

SeverityVerdict ComplaintRule::classify(const Ticket& ticket,
                                        const RuleContext& context) const noexcept {
  try {
    std::string reason;
    auto add = [&](const std::string& part) {
      if (!reason.empty()) reason += "; ";
      reason += part;
    };
    if (auto r = keyword_reason(ticket)) add(*r);
    if (auto r = category_reason(ticket)) add(*r);
    if (auto r = manager_reason(ticket)) add(*r);
    if (auto r = breach_reason(ticket)) add(*r);
    if (reason.empty()) {
      if (auto r = repeat_reason(ticket, context)) add(*r);
    }
    if (reason.empty()) return {};
    return {true, std::move(reason)};
  } catch (...) {
    // Out of memory, or the context could not answer: the rule cannot decide.
    return {};
  }
}

std::optional<std::string> ComplaintRule::keyword_reason(const Ticket& ticket) const {
  for (const std::string& name : config_.search_fields) {
    const Value* v = field(ticket, name);
    if (v == nullptr || v->kind() != Value::Kind::kString) continue;
    for (std::size_t i = 0; i < folded_keywords_.size(); ++i) {
      if (contains(v->as_string(), folded_keywords_[i]))
        return "keyword '" + config_.keywords[i] + "' in " + name;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ComplaintRule::category_reason(const Ticket& ticket) const {
  if (config_.major_categories.empty()) return std::nullopt;
  const Value* v = field(ticket, config_.category_field);
  if (v == nullptr || v->kind() != Value::Kind::kString) return std::nullopt;
  const auto& majors = config_.major_categories;
  if (std::find(majors.begin(), majors.end(), v->as_string()) == majors.end()) return std::nullopt;
  return "category '" + v->as_string() + "'";
}

std::optional<std::string> ComplaintRule::manager_reason(const Ticket& ticket) const {
  if (config_.manager_requested_field.empty()) return std::nullopt;
  const Value* v = field(ticket, config_.manager_requested_field);
  if (v == nullptr || v->kind() != Value::Kind::kBool || !v->as_bool()) return std::nullopt;
  return "the resident asked for the manager (" + config_.manager_requested_field + ")";
}

std::optional<std::string> ComplaintRule::breach_reason(const Ticket& ticket) const {
  if (!config_.earlier_breach) return std::nullopt;
  for (const SlaClockState& clock : ticket.clocks) {
    if (clock.breached) return "clock '" + clock.name + "' was breached";
  }
  return std::nullopt;
}

std::optional<std::string> ComplaintRule::repeat_reason(const Ticket& ticket,
                                                        const RuleContext& context) const {
  if (!config_.repeat) return std::nullopt;
  const std::string* location = location_of(ticket.fields);
  if (location == nullptr || location->empty()) return std::nullopt;
  const ComplaintRuleConfig::Repeat& repeat = *config_.repeat;
  const TimePoint since = minus(ticket.created_at, repeat.within);
  const std::size_t limit = static_cast<std::size_t>(repeat.count) + kRepeatLookahead;
  const std::vector<Ticket> found = context.tickets_at(ticket.workflow, *location, since, limit);
  std::int64_t earlier = 0;
  bool last_counted = false;
  for (const Ticket& other : found) {
    last_counted = other.created_at >= since && is_earlier(other, ticket);
    if (last_counted) ++earlier;
  }
  if (earlier < repeat.count) return std::nullopt;
  // Oldest first: when the last one fetched still counted, more may follow it.
  const bool maybe_more = found.size() >= limit && last_counted;
  return std::to_string(earlier + 1) + (maybe_more ? " or more" : "") + " complaints at " +
         printable(*location) + " within " + window_text(repeat.within);
}

}  // namespace propdesk
