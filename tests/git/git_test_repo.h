#pragma once
// Real repositories made by the git tests, and readable printing of change-set values.
#include <git2.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "ci/ci_context.h"
#include "git/change_set.h"
#include "test_support.h"

namespace lamina {

inline void PrintTo(const LineRange& range, std::ostream* out) {
  *out << "[" << range.first << "," << range.last << "]";
}

inline void PrintTo(const FileChange& file, std::ostream* out) {
  *out << "{" << to_string(file.status) << " \"" << file.path << "\"";
  if (!file.old_path.empty()) *out << " from \"" << file.old_path << "\"";
  if (file.binary) *out << " binary";
  if (file.lfs_pointer) *out << " lfs-pointer";
  if (file.submodule) *out << " submodule";
  if (file.symlink) *out << " symlink";
  *out << " added";
  for (const LineRange& range : file.added_lines) PrintTo(range, out);
  *out << " hunks";
  for (const LineRange& range : file.hunks) PrintTo(range, out);
  *out << "}";
}

namespace test {

// A non-bare repository in a temporary directory; commits use test::git's fixed identity.
class GitRepo {
 public:
  GitRepo() { test::git(dir_.path(), {"init", "-q"}); }
  // A clone of `url` made with `git clone -q ARGS... URL`.
  GitRepo(const std::string& url, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"clone", "-q"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {url, dir_.path()});
    test::git(dir_.path(), argv);
  }
  const std::string& path() const { return dir_.path(); }
  std::string url() const { return "file://" + dir_.path(); }

  void write(const std::string& file, const std::string& content) const {
    write_file(dir_.file(file), content);
  }
  void remove(const std::string& file) const { std::filesystem::remove(dir_.file(file)); }
  std::string git(const std::vector<std::string>& args) const { return test::git(path(), args); }
  // Commits `content` as the top-level file `name` on top of HEAD through libgit2's object API
  // (a blob, a tree builder, a commit): no index and no working-tree scan, so git itself never
  // matches the file's patterns as attributes (a pathological .gitattributes hangs `git add`).
  // The file is written to the working tree too, as a checkout would leave it. Returns the SHA.
  std::string commit_top_level_file(const std::string& name, const std::string& content,
                                    const std::string& message) const {
    git_libgit2_init();
    git_repository* repo = nullptr;
    git_object* head = nullptr;
    git_tree* tree = nullptr;
    git_treebuilder* builder = nullptr;
    git_signature* who = nullptr;
    git_oid blob, tree_id, commit;
    bool ok =
        git_repository_open(&repo, path().c_str()) == 0 &&
        git_revparse_single(&head, repo, "HEAD^{commit}") == 0 &&
        git_commit_tree(&tree, reinterpret_cast<git_commit*>(head)) == 0 &&
        git_blob_create_from_buffer(&blob, repo, content.data(), content.size()) == 0 &&
        git_treebuilder_new(&builder, repo, tree) == 0 &&
        git_treebuilder_insert(nullptr, builder, name.c_str(), &blob, GIT_FILEMODE_BLOB) == 0 &&
        git_treebuilder_write(&tree_id, builder) == 0 &&
        git_signature_new(&who, "Test", "test@example.com", 1767225600, 0) == 0;
    git_tree* new_tree = nullptr;
    const git_commit* parents[] = {reinterpret_cast<git_commit*>(head)};
    ok = ok && git_tree_lookup(&new_tree, repo, &tree_id) == 0 &&
         git_commit_create(&commit, repo, "HEAD", who, who, nullptr, message.c_str(), new_tree, 1,
                           parents) == 0;
    EXPECT_TRUE(ok) << "libgit2: " << (git_error_last() ? git_error_last()->message : "?");
    git_tree_free(new_tree);
    git_signature_free(who);
    git_treebuilder_free(builder);
    git_tree_free(tree);
    git_object_free(head);
    git_repository_free(repo);
    git_libgit2_shutdown();
    write(name, content);
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commit);
    return hex;
  }
  // Stages everything and commits; returns the new commit's SHA.
  std::string commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "--allow-empty", "-m", message});
    return git({"rev-parse", "HEAD"});
  }

 private:
  TempDir dir_;
};

// main: c1 (base.txt) then c3 (main.txt); feature from c1: c2 (feature.txt).
struct ForkedHistory {
  GitRepo repo;
  std::string c1, c2, c3;
  ForkedHistory() {
    repo.write("base.txt", "base\n");
    c1 = repo.commit("c1");
    repo.git({"checkout", "-q", "-b", "feature"});
    repo.write("feature.txt", "feature\n");
    c2 = repo.commit("c2");
    repo.git({"checkout", "-q", "main"});
    repo.write("main.txt", "main\n");
    c3 = repo.commit("c3");
  }
};

inline CiContext range_context(RangeKind kind, const std::string& base = "",
                               const std::string& head = "HEAD") {
  CiContext ctx;
  ctx.range = kind;
  ctx.base = base;
  ctx.head = head;
  return ctx;
}

inline FileChange change(ChangeStatus status, const std::string& path,
                         std::vector<LineRange> added = {}, std::vector<LineRange> hunks = {}) {
  FileChange file;
  file.status = status;
  file.path = path;
  file.added_lines = std::move(added);
  file.hunks = std::move(hunks);
  return file;
}

}  // namespace test
}  // namespace lamina
