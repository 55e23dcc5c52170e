#include "git/git_library.h"

#include <git2.h>

#include "git/repository.h"
#include "git/tracked_files.h"

namespace lamina::git {

GitLibrary::GitLibrary() {
  git_libgit2_init();
}
GitLibrary::~GitLibrary() {
  git_libgit2_shutdown();
}

std::string libgit2_version() {
  int major = 0, minor = 0, rev = 0;
  git_libgit2_version(&major, &minor, &rev);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(rev);
}

void trust_workspace_owner() {
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

bool has_checkout(const std::string& dir) {
  return git_repository_open_ext(nullptr, dir.c_str(), 0, nullptr) != GIT_ENOTFOUND;
}

std::vector<std::string> files_tracked_at(const std::string& repo_root, const std::string& commit) {
  if (!is_full_sha(commit)) return {};
  RepositoryPtr repo = open_checkout(repo_root);
  git_oid oid;
  check(git_oid_fromstr(&oid, commit.c_str()), "commit " + commit);
  CommitPtr head = lookup_commit(repo.get(), oid);
  TreePtr tree = commit_tree(head.get());
  std::vector<std::string> paths;
  for (FileChange& f : tracked_files(repo.get(), tree.get(), false))
    paths.push_back(std::move(f.path));
  return paths;
}

}  // namespace lamina::git
