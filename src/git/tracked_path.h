#pragma once
// Whether git tracks a path of the checkout: a folder lamina writes into must not be one the
// change can commit files (or a symlink) into.
#include <string>

namespace lamina::git {

// True when `path` (absolute, lexically normal) or anything below it is in the index of the
// checkout containing `checkout_dir`. False for a path outside its working tree. Throws Error
// when the checkout cannot be opened.
bool is_tracked(const std::string& checkout_dir, const std::string& path);

// The git directory of the checkout containing `checkout_dir` (a linked worktree's own one),
// without a trailing slash: git never tracks what is in it, so a local run keeps its reports
// there. Throws Error when the checkout cannot be opened.
std::string git_directory(const std::string& checkout_dir);

}  // namespace lamina::git
