#include "propdesk/pii_mask.hpp"

#include <vector>

#include "model/utf8.hpp"

namespace propdesk {

std::string mask_pii(std::string_view text) {
  const std::vector<std::string_view> chars = split_utf8_characters(text);
  const std::size_t n = chars.size();
  const std::size_t head = n >= 8 ? 3 : 1;
  const std::size_t tail = n >= 8 ? 4 : 0;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i < head || i >= n - tail) {
      out.append(chars[i]);
    } else {
      out += '*';
    }
  }
  return out;
}

bool is_pii_field(const Workflow* workflow, std::string_view name) {
  if (workflow == nullptr) return name != "location";
  const auto id = workflow->find_field(name);
  return id && workflow->field(*id).pii;
}

Fields present_fields(const Fields& fields, const Workflow* workflow, bool show_pii) {
  if (show_pii) return fields;
  Fields out;
  for (const auto& [name, value] : fields) {
    const bool mask = !value.is_null() && is_pii_field(workflow, name);
    out.emplace(name, mask ? Value(mask_pii(value.to_string())) : value);
  }
  return out;
}

}  // namespace propdesk
