// propdesk/workflow_loader.hpp: YAML workflow files -> compiled Workflow.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/diagnostic.hpp"
#include "propdesk/export.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Bounds that keep hostile or broken input from costing unbounded time or memory. A file beyond
/// them gets an error diagnostic, never a crash or a hang.
struct PROPDESK_API LoadLimits {
  std::size_t max_bytes = 8 * 1024 * 1024;  ///< larger files are refused before parsing
  int max_depth = 64;                       ///< nesting of mappings and sequences
  std::size_t max_nodes = 2'000'000;        ///< YAML nodes, counting every alias expansion
};

/// The outcome of loading: a workflow when there is no error, and every diagnostic found.
/// Diagnostics are sorted by position; the loader reports as many independent errors as it can in
/// one pass (a misspelt state in five transitions gives five errors).
struct PROPDESK_API LoadResult {
  std::shared_ptr<const Workflow> workflow;  ///< null when any error was found
  std::vector<Diagnostic> diagnostics;

  [[nodiscard]] bool ok() const { return workflow != nullptr; }
};

/// Loads a workflow from a file. I/O problems (missing file, unreadable) are error diagnostics at
/// the file's name. Thread-safe; never throws except std::bad_alloc.
PROPDESK_API LoadResult load_workflow_file(const std::filesystem::path& path,
                                           const LoadLimits& limits = {});

/// Loads a workflow from text held in memory; `source_name` is used in locations.
PROPDESK_API LoadResult load_workflow_string(std::string_view text,
                                             std::string source_name = "<string>",
                                             const LoadLimits& limits = {});

}  // namespace propdesk
