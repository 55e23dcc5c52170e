#pragma once
// reviewdog's diff filter: annotates each finding with where it sits relative to the change, and
// says whether it counts under a mode. It never drops a finding.
#include <optional>
#include <string>
#include <vector>

#include "git/change_set.h"
#include "model/finding.h"

namespace lamina {

enum class FilterMode { added, context, file, all };

std::optional<FilterMode> parse_filter_mode(const std::string& text);
const char* to_string(FilterMode mode);

// Sets finding.diff_position for every finding. A multi-line finding is on added lines when any
// of its lines is added; one without a line is when the change added lines to its file, added
// the file or changed it as a binary (a renamed binary with no added line is not changed).
// Findings without a repository path (URLs, artifacts) stay `unknown`.
void annotate_diff_positions(std::vector<Finding>& findings, const ChangeSet& changes);

// Whether an annotated finding counts for the gate under `mode`. Findings with an unknown position
// (no file in the repository, or a full scan) always count.
bool passes_filter(const Finding& finding, FilterMode mode);

}  // namespace lamina
