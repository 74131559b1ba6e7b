// delivery_channels() (propdesk/outbox_deliverer.hpp): the configuration's `notifiers:` made into
// channels with notifiers from the plugin registry.
#include <stdexcept>

#include "propdesk/outbox_deliverer.hpp"
#include "workflow/suggestion.hpp"

namespace propdesk {

namespace {

// "notifier 'staff_group' (propdesk.yaml:12:3)".
std::string who(const NotifierConfig& n) {
  std::string where;
  if (!n.where.file.empty())
    where = " (" + n.where.file + ":" + std::to_string(n.where.line) + ":" +
            std::to_string(n.where.column) + ")";
  return "notifier '" + n.name + "'" + where;
}

std::vector<std::string> notifier_types(const PluginRegistry& registry) {
  std::vector<std::string> names;
  for (const Provided& p : registry.provided())
    if (p.kind == ProvidedKind::kNotifier) names.push_back(p.name);
  return names;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<DeliveryChannel> delivery_channels(const std::vector<NotifierConfig>& notifiers,
                                               const PluginRegistry& registry) {
  std::vector<DeliveryChannel> channels;
  std::string problems;
  const auto refuse = [&](const NotifierConfig& n, const std::string& why) {
    problems += (problems.empty() ? "" : "\n") + who(n) + ": " + why;
  };
  for (const NotifierConfig& n : notifiers) {
    if (std::string problem = check_retry_policy(n.retry); !problem.empty()) {
      refuse(n, "retry: " + problem);
      continue;
    }
    const std::shared_ptr<const NotifierType> type = registry.notifier_type(n.type);
    if (!type) {
      const std::vector<std::string> known = notifier_types(registry);
      refuse(n, "no notifier type '" + n.type + "' is loaded" + did_you_mean(n.type, known) +
                    " (types: " + join(known) +
                    "; load the plugin that provides it under plugins: in propdesk.yaml)");
      continue;
    }
    try {
      Settings settings(n.settings.begin(), n.settings.end());
      std::unique_ptr<Notifier> notifier = type->create(settings);
      if (!notifier) {
        refuse(n, "notifier type '" + n.type + "' made no notifier");
        continue;
      }
      channels.push_back({n.name, std::move(notifier), n.retry});
    } catch (const std::exception& e) {
      refuse(n, e.what());
    }
  }
  if (!problems.empty()) throw std::invalid_argument(problems);
  return channels;
}

}  // namespace propdesk
