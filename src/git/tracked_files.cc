#include "git/tracked_files.h"

#include <algorithm>

#include "git/blob_kind.h"
#include "git/repository.h"
#include "util/error.h"

namespace lamina::git {
namespace {

struct Walk {
  git_repository* repo;
  bool detect_binary;
  std::vector<FileChange> files;
  std::string error;  // set when the walk stopped: no exception may cross libgit2's C frames
};

int on_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto& walk = *static_cast<Walk*>(payload);
  git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode == GIT_FILEMODE_TREE) return 0;
  FileChange file;
  file.path = std::string(root) + git_tree_entry_name(entry);
  file.status = ChangeStatus::added;
  file.submodule = mode == GIT_FILEMODE_COMMIT;
  file.symlink = mode == GIT_FILEMODE_LINK;
  if (walk.detect_binary && !file.submodule && !file.symlink) {
    git_blob* blob = nullptr;
    if (git_blob_lookup(&blob, walk.repo, git_tree_entry_id(entry)) != 0) {
      walk.error = "cannot read " + file.path + ": " + last_error_message();
      return -1;
    }
    classify_content(blob, &file);
    git_blob_free(blob);
  }
  walk.files.push_back(std::move(file));
  return 0;
}

}  // namespace

std::vector<FileChange> tracked_files(git_repository* repo, const git_tree* tree,
                                      bool detect_binary) {
  Walk walk{repo, detect_binary, {}, {}};
  if (git_tree_walk(tree, GIT_TREEWALK_PRE, on_entry, &walk) != 0) {
    throw Error("cannot list the tracked files: " +
                (walk.error.empty() ? last_error_message() : walk.error));
  }
  std::sort(walk.files.begin(), walk.files.end(),
            [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  return std::move(walk.files);
}

}  // namespace lamina::git
