// What every section of the engine configuration file is read with: the YAML reader (positions,
// messages), the folder its paths are relative to, and the limits for the files it refers to.
#pragma once

#include <filesystem>
#include <vector>

#include "propdesk/diagnostic.hpp"
#include "propdesk/workflow_loader.hpp"
#include "workflow/yaml_reader.hpp"

namespace propdesk {

struct ConfigContext {
  YamlReader& reader;
  /// Every finding, also those of the calendar and .ics files the configuration refers to.
  std::vector<Diagnostic>& out;
  /// The configuration file's folder (empty: the current directory).
  std::filesystem::path base_dir;
  /// The configuration file itself; empty when it was read from memory.
  std::filesystem::path self;
  LoadLimits limits;
};

}  // namespace propdesk
