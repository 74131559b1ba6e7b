#include "propdesk/workflow_lookup.hpp"

#include <map>
#include <string>
#include <utility>

namespace propdesk {

WorkflowLookup workflow_lookup(std::vector<std::shared_ptr<const Workflow>> workflows) {
  using Key = std::pair<std::string, int>;
  auto index = std::make_shared<std::map<Key, std::shared_ptr<const Workflow>, std::less<>>>();
  for (auto& w : workflows) {
    if (w) index->emplace(Key{w->name(), w->version()}, std::move(w));
  }
  return [index](std::string_view name, int version) -> std::shared_ptr<const Workflow> {
    const auto it = index->find(Key{std::string(name), version});
    return it == index->end() ? nullptr : it->second;
  };
}

}  // namespace propdesk
