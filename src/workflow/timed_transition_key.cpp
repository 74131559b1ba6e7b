#include "workflow/timed_transition_key.hpp"

#include <charconv>

namespace propdesk {

namespace {
constexpr std::string_view kPrefix = "after:";
}  // namespace

std::string timed_transition_key(std::size_t index) {
  return std::string(kPrefix) + std::to_string(index);
}

std::optional<std::size_t> timed_transition_index(std::string_view key) {
  if (!key.starts_with(kPrefix)) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (error != std::errc() || end != key.data() + key.size() || key.empty()) return std::nullopt;
  return index;
}

}  // namespace propdesk
