// Looking at diagnostics in tests of every layer that loads files (workflows, calendars, the
// engine configuration).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/diagnostic.hpp"

namespace propdesk::testing_support {

/// Every diagnostic, one per line, for failure messages.
inline std::string dump(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += d.to_string() + "\n";
  return out;
}

/// The first diagnostic with `code`, or nullptr.
inline const Diagnostic* find_code(const std::vector<Diagnostic>& ds, std::string_view code) {
  auto it = std::find_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; });
  return it == ds.end() ? nullptr : &*it;
}

}  // namespace propdesk::testing_support
