// Input the git stage cannot work with: lamina::Error (exit 2) naming what was wrong and the fix.
#include <gtest/gtest.h>

#include "git/compute_change_set.h"
#include "git_test_repo.h"
#include "util/error.h"

namespace lamina {
namespace {

std::string error_of(const std::string& dir, const CiContext& ctx) {
  ChangeSetOptions opts;
  opts.allow_fetch = false;
  try {
    compute_change_set(dir, ctx, opts);
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), 2);
    return error.what();
  }
  ADD_FAILURE() << "no lamina::Error";
  return "";
}

TEST(GitBadInput, UnknownRevisionIsNamedWithTheFix) {
  test::GitRepo repo;
  repo.commit("c1");
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::diff, "no-such-branch")),
            "unknown revision 'no-such-branch' (the diff base): no commit, branch or tag of that "
            "name in this clone; check the name");  // no remote: nothing to fetch it from
}

TEST(GitBadInput, UnknownHeadIsNamedToo) {
  test::GitRepo repo;
  std::string c1 = repo.commit("c1");
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::diff, c1, "v9.9")),
            "unknown revision 'v9.9' (the head): no commit, branch or tag of that name in this "
            "clone; check the name");
}

// The old advice, `git fetch origin no-such-branch`, fetched into FETCH_HEAD only: the name still
// did not resolve. The fix creates the remote-tracking branch and says to pass it.
TEST(GitBadInput, UnknownBranchNameWithARemoteNamesAFetchThatCreatesIt) {
  test::GitRepo repo;
  repo.commit("c1");
  repo.git({"remote", "add", "origin", "https://example.invalid/repo.git"});
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::diff, "release;rm -rf ~")),
            "unknown revision 'release;rm -rf ~' (the diff base): no commit, branch or tag of "
            "that name in this clone; check the name");
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::diff, "dev")),
            "unknown revision 'dev' (the diff base): no commit, branch or tag of that name in "
            "this clone; check the name; if it is a branch of `origin`, fetch it and pass "
            "origin/dev instead: `git fetch --no-tags origin "
            "+refs/heads/dev:refs/remotes/origin/dev`");
}

TEST(GitBadInput, RevisionNamingABlobIsNotACommit) {
  test::GitRepo repo;
  repo.write("a.txt", "a\n");
  repo.commit("c1");
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::diff, "HEAD:a.txt")),
            "revision 'HEAD:a.txt' (the diff base) names a blob, not a commit; pass a commit SHA, "
            "branch or tag");
}

TEST(GitBadInput, DiffWithoutAnyBaseAsksForOne) {
  test::GitRepo repo;
  repo.commit("c1");
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::diff)),
            "the diff range has no base revision to compare with; pass one with --base REV");
}

TEST(GitBadInput, DirectoryOutsideAnyRepository) {
  test::TempDir dir;
  EXPECT_EQ(error_of(dir.path(), test::range_context(RangeKind::full)),
            dir.path() +
                " is not inside a git repository; run lamina in the checkout to scan "
                "(or pass -C DIR), or create one with `git init`");
}

TEST(GitBadInput, MissingDirectory) {
  test::TempDir dir;
  EXPECT_EQ(error_of(dir.file("gone"), test::range_context(RangeKind::full)),
            "repository directory " + dir.file("gone") +
                " does not exist or is not a directory; pass the checkout's path (-C DIR)");
}

TEST(GitBadInput, BareRepositoryHasNoWorkingTreeToScan) {
  test::TempDir dir;
  test::git(dir.path(), {"init", "-q", "--bare"});
  EXPECT_EQ(error_of(dir.path(), test::range_context(RangeKind::full)),
            dir.path() +
                " is a bare repository (no working tree); run lamina in a checkout: "
                "`git clone " +
                dir.path() + " <dir>` or `git worktree add <dir>`");
}

TEST(GitBadInput, UnrelatedHistoriesHaveNoMergeBase) {
  test::GitRepo repo;
  std::string c1 = repo.commit("c1");
  repo.git({"checkout", "-q", "--orphan", "other"});
  std::string other = repo.commit("unrelated root");
  EXPECT_EQ(error_of(repo.path(), test::range_context(RangeKind::merge_base, c1, "HEAD")),
            "the base " + c1 + " and the head " + other +
                " share no history, so there is no merge base to diff from; pass the commit to "
                "compare with as the base (--base REV)");
}

}  // namespace
}  // namespace lamina
