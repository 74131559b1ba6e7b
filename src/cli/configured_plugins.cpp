#include "cli/configured_plugins.hpp"

#include <algorithm>

#include "cli/plugin_folder.hpp"

namespace propdesk::cli {

PluginLoadReport load_configured_plugins(PluginRegistry& registry, const PluginConfig& config,
                                         const std::vector<std::string>& extra_dirs) {
  PluginLoadOptions load;
  const auto add_path = [&load](const std::filesystem::path& p) {
    std::error_code ec;
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(p, ec);
    const std::filesystem::path key = ec ? p : canonical;
    for (const auto& known : load.paths) {
      std::error_code ec2;
      const auto other = std::filesystem::weakly_canonical(known, ec2);
      if ((ec2 ? known : other) == key) return;  // one folder searched once
    }
    load.paths.push_back(p);
  };
  for (const auto& p : config.paths) add_path(p);
  for (const auto& d : extra_dirs) add_path(d);
  add_path(default_plugin_dir());
  load.load_all = config.load.empty();
  for (const PluginLoad& p : config.load)
    load.load.push_back({p.name, Settings(p.settings.begin(), p.settings.end())});
  return load_plugins(registry, load);
}

}  // namespace propdesk::cli
