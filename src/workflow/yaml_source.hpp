// Parsing the YAML text of a configuration document (a workflow, a calendar, the engine
// configuration) within the load limits, a parse error becoming a diagnostic at its place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/diagnostic.hpp"
#include "propdesk/workflow_loader.hpp"  // LoadLimits
#include "workflow/yaml_tree.hpp"

namespace propdesk {

/// The parsed document, or nullopt after adding the parse error (syntax, not UTF-8, too large,
/// too deep, alias bomb ...) to `diagnostics` at its line and column in `source_name`.
std::optional<YamlDocument> parse_yaml_source(std::string_view text, const std::string& source_name,
                                              const LoadLimits& limits, std::vector<Diagnostic>& diagnostics);

}  // namespace propdesk
