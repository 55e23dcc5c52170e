#pragma once
// A libgit2 diff turned into the change set's file list: renames found within a bound (like
// git's diff.renameLimit), then per file its status, flags and, when asked for, its added line
// ranges and hunks. Copies are never detected: a new file is added, whatever it resembles.
#include <git2.h>

#include <cstddef>
#include <string>
#include <vector>

#include "git/change_set.h"

namespace lamina::git {

struct DiffSettings {
  bool lines = true;      // added lines, hunks and content-based binary detection
  bool worktree = false;  // the new side is the working tree, not a commit
  // With `lines`, commit to commit: content flags now, the line diff left in `pending` (see
  // ChangeSetOptions::defer_lines).
  bool defer_lines = false;
  size_t rename_limit = 1000;
};

// Lists the files of `diff` sorted by path. Without `lines` no blob is read except those the
// bounded similarity search compares. Rename detection past the limit is noted in `notes`.
std::vector<FileChange> changes_of(git_repository* repo, git_diff* diff,
                                   const DiffSettings& settings, std::vector<std::string>* notes,
                                   std::vector<PendingLines>* pending = nullptr);

}  // namespace lamina::git
