// propdesk/settings.hpp: the flat text settings of a plugin or a notification channel.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace propdesk {

/// Settings as the configuration gives them: a flat map from key to text, e.g. {"path":
/// "/var/log/propdesk/notify.jsonl"}. What a key means is up to whoever reads it (a plugin, a
/// notifier type), which also says which keys it requires.
using Settings = std::map<std::string, std::string, std::less<>>;

}  // namespace propdesk
