// `propdesk validate FILE...`: load and validate workflow files, printing findings like a compiler.
// A file named propdesk.yaml is checked as the engine configuration instead.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "propdesk/engine_config.hpp"
#include "propdesk/workflow_loader.hpp"
#include "propdesk/workflow_validator.hpp"

namespace propdesk::cli {

namespace {
struct ValidateOptions {
  std::vector<std::string> files;
  bool json = false;
};

nlohmann::json json_findings(const std::vector<Diagnostic>& findings) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : findings) {
    items.push_back({{"file", d.where.file},
                     {"line", d.where.line},
                     {"column", d.where.column},
                     {"severity", std::string(to_string(d.severity))},
                     {"code", d.code},
                     {"message", d.message}});
  }
  return items;
}

// The engine configuration: its own findings and those of the calendar files it names.
bool validate_config(const std::string& file, bool json, nlohmann::json& report) {
  EngineConfigLoadResult loaded = load_engine_config_file(file);
  const bool errors = has_errors(loaded.diagnostics);
  if (json) {
    nlohmann::json entry = {{"file", file},
                            {"ok", !errors},
                            {"diagnostics", json_findings(loaded.diagnostics)},
                            {"configuration", true}};
    if (loaded.ok()) {
      entry["workflows"] = loaded.config->workflows.size();
      entry["calendars"] = loaded.config->calendars.names();
      entry["severity_rules"] = loaded.config->complaint_rules.size();
    }
    report.push_back(entry);
    return !errors;
  }
  for (const auto& d : loaded.diagnostics) std::cerr << d.to_string() << '\n';
  if (loaded.ok()) {
    const EngineConfig& c = *loaded.config;
    auto count = [](std::size_t n, const char* noun) {
      return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
    };
    std::cout << file << ": ok: engine configuration, " << count(c.workflows.size(), "workflow file")
              << ", " << count(c.calendars.names().size(), "calendar") << ", "
              << count(c.complaint_rules.size(), "severity rule") << '\n';
  } else {
    std::cout << file << ": invalid\n";
  }
  return !errors;
}

int run_validate(const ValidateOptions& opt) {
  bool any_error = false;
  nlohmann::json report = nlohmann::json::array();
  for (const auto& file : opt.files) {
    if (std::filesystem::path(file).filename() == kEngineConfigFileName) {
      any_error = !validate_config(file, opt.json, report) || any_error;
      continue;
    }
    LoadResult loaded = load_workflow_file(file);
    std::vector<Diagnostic> findings = std::move(loaded.diagnostics);
    if (loaded.ok()) {
      auto more = validate_workflow(*loaded.workflow);
      findings.insert(findings.end(), more.begin(), more.end());
    }
    const bool errors = has_errors(findings);
    any_error = any_error || errors;
    if (opt.json) {
      nlohmann::json entry = {{"file", file}, {"ok", !errors}, {"diagnostics", json_findings(findings)}};
      if (loaded.ok()) {
        entry["workflow"] = loaded.workflow->name();
        entry["version"] = loaded.workflow->version();
        entry["states"] = loaded.workflow->states().size();
        entry["transitions"] = loaded.workflow->transitions().size();
      }
      report.push_back(entry);
    } else {
      for (const auto& d : findings) std::cerr << d.to_string() << '\n';
      if (loaded.ok()) {
        const Workflow& w = *loaded.workflow;
        std::cout << file << ": " << (errors ? "invalid" : "ok") << ": workflow '" << w.name() << "' v"
                  << w.version() << ", " << w.states().size() << " states, " << w.transitions().size()
                  << " transitions, " << w.clocks().size() << " clocks\n";
      } else {
        std::cout << file << ": invalid\n";
      }
    }
  }
  if (opt.json) std::cout << report.dump(2) << '\n';
  return any_error ? 1 : 0;
}
}  // namespace

void add_validate_command(CLI::App& app) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check workflow files (and propdesk.yaml, the engine configuration); exit 1 when any has an error");
  cmd->add_option("files", opt->files, "Workflow YAML files")->required();
  cmd->add_flag("--json", opt->json, "Print the findings as JSON");
  cmd->callback([opt] { std::exit(run_validate(*opt)); });
}

}  // namespace propdesk::cli
