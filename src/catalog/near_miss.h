#pragma once
// "Did you mean ...?" for misspelt keys and names.
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

// The candidate closest to `word` by edit distance, or "" when none is close enough to be a
// plausible typo (distance at most a third of the word's length, and at least 1 allowed).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace lamina
