#include "git/staged_changes.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "git/diff_changes.h"
#include "git/repository.h"
#include "git/stage_deadline.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina::git {
namespace {

using IndexPtr = std::unique_ptr<git_index, Freer<git_index, git_index_free>>;

IndexPtr repository_index(git_repository* repo) {
  git_index* raw = nullptr;
  check(git_repository_index(&raw, repo), "cannot read the index (the staging area)");
  return IndexPtr(raw);
}

}  // namespace

ChangeSet staged_change_set(const std::string& repo_dir, const ChangeSetOptions& opts) {
  ChangeSet set;
  RepositoryPtr repo = open_checkout(repo_dir);
  TreePtr head_tree;
  if (git_repository_head_unborn(repo.get()) == 1) {
    set.notes.push_back("Staged: HEAD has no commits yet, so every staged file counts as added.");
  } else {
    git_oid head;
    check(git_reference_name_to_id(&head, repo.get(), "HEAD"), "cannot resolve HEAD");
    set.base = oid_hex(head);
    head_tree = commit_tree(lookup_commit(repo.get(), head).get());
    set.notes.push_back("Staged: the index against HEAD " + set.base +
                        "; files are read as staged, not from the working tree.");
  }
  set.lines_known = !opts.names_only;
  StageDeadline deadline("computing the staged change set (diff, renames, line ranges)",
                         opts.deadline);
  IndexPtr index = repository_index(repo.get());
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
  if (opts.names_only) options.flags |= GIT_DIFF_SKIP_BINARY_CHECK;
  git_diff* raw = nullptr;
  check(git_diff_tree_to_index(&raw, repo.get(), head_tree.get(), index.get(), &options),
        "cannot diff the index against HEAD");
  DiffPtr diff(raw);
  DiffSettings settings{!opts.names_only, false, false, opts.rename_limit};
  set.files = changes_of(repo.get(), diff.get(), settings, &set.notes);
  return set;
}

StagedTree::StagedTree(const std::string& repo_dir, const std::string& temp_root) {
  RepositoryPtr repo = open_checkout(repo_dir);
  path_ = make_private_directory(temp_root, "lamina-staged-", "the folder for the staged files");
  try {
    IndexPtr index = repository_index(repo.get());
    file_count_ = git_index_entrycount(index.get());
    git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
    // Into the temporary folder only: the working tree and the index stay as they are.
    options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX;
    options.target_directory = path_.c_str();
    check(git_checkout_index(repo.get(), index.get(), &options),
          "cannot write the staged files to " + path_);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
    throw;
  }
}

StagedTree::~StagedTree() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace lamina::git
