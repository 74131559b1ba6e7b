// `plugins:` where plugins are looked for and which to load with what settings. Only the shape is
// checked here; the plugin layer finds and loads them.
#include <map>
#include <string>

#include "config/config_path.hpp"
#include "config/config_sections.hpp"
#include "config/settings_reader.hpp"

namespace propdesk {

namespace {

void read_paths(ConfigContext& ctx, const YamlNode& node, PluginConfig& out) {
  if (node.is_null()) return;
  std::vector<const YamlNode*> items;
  if (node.is_scalar()) {
    items = {&node};
  } else if (node.is_sequence()) {
    items = node.items;
  } else {
    ctx.reader.error(node, "wrong-type",
                     "paths must be a folder or a list of folders, not " + node.describe());
    return;
  }
  for (const YamlNode* item : items) {
    if (auto path = read_config_path(ctx, *item, "plugin folder", PathKind::kFolder))
      out.paths.push_back(std::move(*path));
  }
}

void read_load(ConfigContext& ctx, const YamlNode& node, PluginConfig& out) {
  YamlReader& r = ctx.reader;
  if (node.is_null()) return;
  if (!node.is_sequence()) {
    r.error(node, "wrong-type",
            "load must be a list of {name, settings} mappings, not " + node.describe());
    return;
  }
  std::map<std::string, int, std::less<>> first_line;
  for (const YamlNode* item : node.items) {
    if (!r.expect_map(*item, "a plugin to load ({name: log, settings: {...}})")) continue;
    r.check_keys(*item, {"name", "settings"}, "a plugin to load");
    const YamlNode* name_node = r.require(*item, "name", "a plugin to load");
    if (name_node == nullptr) continue;
    auto name = r.name(*name_node, "the plugin's name");
    if (!name) continue;
    if (auto [it, fresh] = first_line.try_emplace(*name, name_node->line); !fresh) {
      r.error(*name_node, "duplicate-plugin",
              "plugin '" + *name + "' is already loaded at line " + std::to_string(it->second));
      continue;
    }
    PluginLoad plugin{*name, {}, r.where(*item)};
    if (const YamlNode* settings = item->find("settings"))
      read_flat_settings(r, *settings, "plugin '" + plugin.name + "'", plugin.settings);
    out.load.push_back(std::move(plugin));
  }
}

}  // namespace

void read_plugin_section(ConfigContext& ctx, const YamlNode& node, PluginConfig& out) {
  YamlReader& r = ctx.reader;
  if (node.is_null()) return;
  if (!r.expect_map(node, "plugins ({paths: [...], load: [...]})")) return;
  r.check_keys(node, {"paths", "load"}, "plugins");
  if (const YamlNode* n = node.find("paths")) read_paths(ctx, *n, out);
  if (const YamlNode* n = node.find("load")) read_load(ctx, *n, out);
}

}  // namespace propdesk
