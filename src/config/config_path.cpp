#include "config/config_path.hpp"

#include <string>
#include <system_error>

namespace propdesk {

namespace {
// " (looked for /abs/x.yaml)" when the resolved path says more than the one written.
std::string looked_for(const std::filesystem::path& path, const std::string& given) {
  if (path.string() == given) return {};
  return " (looked for " + path.string() + ")";
}
}  // namespace

std::filesystem::path resolve_config_path(const std::filesystem::path& base_dir,
                                          const std::filesystem::path& given) {
  if (given.is_absolute() || base_dir.empty()) return given.lexically_normal();
  return (base_dir / given).lexically_normal();
}

std::optional<std::filesystem::path> read_config_path(ConfigContext& ctx, const YamlNode& node,
                                                      std::string_view what, PathKind kind) {
  YamlReader& r = ctx.reader;
  auto given = r.text(node, what);
  if (!given) return std::nullopt;
  if (given->empty()) {
    r.error(node, "bad-path", std::string(what) + " must not be empty");
    return std::nullopt;
  }
  const std::filesystem::path path = resolve_config_path(ctx.base_dir, *given);
  const std::string quoted = std::string(what) + " '" + *given + "'";
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  const bool exists = std::filesystem::exists(status);
  const bool folder = std::filesystem::is_directory(status);

  if (kind == PathKind::kNewFile) {
    if (folder) {
      r.error(node, "not-a-file", quoted + " is a folder, not a file");
      return std::nullopt;
    }
    std::filesystem::path parent = path.parent_path();
    if (parent.empty()) parent = ".";
    if (!std::filesystem::is_directory(parent, ec)) {
      r.error(node, "missing-folder",
              "the folder of " + quoted + " does not exist (looked for " + parent.string() + ")");
      return std::nullopt;
    }
    return path;
  }
  if (!exists) {
    r.error(node, kind == PathKind::kFolder ? "missing-folder" : "missing-file",
            quoted + " not found" + looked_for(path, *given));
    return std::nullopt;
  }
  if (kind == PathKind::kFile && folder) {
    r.error(node, "not-a-file", quoted + " is a folder, not a file");
    return std::nullopt;
  }
  if (kind == PathKind::kFolder && !folder) {
    r.error(node, "not-a-folder", quoted + " is a file, not a folder");
    return std::nullopt;
  }
  return path;
}

}  // namespace propdesk
