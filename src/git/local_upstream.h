#pragma once
// The range of a local run: the merge base of HEAD with what the branch will be merged into.
#include <git2.h>

#include <optional>
#include <string>
#include <vector>

#include "git/commit_resolver.h"

namespace lamina::git {

struct LocalRange {
  std::optional<git_oid> base;  // nullopt: the empty tree (HEAD is unborn)
  std::optional<git_oid> head;  // nullopt: HEAD is unborn
};

// merge-base(HEAD, X) with X the branch's upstream, else origin/HEAD, else main, else master
// (local, then origin's). Without any of them, or without shared history, the base is HEAD
// itself, so only the working tree's changes count; the notes say which case applied.
LocalRange local_upstream_range(git_repository* repo, CommitResolver& resolver,
                                std::vector<std::string>* notes);

}  // namespace lamina::git
