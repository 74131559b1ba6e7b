#include "engine/field_input.hpp"

#include <string>
#include <vector>

#include "workflow/suggestion.hpp"

namespace propdesk {

std::optional<Rejection> check_input(const Workflow& w, const Fields& fields) {
  for (const auto& [name, value] : fields) {
    auto id = w.find_field(name);
    if (!id) {
      std::vector<std::string> names;
      for (const auto& f : w.fields()) names.push_back(f.name);
      return Rejection{Rejection::Reason::kInvalidInput,
                       "unknown field '" + name + "' in workflow '" + w.name() + "'" + did_you_mean(name, names),
                       name, {}};
    }
    if (std::string problem = w.field(*id).check(value); !problem.empty())
      return Rejection{Rejection::Reason::kInvalidInput, "field '" + name + "': " + problem, name, {}};
  }
  return std::nullopt;
}

std::optional<Rejection> complete_for_creation(const Workflow& w, Fields& fields) {
  for (const FieldDef& f : w.fields()) {
    auto it = fields.find(f.name);
    const bool missing = it == fields.end() || it->second.is_null();
    if (missing && f.default_value) {
      fields.insert_or_assign(f.name, *f.default_value);
    } else if (missing && f.required) {
      return Rejection{Rejection::Reason::kMissingInput,
                       "field '" + f.name + "' is required to create a '" + w.name() + "' ticket", f.name, {}};
    }
  }
  return std::nullopt;
}

}  // namespace propdesk
