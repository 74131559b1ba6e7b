// `notifiers:` the notification channels by name: each a notifier type (built in or from a plugin)
// with its settings, the roles and/or people it takes, whether it may see personal data, the link
// base for {{link}} and how patiently it retries. Only the shape is checked here; the notifier type
// and its settings are checked when the channels are made (delivery_channels()).
#include <string>
#include <string_view>

#include "config/config_sections.hpp"
#include "config/settings_reader.hpp"
#include "propdesk/notification_routing.hpp"

namespace propdesk {

namespace {

constexpr std::int64_t kMaxAttempts = 1000;
constexpr Duration kMaxDelay{7 * 24 * 3600};

// [a-z][a-z0-9_.-]*, at most 64 bytes: the names notifier types are registered under.
bool is_type_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() < 'a' || s.front() > 'z') return false;
  for (const char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

void read_roles(YamlReader& r, const YamlNode& node, NotifierConfig& out) {
  for (const YamlNode* item : r.one_or_many(node, "roles")) {
    if (item->is_scalar() && item->scalar == kEveryRole) {
      out.roles.emplace_back(kEveryRole);
    } else if (auto role = r.name(*item, "a role")) {
      out.roles.push_back(std::move(*role));
    }
  }
}

std::optional<Duration> read_delay(YamlReader& r, const YamlNode& node, std::string_view what) {
  auto d = r.duration(node, what);
  if (d && *d > kMaxDelay) {
    r.error(node, "out-of-range", std::string(what) + " must be at most 7d, not " + node.scalar);
    return std::nullopt;
  }
  return d;
}

void read_retry(YamlReader& r, const YamlNode& node, NotifierConfig& out) {
  if (!r.expect_map(node, "retry ({attempts: 10, first_delay: 30s, max_delay: 1h, jitter: 10%})"))
    return;
  r.check_keys(node, {"attempts", "first_delay", "max_delay", "jitter"}, "retry");
  if (const YamlNode* n = node.find("jitter"))
    if (auto percent = r.percent(*n, "jitter", 0, 100)) out.retry.jitter = *percent / 100.0;
  if (const YamlNode* n = node.find("attempts")) {
    auto attempts = r.integer(*n, "attempts");
    if (attempts && (*attempts < 1 || *attempts > kMaxAttempts)) {
      r.error(*n, "out-of-range", "attempts must be between 1 and 1000, not " + n->scalar);
    } else if (attempts) {
      out.retry.max_attempts = static_cast<int>(*attempts);
    }
  }
  const YamlNode* first = node.find("first_delay");
  const YamlNode* max = node.find("max_delay");
  if (first)
    if (auto d = read_delay(r, *first, "first_delay")) out.retry.first_delay = *d;
  if (max)
    if (auto d = read_delay(r, *max, "max_delay")) out.retry.max_delay = *d;
  if (out.retry.max_delay < out.retry.first_delay) {
    r.error(max ? *max : *first, "out-of-range",
            "max_delay (" + (max ? max->scalar : std::string("1h, the default")) +
                ") must be at least first_delay (" +
                (first ? first->scalar : std::string("30s, the default")) + ")");
  }
}

void read_notifier(ConfigContext& ctx, const YamlNode& key, const YamlNode& entry,
                   std::vector<NotifierConfig>& out) {
  YamlReader& r = ctx.reader;
  const std::string what = "notifier '" + key.scalar + "'";
  if (!r.expect_map(entry, what + " ({type: webhook, settings: {...}, roles: [...]})")) return;
  const std::size_t errors = r.error_count();
  r.check_keys(entry, {"type", "settings", "roles", "people", "trusted", "link_base", "retry"},
               what);
  NotifierConfig c;
  c.name = key.scalar;
  c.where = r.where(key);
  if (const YamlNode* type = r.require(entry, "type", what)) {
    if (auto name = r.text(*type, "the notifier type")) {
      if (is_type_name(*name)) {
        c.type = std::move(*name);
      } else {
        r.error(*type, "bad-name",
                "notifier type '" + *name +
                    "' is not a notifier type's name ([a-z][a-z0-9_.-]*, e.g. webhook or log)");
      }
    }
  }
  if (const YamlNode* n = entry.find("settings")) read_flat_settings(r, *n, what, c.settings);
  if (const YamlNode* n = entry.find("roles")) read_roles(r, *n, c);
  if (const YamlNode* n = entry.find("people"))
    if (auto b = r.boolean(*n, "people")) c.people = *b;
  if (const YamlNode* n = entry.find("trusted"))
    if (auto b = r.boolean(*n, "trusted")) c.trusted = *b;
  if (const YamlNode* n = entry.find("link_base")) {
    if (auto text = r.text(*n, "link_base")) {
      if (text->empty())
        r.error(*n, "bad-value", "link_base is empty; leave it out for no links");
      else
        c.link_base = std::move(*text);
    }
  }
  if (const YamlNode* n = entry.find("retry")) read_retry(r, *n, c);
  if (r.error_count() != errors) return;
  if (c.roles.empty() && !c.people) {
    r.error(key, "takes-nothing",
            what + " takes no role and no person; give it roles: [...] (\"*\" for every role) "
                   "or people: true");
    return;
  }
  out.push_back(std::move(c));
}

}  // namespace

void read_notifier_section(ConfigContext& ctx, const YamlNode& node,
                           std::vector<NotifierConfig>& out) {
  YamlReader& r = ctx.reader;
  if (node.is_null()) return;
  if (!r.expect_map(node, "notifiers (name: {type: webhook, settings: {...}, roles: [...]})"))
    return;
  for (const auto& [key, entry] : node.entries) {
    if (!r.name(*key, "a notifier name")) continue;
    read_notifier(ctx, *key, *entry, out);
  }
}

}  // namespace propdesk
