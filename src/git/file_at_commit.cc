#include "git/file_at_commit.h"

#include "git/repository.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina::git {
namespace {

using TreeEntryPtr = std::unique_ptr<git_tree_entry, Freer<git_tree_entry, git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, Freer<git_blob, git_blob_free>>;

bool is_regular_file(git_filemode_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

}  // namespace

std::optional<std::string> read_file_at_commit(const std::string& repo_dir,
                                               const std::string& commit, const std::string& path) {
  RepositoryPtr repo = open_checkout(repo_dir);
  git_object* raw_commit = nullptr;
  check(git_revparse_single(&raw_commit, repo.get(), (commit + "^{commit}").c_str()),
        "cannot read commit " + commit);
  ObjectPtr commit_object(raw_commit);
  TreePtr tree = commit_tree(reinterpret_cast<const git_commit*>(commit_object.get()));

  git_tree_entry* raw_entry = nullptr;
  int rc = git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot read " + in_quotes(path) + " at " + commit);
  TreeEntryPtr entry(raw_entry);
  // As in the working tree, a symlink could name a file whose contents would surface in errors.
  if (!is_regular_file(git_tree_entry_filemode(entry.get()))) {
    throw Error(in_quotes(path) + " at " + commit.substr(0, 12) +
                ": not a regular file (a symlink, folder or submodule); lamina reads only a "
                "regular file");
  }
  git_blob* raw_blob = nullptr;
  check(git_blob_lookup(&raw_blob, repo.get(), git_tree_entry_id(entry.get())),
        "cannot read " + in_quotes(path) + " at " + commit);
  BlobPtr blob(raw_blob);
  const char* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(bytes, static_cast<size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace lamina::git
