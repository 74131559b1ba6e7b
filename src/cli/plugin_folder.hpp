// Where the `propdesk` command finds plugins when it is not told: the shipped plugins of the build
// tree when it runs from a build, else the installed lib/propdesk/plugins.
#pragma once

#include <string>

namespace propdesk::cli {

/// The build tree's plugin folder when it exists, else the installed one.
std::string default_plugin_dir();

}  // namespace propdesk::cli
