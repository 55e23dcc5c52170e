#include "git/repository.h"

#include <sys/stat.h>

#include "util/error.h"

namespace lamina::git {
namespace {

// git_libgit2_init is reference counted; one reference held for the life of the process keeps
// libgit2's global state (caches, TLS) alive between calls.
void ensure_libgit2() {
  static const int initialised = [] {
    int rc = git_libgit2_init();
    // libgit2 re-hashes every object it reads with collision-detecting SHA-1 (a sixth of the
    // time of a line diff); git trusts its packs, whose checksums were verified when fetched.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return rc;
  }();
  (void)initialised;
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

std::string last_error_message(const std::string& fallback) {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : fallback;
}

void check(int rc, const std::string& what) {
  if (rc < 0) throw Error(what + ": " + last_error_message());
}

RepositoryPtr open_checkout(const std::string& dir) {
  ensure_libgit2();
  if (!is_directory(dir)) {
    throw Error("repository directory " + dir +
                " does not exist or is not a directory; pass the checkout's path (-C DIR)");
  }
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
  RepositoryPtr repo(raw);
  if (rc == GIT_ENOTFOUND) {
    throw Error(dir +
                " is not inside a git repository; run lamina in the checkout to scan "
                "(or pass -C DIR), or create one with `git init`");
  }
  if (rc == GIT_EOWNER) {
    throw Error("git refuses " + dir + ": it is owned by another user (" + last_error_message() +
                "); fix: `git config --global --add safe.directory " + dir + "`");
  }
  check(rc, "cannot open the git repository at " + dir);
  if (git_repository_is_bare(repo.get())) {
    throw Error(dir +
                " is a bare repository (no working tree); run lamina in a checkout: "
                "`git clone " +
                dir + " <dir>` or `git worktree add <dir>`");
  }
  return repo;
}

std::string oid_hex(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, &oid);
  return text;
}

bool is_full_sha(const std::string& text) {
  if (text.size() != GIT_OID_HEXSZ) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

CommitPtr lookup_commit(git_repository* repo, const git_oid& oid) {
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo, &oid), "cannot read commit " + oid_hex(oid));
  return CommitPtr(raw);
}

TreePtr commit_tree(const git_commit* commit) {
  git_tree* raw = nullptr;
  check(git_commit_tree(&raw, commit),
        "cannot read the tree of commit " + oid_hex(*git_commit_id(commit)));
  return TreePtr(raw);
}

}  // namespace lamina::git
