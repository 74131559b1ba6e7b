#include "propdesk/plugin_loader.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <set>

#include "model/utf8.hpp"
#include "plugin/abi_views.hpp"
#include "plugin/plugin_call.hpp"
#include "plugin/plugin_registration.hpp"
#include "plugin/shared_object.hpp"

namespace propdesk {

std::string PluginFailure::to_string() const {
  if (!file.empty()) return file.string() + ": " + reason;
  return "plugin '" + name + "': " + reason;
}

namespace {

namespace fs = std::filesystem;

// The descriptor's size up to `register_plugin`, its last member in API 1.0.
constexpr std::size_t kDescriptorV1Size =
    offsetof(propdesk_plugin_descriptor, register_plugin) + sizeof(propdesk_plugin_descriptor::register_plugin);

// A plugin file whose descriptor passed the checks.
struct Candidate {
  PluginInfo info;
  propdesk_plugin_descriptor descriptor{};  // a copy; the plugin's strings stay mapped
};

// A descriptor string: "" for NULL; nullopt when it is too long or not UTF-8.
std::optional<std::string> descriptor_text(const char* s, std::size_t max) {
  if (s == nullptr) return std::string();
  const std::size_t n = strnlen(s, max + 1);
  if (n > max) return std::nullopt;
  std::string t(s, n);
  if (find_invalid_utf8(t)) return std::nullopt;
  return t;
}

std::string api_text(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// Opens `file` and checks its descriptor; a Candidate, or the reason it is refused.
std::variant<Candidate, std::string> inspect(const fs::path& file) {
  auto opened = plugin::open_plugin_file(file);
  if (auto* why = std::get_if<std::string>(&opened)) return *why;
  const auto entry = std::get<propdesk_plugin_entry_fn>(opened);

  plugin::TextBuffer text;
  const propdesk_plugin_descriptor* d = nullptr;
  const propdesk_status called = plugin::call_plugin(text, [&] {
    d = entry();
    return PROPDESK_STATUS_OK;
  });
  if (called != PROPDESK_STATUS_OK) return "entry point " + text.text();
  if (d == nullptr) return std::string("entry point returned no descriptor");
  // api_major, api_minor and size come first in every version: safe to read before the size.
  if (d->api_major != PROPDESK_PLUGIN_API_MAJOR) {
    return "built for plugin API " + api_text(d->api_major, d->api_minor) + "; this propdesk loads API " +
           std::to_string(PROPDESK_PLUGIN_API_MAJOR) + ".x plugins (rebuild it against this propdesk)";
  }
  if (d->size < kDescriptorV1Size) {
    return "descriptor too small: " + std::to_string(d->size) + " bytes, plugin API " +
           std::to_string(PROPDESK_PLUGIN_API_MAJOR) + ".0 needs at least " + std::to_string(kDescriptorV1Size);
  }
  Candidate c;
  std::memcpy(&c.descriptor, d, std::min<std::size_t>(d->size, sizeof c.descriptor));
  const auto& desc = c.descriptor;
  const auto name = descriptor_text(desc.name, 64);
  if (!name || !is_valid_plugin_name(*name)) {
    return "malformed plugin name '" + (desc.name == nullptr ? std::string("(null)") : name.value_or("?")) +
           "' (expected [a-z][a-z0-9_.-]*, at most 64 bytes)";
  }
  const auto version = descriptor_text(desc.version, 64);
  const auto description = descriptor_text(desc.description, 1000);
  if (!version) return "plugin '" + *name + "': version is not UTF-8 or longer than 64 bytes";
  if (!description) return "plugin '" + *name + "': description is not UTF-8 or longer than 1000 bytes";
  if (desc.register_plugin == nullptr) return "plugin '" + *name + "': descriptor has no register function";
  c.info = {*name, *version, *description, desc.api_major, desc.api_minor, file};
  return c;
}

// Calls the plugin's register function and adds what it registered; "" or the reason it failed.
std::string register_plugin(PluginRegistry& registry, const Candidate& c, const Settings& settings) {
  plugin::PluginRegistration registration(registry, c.info.name, settings);
  plugin::TextBuffer error;
  const propdesk_status status = plugin::call_plugin(error, [&] {
    return c.descriptor.register_plugin(&registration.host(), error.data(), error.size());
  });
  // The items are dropped (released) when `registration` goes, unless handed to the registry.
  if (status != PROPDESK_STATUS_OK) return "registration failed: " + plugin::failure_text(error, status);
  if (!registration.refusal().empty()) return "registration failed: " + registration.refusal();
  try {
    registry.add_plugin(c.info, registration.take());
  } catch (const std::invalid_argument& e) {
    return std::string("registration failed: ") + e.what();
  }
  return {};
}

// The files to look at: each folder's *.so files sorted by name, files named directly, each file
// once (by its canonical path).
std::vector<fs::path> plugin_files(const std::vector<fs::path>& paths, std::vector<PluginFailure>& failed) {
  std::vector<fs::path> out;
  std::set<fs::path> seen;
  const auto take = [&](const fs::path& file) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : canonical).second) out.push_back(file);
  };
  for (const fs::path& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->path().extension() == ".so" && it->is_regular_file(type_ec)) files.push_back(it->path());
      }
      if (ec) {
        failed.push_back({path, "", "cannot list the folder: " + ec.message()});
        continue;
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) take(f);
    } else if (fs::exists(path, ec)) {
      take(path);
    } else {
      failed.push_back({path, "", "no such folder or file"});
    }
  }
  return out;
}

std::string paths_text(const std::vector<fs::path>& paths) {
  if (paths.empty()) return "(no plugin folders given)";
  std::string out;
  for (const fs::path& p : paths) out += (out.empty() ? "" : ", ") + p.string();
  return out;
}

}  // namespace

PluginLoadReport load_plugins(PluginRegistry& registry, const PluginLoadOptions& options) {
  PluginLoadReport report;
  std::vector<Candidate> candidates;
  std::map<std::string, std::size_t, std::less<>> by_name;  // into candidates

  for (const fs::path& file : plugin_files(options.paths, report.failed)) {
    auto inspected = inspect(file);
    if (auto* why = std::get_if<std::string>(&inspected)) {
      report.failed.push_back({file, "", std::move(*why)});
      continue;
    }
    Candidate& c = std::get<Candidate>(inspected);
    if (auto it = by_name.find(c.info.name); it != by_name.end()) {
      report.failed.push_back({file, c.info.name,
                               "plugin name '" + c.info.name + "' is already used by " +
                                   candidates[it->second].info.file.string()});
      continue;
    }
    if (auto loaded = registry.plugin(c.info.name); loaded) {
      std::error_code ec;
      if (!fs::equivalent(loaded->file, file, ec)) {
        report.failed.push_back({file, c.info.name,
                                 "plugin name '" + c.info.name + "' is already used by " + loaded->file.string()});
        continue;
      }
    }
    by_name.emplace(c.info.name, candidates.size());
    candidates.push_back(std::move(c));
  }

  // What to register, in order: every candidate (load_all) or the requested ones.
  std::vector<std::pair<const Candidate*, const Settings*>> selected;
  std::vector<bool> chosen(candidates.size(), false);
  static const Settings kNoSettings;
  if (options.load_all) {
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      selected.emplace_back(&candidates[i], &kNoSettings);
      chosen[i] = true;
    }
  } else {
    for (const PluginRequest& request : options.load) {
      auto it = by_name.find(request.name);
      if (it == by_name.end()) {
        report.failed.push_back({{}, request.name, "not found in " + paths_text(options.paths)});
      } else if (chosen[it->second]) {
        report.failed.push_back({{}, request.name, "requested more than once"});
      } else {
        chosen[it->second] = true;
        selected.emplace_back(&candidates[it->second], &request.settings);
      }
    }
  }
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (!chosen[i]) report.found.push_back(candidates[i].info);

  for (const auto& [candidate, settings] : selected) {
    if (registry.plugin(candidate->info.name)) {  // loaded from this very file before
      report.loaded.push_back(candidate->info);
      continue;
    }
    std::string why = register_plugin(registry, *candidate, *settings);
    if (why.empty()) {
      report.loaded.push_back(candidate->info);
    } else {
      report.failed.push_back({candidate->info.file, candidate->info.name, std::move(why)});
    }
  }

  for (const PluginFailure& f : report.failed) {
    registry.report({PluginMessage::Level::kError, f.name, f.to_string()});
  }
  return report;
}

}  // namespace propdesk
