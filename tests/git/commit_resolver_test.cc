// A branch named as "origin/<branch>" (the default branch of a new-branch push, a force push's
// fallback) that a depth-1 clone lacks: fetched by name from a real file:// "remote", the clone
// deepened to the merge base, each fetch said on the console; without fetching, the fix printed
// works when pasted into a shell (issue 14 items 3 and 10).
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "git/compute_change_set.h"
#include "git_test_repo.h"
#include "util/error.h"

namespace lamina {
namespace {

using test::change;

// The "remote" is test::ForkedHistory: main c1 then c3; feature forks at c1 and adds c2.
using Upstream = test::ForkedHistory;

// What a GitHub push creating `feature` (before = zeros) asks of the git stage.
CiContext new_branch_push() {
  CiContext ctx = test::range_context(RangeKind::merge_base, "origin/main", "HEAD");
  ctx.provider = Provider::github;
  ctx.remote_branch = "main";
  return ctx;
}

struct Outcome {
  ChangeSet set;
  std::string console;
};

Outcome compute(const std::string& dir, const CiContext& ctx) {
  CliGitFetcher fetcher({{"PATH", std::getenv("PATH")}, {"HOME", "/nonexistent"}});
  std::ostringstream console;
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;
  opts.console = &console;
  ChangeSet set = compute_change_set(dir, ctx, opts);
  return {set, console.str()};
}

TEST(CommitResolver, NewBranchPushFetchesTheDefaultBranchByNameAndDeepensToTheMergeBase) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1", "--branch=feature"});
  ASSERT_NE(clone.git({"branch", "-r"}).find("origin/feature"), std::string::npos);
  ASSERT_EQ(clone.git({"branch", "-r"}).find("origin/main"), std::string::npos);

  Outcome run = compute(clone.path(), new_branch_push());

  EXPECT_EQ(run.set.base, upstream.c1);
  EXPECT_EQ(
      run.set.files,
      (std::vector<FileChange>{change(ChangeStatus::added, "feature.txt", {{1, 1}}, {{1, 1}})}));
  std::string fetched =
      "Fetched the branch main (the diff base) by name from `origin`, which the clone lacked, 1 "
      "commit deep (`git fetch --no-tags --depth=1 -- origin "
      "+refs/heads/main:refs/remotes/origin/main`).";
  ASSERT_GE(run.set.notes.size(), 2u);
  EXPECT_EQ(run.set.notes[0], fetched);
  EXPECT_EQ(run.set.notes[1].rfind("Deepened the shallow clone by 50 commits from `origin` to "
                                   "find the merge base of " +
                                       upstream.c3.substr(0, 7) + " and " +
                                       upstream.c2.substr(0, 7) + " (at most 6400 in all;",
                                   0),
            0u)
      << run.set.notes[1];
  // Each fetch is said on the console as it happens, in the notes' words.
  EXPECT_EQ(run.console, "lamina: " + run.set.notes[0] + "\nlamina: " + run.set.notes[1] + "\n");
}

TEST(CommitResolver, BranchAlreadyInTheCloneIsNotFetched) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--branch=feature"});

  Outcome run = compute(clone.path(), new_branch_push());

  EXPECT_EQ(run.set.base, upstream.c1);
  EXPECT_EQ(run.console, "");
}

// A force push replaced `before`, and the remote no longer has it: the change is what the branch
// adds to the default branch, merge-base(origin/main, head)..head, not origin/main..head.
TEST(CommitResolver, ForcePushWhoseBeforeIsGoneFallsBackToTheMergeBaseWithTheDefaultBranch) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1", "--branch=feature"});
  CiContext ctx = test::range_context(RangeKind::diff, std::string(40, 'e'), "HEAD");
  ctx.provider = Provider::github;
  ctx.fallback_base = "origin/main";
  ctx.fallback_range = RangeKind::merge_base;
  ctx.remote_branch = "main";

  Outcome run = compute(clone.path(), ctx);

  EXPECT_EQ(run.set.base, upstream.c1);
  EXPECT_EQ(
      run.set.files,
      (std::vector<FileChange>{change(ChangeStatus::added, "feature.txt", {{1, 1}}, {{1, 1}})}));
  EXPECT_NE(run.console.find("lamina: Fetched the branch main (the fallback diff base) by name"),
            std::string::npos)
      << run.console;
}

// The first line of `message` between backquotes after "run ": the command the fix names.
std::string fix_command(const std::string& message) {
  size_t start = message.find("run `");
  if (start == std::string::npos) return "";
  start += 5;
  return message.substr(start, message.find('`', start) - start);
}

TEST(CommitResolver, WithoutFetchingTheFixForAMissingBranchWorksWhenPasted) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1", "--branch=feature"});
  ChangeSetOptions opts;
  opts.allow_fetch = false;
  std::string message;
  try {
    compute_change_set(clone.path(), new_branch_push(), opts);
    FAIL() << "no error without the default branch";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), 2);
    message = error.what();
  }
  EXPECT_EQ(message,
            "the branch main (the diff base) is not in this clone and fetching is disabled "
            "(--no-fetch); fix: set `fetch-depth: 0` on actions/checkout, or run `git fetch "
            "--no-tags --unshallow origin +refs/heads/main:refs/remotes/origin/main` before "
            "lamina");

  std::string command = "cd '" + clone.path() + "' && " + fix_command(message) + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  EXPECT_EQ(compute_change_set(clone.path(), new_branch_push(), opts).base, upstream.c1);
}

// `--base origin/dev` for a branch the clone lacks used to suggest `git fetch origin origin/dev`,
// which fetches nothing of that name. The fix is the refspec that creates the ref.
TEST(CommitResolver, UnknownRemoteTrackingBranchNamesAFetchThatCreatesIt) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1", "--branch=feature"});
  ChangeSetOptions opts;
  opts.allow_fetch = false;
  try {
    compute_change_set(clone.path(), test::range_context(RangeKind::diff, "origin/main"), opts);
    FAIL() << "no error for origin/main";
  } catch (const Error& error) {
    std::string command = fix_command(error.what());
    EXPECT_EQ(command,
              "git fetch --no-tags --unshallow origin +refs/heads/main:refs/remotes/origin/main");
    ASSERT_EQ(std::system(("cd '" + clone.path() + "' && " + command + " 2>/dev/null").c_str()), 0);
  }
  EXPECT_EQ(
      compute_change_set(clone.path(), test::range_context(RangeKind::diff, "origin/main"), opts)
          .base,
      upstream.c3);
}

}  // namespace
}  // namespace lamina
