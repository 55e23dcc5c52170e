// How each RangeKind of the CI context becomes a range in a real repository.
#include <gtest/gtest.h>

#include "git/compute_change_set.h"
#include "git_test_repo.h"

namespace lamina {
namespace {

using test::change;
using test::ForkedHistory;

ChangeSet compute(const test::GitRepo& repo, const CiContext& ctx, bool names_only = true) {
  ChangeSetOptions opts;
  opts.allow_fetch = false;
  opts.names_only = names_only;
  return compute_change_set(repo.path(), ctx, opts);
}

std::vector<std::string> paths_of(const ChangeSet& set) {
  std::vector<std::string> paths;
  for (const FileChange& file : set.files) paths.push_back(file.path);
  return paths;
}

TEST(RangeKind, DiffComparesTheTwoCommitsDirectly) {
  ForkedHistory history;
  ChangeSet set =
      compute(history.repo, test::range_context(RangeKind::diff, history.c3, history.c2));
  EXPECT_EQ(set.base, history.c3);
  EXPECT_EQ(set.head, history.c2);
  EXPECT_EQ(set.files, (std::vector<FileChange>{change(ChangeStatus::added, "feature.txt"),
                                                change(ChangeStatus::deleted, "main.txt")}));
}

TEST(RangeKind, MergeBaseComparesTheHeadWithItsForkPoint) {
  ForkedHistory history;
  ChangeSet set =
      compute(history.repo, test::range_context(RangeKind::merge_base, "main", history.c2));
  EXPECT_EQ(set.base, history.c1);
  EXPECT_EQ(paths_of(set), (std::vector<std::string>{"feature.txt"}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{"Compared with " + history.c1 +
                                                 ", the merge base of the base " + history.c3 +
                                                 " and the head."}));
}

TEST(RangeKind, FirstParentOfAMergeCommitIsWhatTheMergeBroughtIn) {
  ForkedHistory history;
  history.repo.git({"merge", "-q", "--no-ff", "-m", "merge feature", "feature"});
  std::string merge = history.repo.git({"rev-parse", "HEAD"});

  ChangeSet set = compute(history.repo, test::range_context(RangeKind::first_parent, "", merge));

  EXPECT_EQ(set.base, history.c3);
  EXPECT_EQ(set.head, merge);
  EXPECT_EQ(paths_of(set), (std::vector<std::string>{"feature.txt"}));
}

TEST(RangeKind, FirstParentOfARootCommitListsEveryFileAsAdded) {
  test::GitRepo repo;
  repo.write("a.txt", "a\n");
  std::string root = repo.commit("root");

  ChangeSet set = compute(repo, test::range_context(RangeKind::first_parent));

  EXPECT_EQ(set.base, "");
  EXPECT_EQ(set.files, (std::vector<FileChange>{change(ChangeStatus::added, "a.txt")}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{"The head " + root +
                                                 " is a root commit: every file in it counts "
                                                 "as added."}));
}

TEST(RangeKind, FallbackBaseIsUsedWhenTheBaseCannotBeHadAndSaysSo) {
  ForkedHistory history;
  CiContext ctx = test::range_context(RangeKind::diff, "deleted-branch", history.c2);
  ctx.fallback_base = history.c1;

  ChangeSet set = compute(history.repo, ctx);

  EXPECT_EQ(set.base, history.c1);
  EXPECT_EQ(paths_of(set), (std::vector<std::string>{"feature.txt"}));
  ASSERT_EQ(set.notes.size(), 1u);
  EXPECT_EQ(set.notes[0].rfind("Used the fallback base " + history.c1 +
                                   " because the base could not be had: unknown revision "
                                   "'deleted-branch'",
                               0),
            0u);
}

TEST(RangeKind, FullListsEveryTrackedFileWithBinaryFlags) {
  test::GitRepo repo;
  repo.write("src/main.c", "int main;\n");
  repo.write("logo.png", std::string("\x89PNG\0\x01", 6));
  std::string head = repo.commit("c1");
  repo.write("untracked.txt", "not tracked\n");

  ChangeSet set = compute(repo, test::range_context(RangeKind::full), /*names_only=*/false);

  FileChange logo = change(ChangeStatus::added, "logo.png");
  logo.binary = true;
  EXPECT_TRUE(set.full_scan);
  EXPECT_FALSE(set.lines_known);
  EXPECT_EQ(set.base, "");
  EXPECT_EQ(set.head, head);
  EXPECT_EQ(set.files, (std::vector<FileChange>{logo, change(ChangeStatus::added, "src/main.c")}));
  EXPECT_EQ(set.notes,
            (std::vector<std::string>{"Full scan: every file tracked at " + head + "."}));
}

TEST(RangeKind, NothingIsAnEmptySetThatSaysWhy) {
  test::TempDir not_even_a_repository;
  CiContext ctx = test::range_context(RangeKind::nothing);
  ctx.reason = "The push deleted branch topic: nothing to scan.";

  ChangeSet set = compute_change_set(not_even_a_repository.path(), ctx, {});

  EXPECT_TRUE(set.files.empty());
  EXPECT_EQ(set.notes, (std::vector<std::string>{"Nothing to scan: The push deleted branch "
                                                 "topic: nothing to scan."}));
}

// topic (upstream: main) has one commit past main, plus working-tree changes of every kind.
struct LocalCheckout {
  test::GitRepo repo;
  std::string fork_point;
  LocalCheckout() {
    repo.write(".gitignore", "*.log\n");
    repo.write("tracked.txt", "one\n");
    repo.write("staged.txt", "s\n");
    fork_point = repo.commit("c1");
    repo.git({"checkout", "-q", "-b", "topic"});
    repo.write("committed.txt", "c\n");
    repo.commit("c2");
    repo.write("tracked.txt", "one\ntwo\n");
    repo.write("staged.txt", "s\nstaged\n");
    repo.git({"add", "staged.txt"});
    repo.write("new dir/untracked.txt", "u\n");
    repo.write("debug.log", "ignored\n");
  }
};

TEST(RangeKind, LocalUpstreamIncludesCommitsWorkingTreeAndUntrackedButNotIgnored) {
  LocalCheckout local;
  local.repo.git({"branch", "-q", "--set-upstream-to=main"});
  CiContext ctx = test::range_context(RangeKind::local_upstream);
  ctx.include_worktree = true;

  ChangeSet set = compute(local.repo, ctx, /*names_only=*/false);

  EXPECT_EQ(set.base, local.fork_point);
  EXPECT_TRUE(set.includes_worktree);
  EXPECT_EQ(set.files, (std::vector<FileChange>{
                           change(ChangeStatus::added, "committed.txt", {{1, 1}}, {{1, 1}}),
                           change(ChangeStatus::added, "new dir/untracked.txt", {{1, 1}}, {{1, 1}}),
                           change(ChangeStatus::modified, "staged.txt", {{2, 2}}, {{1, 2}}),
                           change(ChangeStatus::modified, "tracked.txt", {{2, 2}}, {{1, 2}})}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{"Compared with " + local.fork_point +
                                                 ", the merge base of HEAD and main."}));
}

// A working-tree diff is one pass even when `lamina scan` asks for deferred lines: the new side
// is files on disk, not blobs a thread can read later.
TEST(RangeKind, LocalUpstreamWithWorktreeLeavesNoLinesPending) {
  LocalCheckout local;
  local.repo.git({"branch", "-q", "--set-upstream-to=main"});
  CiContext ctx = test::range_context(RangeKind::local_upstream);
  ctx.include_worktree = true;
  ChangeSetOptions opts;
  opts.allow_fetch = false;
  opts.defer_lines = true;

  ChangeSet set = compute_change_set(local.repo.path(), ctx, opts);

  EXPECT_TRUE(set.lines_known);
  EXPECT_TRUE(set.pending_lines.empty());
  EXPECT_EQ(set.files, compute(local.repo, ctx, /*names_only=*/false).files);
}

TEST(RangeKind, LocalUpstreamWithoutWorktreeListsCommitsOnly) {
  LocalCheckout local;
  ChangeSet set = compute(local.repo, test::range_context(RangeKind::local_upstream));
  EXPECT_FALSE(set.includes_worktree);
  EXPECT_EQ(paths_of(set), (std::vector<std::string>{"committed.txt"}));
}

TEST(RangeKind, LocalUpstreamUsesOriginHeadForABranchWithoutUpstream) {
  ForkedHistory origin;
  test::GitRepo clone(origin.repo.url(), {});
  clone.git({"checkout", "-q", "-b", "topic"});
  clone.write("topic.txt", "t\n");
  clone.commit("topic");

  ChangeSet set = compute(clone, test::range_context(RangeKind::local_upstream));

  EXPECT_EQ(set.base, origin.c3);
  EXPECT_EQ(paths_of(set), (std::vector<std::string>{"topic.txt"}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{"Compared with " + origin.c3 +
                                                 ", the merge base of HEAD and origin/HEAD."}));
}

TEST(RangeKind, LocalUpstreamFallsBackToMasterWithoutUpstreamOrMain) {
  test::GitRepo repo;
  repo.git({"checkout", "-q", "-b", "master"});
  repo.write("a.txt", "a\n");
  std::string fork_point = repo.commit("c1");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("b.txt", "b\n");
  repo.commit("c2");

  ChangeSet set = compute(repo, test::range_context(RangeKind::local_upstream));

  EXPECT_EQ(set.base, fork_point);
  EXPECT_EQ(paths_of(set), (std::vector<std::string>{"b.txt"}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{"Compared with " + fork_point +
                                                 ", the merge base of HEAD and master."}));
}

TEST(RangeKind, LocalUpstreamWithNothingToCompareWithKeepsOnlyWorkingTreeChanges) {
  test::GitRepo repo;
  repo.git({"checkout", "-q", "-b", "trunk"});
  repo.write("a.txt", "a\n");
  std::string head = repo.commit("c1");
  repo.write("a.txt", "a\nb\n");
  CiContext ctx = test::range_context(RangeKind::local_upstream);
  ctx.include_worktree = true;

  ChangeSet set = compute(repo, ctx);

  EXPECT_EQ(set.base, head);
  EXPECT_EQ(set.files, (std::vector<FileChange>{change(ChangeStatus::modified, "a.txt")}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{
                           "No upstream branch, origin/HEAD, main or master to compare with: only "
                           "the working tree's changes against HEAD are included (pass --base REV "
                           "to compare with a branch)."}));
}

TEST(RangeKind, LocalUpstreamInAnEmptyRepositoryListsTheWorkingTree) {
  test::GitRepo repo;
  repo.write("first.txt", "hello\n");
  CiContext ctx = test::range_context(RangeKind::local_upstream);
  ctx.include_worktree = true;

  ChangeSet set = compute(repo, ctx);

  EXPECT_EQ(set.base, "");
  EXPECT_EQ(set.head, "");
  EXPECT_EQ(set.files, (std::vector<FileChange>{change(ChangeStatus::added, "first.txt")}));
}

TEST(RangeKind, FullInAnEmptyRepositoryIsEmptyAndSaysWhy) {
  test::GitRepo repo;
  ChangeSet set = compute(repo, test::range_context(RangeKind::full));
  EXPECT_TRUE(set.full_scan);
  EXPECT_TRUE(set.files.empty());
  EXPECT_EQ(set.notes, (std::vector<std::string>{"Full scan of nothing: HEAD has no commits yet, "
                                                 "so no file is tracked."}));
}

}  // namespace
}  // namespace lamina
