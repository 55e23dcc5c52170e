#pragma once
// The git stage: the commit range a CiContext names, turned into a ChangeSet through libgit2.
#include <chrono>
#include <cstddef>
#include <iostream>
#include <string>

#include "ci/ci_context.h"
#include "git/change_set.h"
#include "git/git_fetcher.h"

namespace lamina {

struct ChangeSetOptions {
  bool allow_fetch = true;  // false (--no-fetch): a missing commit is an error with the fix
  bool names_only = false;  // file list only: no line ranges, no content-based binary flag
  // Binary and lfs_pointer now (what selection needs: one blob read per changed file), the line
  // diff later with compute_pending_lines: the scanners can start before it is done.
  bool defer_lines = false;
  size_t rename_limit = 1000;     // similarity search bound, as git's diff.renameLimit
  unsigned max_deepen = 6400;     // commits fetched at most while deepening towards a merge base
  GitFetcher* fetcher = nullptr;  // nullptr = the git CLI with lamina's own environment
  std::ostream* console = &std::cerr;  // each fetch is said here too (nullptr: in notes only)
  // The diff, rename search and line ranges (not the fetches, which have their own timeout) must
  // end by then, or lamina exits 3 naming the stage (see StageDeadline). 0 = no deadline.
  std::chrono::milliseconds deadline = std::chrono::minutes(10);
};

// Resolves ctx.range in the checkout containing `repo_dir` (fetching commits a shallow clone
// lacks) and lists what changed. Throws lamina::Error (exit 2) for a directory that is not a
// working tree, an unknown revision, or a commit that cannot be had, naming the fix.
ChangeSet compute_change_set(const std::string& repo_dir, const CiContext& ctx,
                             const ChangeSetOptions& opts);

// The line diff that defer_lines left out: one FileChange per set.pending_lines entry (path,
// binary, added_lines, hunks). Reads `set` only, so it may run on another thread while the
// scanners run. Throws Error (exit 2) for an unreadable blob; exits 3 past `deadline`, as the
// git stage does.
std::vector<FileChange> compute_pending_lines(
    const ChangeSet& set, std::chrono::milliseconds deadline = std::chrono::minutes(10));

// Moves `computed` lines into set.files (matched by path) and marks the lines known.
void apply_pending_lines(ChangeSet& set, std::vector<FileChange> computed);

}  // namespace lamina
