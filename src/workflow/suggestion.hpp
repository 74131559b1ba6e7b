// "Did you mean ...?": the nearest known name to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace propdesk {

/// The candidate closest to `word` by edit distance (insertions, deletions, substitutions and
/// swaps of neighbours), if it is close enough to be a plausible typo: at most a third of the
/// word's length, and at least 1; words under three letters get none. Ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace propdesk
