// `lamina scan --staged`: the index against HEAD, and the staged contents in a tree of their own.
#include "git/staged_changes.h"

#include <git2.h>
#include <gtest/gtest.h>

#include "git/git_test_repo.h"
#include "git/tracked_path.h"
#include "util/file_io.h"

namespace lamina {
namespace {

class StagedChangesTest : public ::testing::Test {
 protected:
  void SetUp() override { git_libgit2_init(); }
  void TearDown() override { git_libgit2_shutdown(); }
  test::GitRepo repo;
};

TEST_F(StagedChangesTest, TheIndexAgainstHeadWithTheStagedLinesNotTheWorkingTrees) {
  repo.write("old.txt", "one\n");
  repo.write("kept.txt", "a\nb\n");
  std::string head = repo.commit("init");
  repo.write("kept.txt", "a\nstaged\nb\n");
  repo.write("new.txt", "x\n");
  repo.git({"add", "kept.txt", "new.txt"});
  // Unstaged edits and untracked files are not part of what is committed.
  repo.write("kept.txt", "a\nstaged\nb\nunstaged\nmore\n");
  repo.write("old.txt", "one\nunstaged\n");
  repo.write("untracked.txt", "u\n");

  ChangeSet set = git::staged_change_set(repo.path(), ChangeSetOptions{});
  EXPECT_EQ(set.base, head.substr(0, 40));
  EXPECT_FALSE(set.includes_worktree);
  ASSERT_EQ(set.files.size(), 2u);
  EXPECT_EQ(set.files[0].path, "kept.txt");
  EXPECT_EQ(set.files[0].status, ChangeStatus::modified);
  EXPECT_EQ(set.files[0].added_lines, (std::vector<LineRange>{{2, 2}}));
  EXPECT_EQ(set.files[1].path, "new.txt");
  EXPECT_EQ(set.files[1].status, ChangeStatus::added);
}

TEST_F(StagedChangesTest, AnUnbornHeadCountsEveryStagedFileAsAdded) {
  repo.write("a.txt", "x\n");
  repo.git({"add", "a.txt"});
  ChangeSet set = git::staged_change_set(repo.path(), ChangeSetOptions{});
  EXPECT_EQ(set.base, "");
  ASSERT_EQ(set.files.size(), 1u);
  EXPECT_EQ(set.files[0].status, ChangeStatus::added);
}

TEST_F(StagedChangesTest, TheTreeHoldsTheStagedContentsAndIsRemovedAfter) {
  repo.write("dir/a.sh", "echo committed\n");
  repo.commit("init");
  repo.write("dir/a.sh", "echo staged\n");
  repo.git({"add", "dir/a.sh"});
  repo.write("dir/a.sh", "echo working tree\n");
  test::TempDir temp;
  std::string path;
  {
    git::StagedTree tree(repo.path(), temp.path());
    path = tree.path();
    EXPECT_EQ(read_file(path + "/dir/a.sh"), "echo staged\n");
    EXPECT_EQ(tree.file_count(), 1u);
    // The working tree and the index are untouched.
    EXPECT_EQ(read_file(repo.path() + "/dir/a.sh"), "echo working tree\n");
    EXPECT_EQ(repo.git({"diff", "--cached", "--name-only"}), "dir/a.sh");
  }
  EXPECT_FALSE(read_file(path + "/dir/a.sh"));
}

TEST_F(StagedChangesTest, TheGitDirectoryOfACheckout) {
  EXPECT_EQ(git::git_directory(repo.path()), repo.path() + "/.git");
  EXPECT_EQ(git::git_directory(repo.path() + "/."), repo.path() + "/.git");
}

}  // namespace
}  // namespace lamina
