// Whether git tracks a folder lamina would write into.
#include "git/tracked_path.h"

#include <git2.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "git/git_test_repo.h"

namespace lamina {
namespace {

class TrackedPathTest : public ::testing::Test {
 protected:
  void SetUp() override { git_libgit2_init(); }
  void TearDown() override { git_libgit2_shutdown(); }
  test::GitRepo repo;
};

TEST_F(TrackedPathTest, AFolderHoldingACommittedFileOrACommittedSymlinkIsTracked) {
  repo.write("lamina-out/lamina.sarif", "{}");
  repo.write("src/a.c", "int x;\n");
  repo.commit("reports of our own");
  ASSERT_EQ(::symlink("/tmp", (repo.path() + "/reports").c_str()), 0);
  repo.commit("a link");
  EXPECT_TRUE(git::is_tracked(repo.path(), repo.path() + "/lamina-out"));
  EXPECT_TRUE(git::is_tracked(repo.path(), repo.path() + "/reports"));
  EXPECT_TRUE(git::is_tracked(repo.path(), repo.path()));
  EXPECT_FALSE(git::is_tracked(repo.path(), repo.path() + "/lamina"));  // a prefix, not a folder
  EXPECT_FALSE(git::is_tracked(repo.path(), repo.path() + "/build/out"));
  EXPECT_FALSE(git::is_tracked(repo.path(), "/tmp/lamina-out"));
}

}  // namespace
}  // namespace lamina
