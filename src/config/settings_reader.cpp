#include "config/settings_reader.hpp"

namespace propdesk {

void read_flat_settings(YamlReader& r, const YamlNode& node, std::string_view owner,
                        std::map<std::string, std::string, std::less<>>& out) {
  if (node.is_null()) return;
  if (!r.expect_map(node, "settings (a flat map of texts)")) return;
  for (const auto& [key, value] : node.entries) {
    if (!value->is_scalar()) {
      r.error(*value, "wrong-type",
              "setting '" + key->scalar + "' of " + std::string(owner) +
                  " must be a single value (settings are a flat map of texts), not " +
                  value->describe());
      continue;
    }
    out.emplace(key->scalar, value->scalar);
  }
}

}  // namespace propdesk
