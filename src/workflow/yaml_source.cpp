#include "workflow/yaml_source.hpp"

#include <utility>
#include <variant>

namespace propdesk {

std::optional<YamlDocument> parse_yaml_source(std::string_view text, const std::string& source_name,
                                              const LoadLimits& limits, std::vector<Diagnostic>& diagnostics) {
  auto parsed = parse_yaml(text, YamlTreeLimits{limits.max_bytes, limits.max_depth, limits.max_nodes});
  if (auto* err = std::get_if<YamlParseError>(&parsed)) {
    diagnostics.push_back(
        {DiagnosticSeverity::kError, {source_name, err->line, err->column}, err->code, err->message});
    return std::nullopt;
  }
  return std::move(std::get<YamlDocument>(parsed));
}

}  // namespace propdesk
