// Paths in the engine configuration: relative to the configuration file's folder, and checked
// when read, so that a missing file is reported at the line that names it.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "config/config_context.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

/// What a path must name.
enum class PathKind {
  kFile,          ///< an existing file
  kFolder,        ///< an existing folder
  kFileOrFolder,  ///< either
  kNewFile,       ///< a file that may not exist yet, in an existing folder (the database)
};

/// `given` relative to `base_dir` (absolute paths stay as they are), lexically normalised.
std::filesystem::path resolve_config_path(const std::filesystem::path& base_dir,
                                          const std::filesystem::path& given);

/// Reads the path `node` (non-empty text), resolves it and checks that it names what `kind` says.
/// Errors (wrong-type, bad-path, missing-file, missing-folder, not-a-file, not-a-folder) are
/// reported at `node`; `what` names the thing in messages ("calendar file").
std::optional<std::filesystem::path> read_config_path(ConfigContext& ctx, const YamlNode& node,
                                                      std::string_view what, PathKind kind);

}  // namespace propdesk
