// Opening a plugin file: an ELF check, dlopen(RTLD_NOW | RTLD_LOCAL) and the entry point. Handles
// are never closed: a plugin's code may be referenced until the process ends.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "propdesk/plugin_api.h"

namespace propdesk::plugin {

/// The entry point of an opened plugin file, or why there is none: "not a shared object (no ELF
/// header)", "cannot be loaded: <dlerror>", "no entry point 'propdesk_plugin_entry' ...".
std::variant<propdesk_plugin_entry_fn, std::string> open_plugin_file(const std::filesystem::path& file);

}  // namespace propdesk::plugin
