#pragma once
// Real repositories made by the git tests, and readable printing of change-set values.
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
  // Stages everything and commits; returns the new commit's SHA.
  std::string commit(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "--allow-empty", "-m", message});
    return git({"rev-parse", "HEAD"});
  }

 private:
  TempDir dir_;
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
