#pragma once
// Owning handles for the libgit2 objects the git stage uses, and the one way lamina opens a
// checkout (with the errors a user can act on).
#include <git2.h>

#include <memory>
#include <string>

namespace lamina::git {

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* handle) const { Free(handle); }
};

using RepositoryPtr = std::unique_ptr<git_repository, Freer<git_repository, git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, Freer<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Freer<git_tree, git_tree_free>>;
using DiffPtr = std::unique_ptr<git_diff, Freer<git_diff, git_diff_free>>;
using ObjectPtr = std::unique_ptr<git_object, Freer<git_object, git_object_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Freer<git_reference, git_reference_free>>;

// libgit2's message for the last failed call, or `fallback` when it left none.
std::string last_error_message(const std::string& fallback = "unknown libgit2 error");

// Throws lamina::Error("<what>: <libgit2 message>") when `rc` is negative.
void check(int rc, const std::string& what);

// Opens the working tree that contains `dir` (searching parent directories like git does).
// Throws lamina::Error naming the directory and the fix for a missing directory, a directory
// outside any repository, a bare repository, or one owned by another user.
RepositoryPtr open_checkout(const std::string& dir);

std::string oid_hex(const git_oid& oid);

// True when `text` is a full 40-digit hexadecimal object name (the only form lamina fetches).
bool is_full_sha(const std::string& text);

CommitPtr lookup_commit(git_repository* repo, const git_oid& oid);
TreePtr commit_tree(const git_commit* commit);

}  // namespace lamina::git
