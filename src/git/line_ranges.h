#pragma once
// Added line ranges and hunk extents (new-file side), with git's default 3 lines of context for
// the hunks: one blob load per side and one xdiff run per file, the same work as `git diff`.
#include <git2.h>

#include <optional>
#include <string>
#include <vector>

#include "git/change_set.h"

namespace lamina::git {

// Fills added_lines, hunks and binary of `by_delta[i]` (the FileChange of delta i, or nullptr to
// skip it) in one pass over `diff`. For diffs whose new side is the working tree.
void add_line_ranges(git_diff* diff, const std::vector<FileChange*>& by_delta);

// One file of a commit-to-commit diff: its blobs (nullopt for a side that does not exist).
struct BlobPair {
  FileChange* change = nullptr;
  std::optional<git_oid> old_blob;
  std::optional<git_oid> new_blob;
};

// The same for commit-to-commit diffs, from the blobs' contents only (binary and lfs_pointer by
// content, a changed binary file's every line added), spread over the machine's cores: each
// worker thread
// opens its own handle on the repository at `git_dir` (libgit2 handles are not shared across
// threads) and diffs whole files, so no FileChange is touched by two threads.
void add_blob_line_ranges(const std::string& git_dir, const std::vector<BlobPair>& pairs);

// Only binary and lfs_pointer, from each pair's new blob, over the machine's cores in the same
// way: what file selection needs, without the line diff (ChangeSetOptions::defer_lines).
void add_blob_kinds(const std::string& git_dir, const std::vector<BlobPair>& pairs);

}  // namespace lamina::git
