// select_files on change sets large enough to be split across threads: the result must be exactly
// the single-pass one (order, exclusions and notes included).
#include "plan/file_selection.h"

#include <gtest/gtest.h>

#include "config/load_settings.h"
#include "test_support.h"

namespace lamina {
namespace {

struct Expected {
  std::vector<std::string> shell, python, excluded;
  size_t deleted = 0;
};

// 90,000 sorted paths: shell and python files, vendored ones and deleted ones interleaved.
ChangeSet large_change_set(Expected* expected) {
  ChangeSet changes;
  for (int i = 0; i < 90000; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "d%05d/f.%s", i, i % 3 == 0 ? "sh" : "py");
    FileChange& change = changes.files.emplace_back();
    change.path = i % 7 == 0 ? std::string("vendor/") + name : name;
    change.status = i % 11 == 0 ? ChangeStatus::deleted : ChangeStatus::added;
  }
  std::sort(changes.files.begin(), changes.files.end(),
            [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  for (const FileChange& change : changes.files) {
    if (change.status == ChangeStatus::deleted) {
      ++expected->deleted;
    } else if (change.path.starts_with("vendor/")) {
      expected->excluded.push_back(change.path);
    } else {
      (change.path.ends_with(".sh") ? expected->shell : expected->python).push_back(change.path);
    }
  }
  return changes;
}

std::vector<std::string> paths_of(const std::vector<FileMatch>& matches) {
  std::vector<std::string> paths;
  for (const FileMatch& match : matches) paths.emplace_back(match.path);
  return paths;
}

TEST(SelectFiles, LargeChangeSetsGiveTheSameResultAsOnePassInChangeSetOrder) {
  test::TempDir repo;
  Expected expected;
  ChangeSet changes = large_change_set(&expected);
  Settings settings = load_settings(std::nullopt, SettingFlags{}, EnvMap{});
  Catalog catalog = builtin_catalog();
  std::vector<const ScannerSpec*> scanners = {catalog.find("shellcheck"), catalog.find("bandit")};
  ASSERT_NE(scanners[0], nullptr);
  ASSERT_NE(scanners[1], nullptr);

  FileSelection selection = select_files(scanners, settings, changes, repo.path());

  EXPECT_EQ(paths_of(selection.per_scanner[0]), expected.shell);
  EXPECT_EQ(paths_of(selection.per_scanner[1]), expected.python);
  std::vector<std::string> excluded;
  for (const Exclusion& e : selection.exclusions) excluded.push_back(e.path);
  EXPECT_EQ(excluded, expected.excluded);
  EXPECT_EQ(selection.notes,
            std::vector<std::string>{std::to_string(expected.deleted) +
                                     " deleted paths are never passed to scanners"});
  EXPECT_EQ(*selection.per_scanner[0].front().rule, "glob *.sh");
}

}  // namespace
}  // namespace lamina
