// The flat settings map of a plugin or a notification channel (propdesk/settings.hpp): every
// value a single scalar, kept as text. One reader for both sections, so they accept the same
// things and word their errors alike.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "workflow/yaml_reader.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

/// Reads `node` (null: no settings) into `out`; `owner` names whose settings they are in messages
/// ("plugin 'log'", "notifier 'staff_group'"). Errors (wrong-type) are reported at the value.
void read_flat_settings(YamlReader& r, const YamlNode& node, std::string_view owner,
                        std::map<std::string, std::string, std::less<>>& out);

}  // namespace propdesk
