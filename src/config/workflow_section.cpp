// `workflows:` the workflow files an engine loads. A folder stands for its *.yaml files (sorted by
// name, not its subfolders), except the configuration file itself.
#include <algorithm>
#include <map>
#include <string>
#include <system_error>

#include "config/config_path.hpp"
#include "config/config_sections.hpp"

namespace propdesk {

namespace {

std::filesystem::path identity(const std::filesystem::path& p) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(p, ec);
  return ec ? p : canonical;
}

class WorkflowSection {
 public:
  WorkflowSection(ConfigContext& ctx, std::vector<WorkflowSource>& out) : ctx_(ctx), out_(out) {}

  void read_item(const YamlNode& item) {
    auto path = read_config_path(ctx_, item, "workflow file or folder", PathKind::kFileOrFolder);
    if (!path) return;
    std::error_code ec;
    if (!std::filesystem::is_directory(*path, ec)) return add(*path, item);
    std::vector<std::filesystem::path> files = files_in(*path, item);
    if (files.empty() && !failed_) {
      ctx_.reader.error(item, "empty-folder",
                        "folder '" + item.scalar + "' holds no workflow files (*.yaml)");
    }
    for (const auto& file : files) add(file, item);
  }

 private:
  std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                              const YamlNode& item) {
    failed_ = false;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::filesystem::path& p = it->path();
      if (p.extension() != ".yaml" || p.filename() == kEngineConfigFileName) continue;
      std::error_code kind_ec;
      if (!it->is_regular_file(kind_ec)) continue;
      if (!ctx_.self.empty() && std::filesystem::equivalent(p, ctx_.self, kind_ec)) continue;
      files.push_back(p);
    }
    if (ec) {
      ctx_.reader.error(item, "io", "cannot read folder '" + item.scalar + "': " + ec.message());
      failed_ = true;
      return {};
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  void add(const std::filesystem::path& file, const YamlNode& item) {
    auto [it, fresh] = seen_.try_emplace(identity(file), &item);
    if (!fresh) {
      ctx_.reader.warning(item, "duplicate-workflow",
                          "workflow file " + file.string() + " is already listed at line " +
                              std::to_string(it->second->line));
      return;
    }
    out_.push_back({file, ctx_.reader.where(item)});
  }

  ConfigContext& ctx_;
  std::vector<WorkflowSource>& out_;
  std::map<std::filesystem::path, const YamlNode*> seen_;
  bool failed_ = false;
};

}  // namespace

void read_workflow_section(ConfigContext& ctx, const YamlNode& node,
                           std::vector<WorkflowSource>& out) {
  if (node.is_null()) return;
  WorkflowSection section(ctx, out);
  if (node.is_scalar()) return section.read_item(node);
  if (!node.is_sequence()) {
    ctx.reader.error(
        node, "wrong-type",
        "workflows must be a path or a list of paths (files or folders), not " + node.describe());
    return;
  }
  for (const YamlNode* item : node.items) section.read_item(*item);
}

}  // namespace propdesk
