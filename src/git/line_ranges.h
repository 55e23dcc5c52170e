#pragma once
// Added line ranges and hunk extents (new-file side) of a diff's files.
#include <git2.h>

#include <vector>

#include "git/change_set.h"

namespace lamina::git {

// Fills added_lines, hunks and binary of `by_delta[i]` (the FileChange of delta i, or nullptr to
// skip it) in one pass over the diff: one blob load and one xdiff run per file, the same work as
// `git diff`, with git's default 3 lines of context for the hunks.
void add_line_ranges(git_diff* diff, const std::vector<FileChange*>& by_delta);

}  // namespace lamina::git
