#pragma once
// Every file of a commit's tree, for a full scan (no diff).
#include <git2.h>

#include <vector>

#include "git/change_set.h"

namespace lamina::git {

// The files of `tree` as `added` changes, sorted by path. With `detect_binary` each blob is read
// to set the binary flag (git's rule: a NUL byte in the first 8000 bytes, and the like).
std::vector<FileChange> tracked_files(git_repository* repo, const git_tree* tree,
                                      bool detect_binary);

}  // namespace lamina::git
