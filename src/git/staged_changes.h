#pragma once
// `lamina scan --staged`: what is about to be committed. The change set is the index against
// HEAD, and the files' contents are the index's (the staged blobs), written to a temporary tree
// of their own, so a scanner never sees the working tree's copy of a file staged differently.
#include <string>

#include "git/change_set.h"
#include "git/compute_change_set.h"

namespace lamina::git {

// The index of the checkout containing `repo_dir` against HEAD (the empty tree in an unborn
// repository): base = HEAD's SHA ("" when unborn), head = "", lines from the staged blobs.
// Throws Error (exit 2) for a directory that is not a working tree.
ChangeSet staged_change_set(const std::string& repo_dir, const ChangeSetOptions& opts);

// Every file of the index, as staged, written under <temp_root>/lamina-staged-XXXXXX (mode
// 0700): paths inside it are the repository's. Removed with the object. Throws Error naming the
// folder when it cannot be created or written.
class StagedTree {
 public:
  StagedTree(const std::string& repo_dir, const std::string& temp_root);
  ~StagedTree();
  StagedTree(const StagedTree&) = delete;
  StagedTree& operator=(const StagedTree&) = delete;

  const std::string& path() const { return path_; }
  size_t file_count() const { return file_count_; }

 private:
  std::string path_;
  size_t file_count_ = 0;
};

}  // namespace lamina::git
