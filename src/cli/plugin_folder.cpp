#include "cli/plugin_folder.hpp"

#include <filesystem>

namespace propdesk::cli {

std::string default_plugin_dir() {
  std::error_code ec;
  if (std::filesystem::is_directory(PROPDESK_PLUGIN_BUILD_DIR, ec))
    return PROPDESK_PLUGIN_BUILD_DIR;
  return PROPDESK_INSTALLED_PLUGIN_DIR;
}

}  // namespace propdesk::cli
