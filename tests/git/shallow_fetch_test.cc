// Shallow clones: the missing commits are fetched from the clone's own remote (a real file://
// "remote" made by the test), and when they cannot be, the error names the commit and the fix.
#include <gtest/gtest.h>

#include "git/compute_change_set.h"
#include "git_test_repo.h"
#include "util/error.h"

namespace lamina {
namespace {

using test::change;

// Records each fetch and fails it, as a network that is down would.
class RecordingFetcher : public GitFetcher {
 public:
  FetchOutcome fetch(const std::string& repo_dir, const std::vector<std::string>& args) override {
    dirs.push_back(repo_dir);
    calls.push_back(args);
    return {false, "fatal: unable to access the remote"};
  }
  std::vector<std::string> dirs;
  std::vector<std::vector<std::string>> calls;
};

// The "remote": c1 adds a.txt, c2 changes it.
struct Upstream {
  test::GitRepo repo;
  std::string c1, c2;
  Upstream() {
    repo.write("a.txt", "one\n");
    c1 = repo.commit("c1");
    repo.write("a.txt", "one\ntwo\n");
    c2 = repo.commit("c2");
  }
};

std::string error_of(const std::string& dir, const CiContext& ctx, const ChangeSetOptions& opts) {
  try {
    compute_change_set(dir, ctx, opts);
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), 2);
    return error.what();
  }
  ADD_FAILURE() << "no lamina::Error";
  return "";
}

TEST(ShallowFetch, MissingFirstParentIsFetchedAtDepthOneAndNoted) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1"});
  CliGitFetcher fetcher({{"PATH", std::getenv("PATH")}, {"HOME", "/nonexistent"}});
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  ChangeSet set =
      compute_change_set(clone.path(), test::range_context(RangeKind::first_parent), opts);

  EXPECT_EQ(set.base, upstream.c1);
  EXPECT_EQ(set.head, upstream.c2);
  EXPECT_EQ(set.files,
            (std::vector<FileChange>{change(ChangeStatus::modified, "a.txt", {{2, 2}}, {{1, 2}})}));
  EXPECT_EQ(
      set.notes,
      (std::vector<std::string>{"Fetched the first parent of " + upstream.c2 + " " + upstream.c1 +
                                " from `origin`, which the shallow clone lacked, 1 commit deep "
                                "(`git fetch --no-tags --depth=1 -- origin " +
                                upstream.c1 + "`)."}));
  EXPECT_EQ(clone.git({"rev-parse", "--is-shallow-repository"}), "true");
}

TEST(ShallowFetch, MissingBaseShaIsFetched) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1"});
  CliGitFetcher fetcher({{"PATH", std::getenv("PATH")}, {"HOME", "/nonexistent"}});
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  ChangeSet set = compute_change_set(
      clone.path(), test::range_context(RangeKind::diff, upstream.c1, "HEAD"), opts);

  EXPECT_EQ(set.base, upstream.c1);
  EXPECT_EQ(set.files,
            (std::vector<FileChange>{change(ChangeStatus::modified, "a.txt", {{2, 2}}, {{1, 2}})}));
  ASSERT_EQ(set.notes.size(), 1u);
  EXPECT_EQ(set.notes[0], "Fetched the diff base " + upstream.c1 +
                              " from `origin`, which the shallow clone lacked, 1 commit deep "
                              "(`git fetch --no-tags --depth=1 -- origin " +
                              upstream.c1 + "`).");
}

TEST(ShallowFetch, MergeBaseDeepensTheShallowCloneUntilTheForkPoint) {
  Upstream upstream;
  upstream.repo.git({"checkout", "-q", "-b", "feature", upstream.c1});
  upstream.repo.write("feature.txt", "f\n");
  std::string feature = upstream.repo.commit("feature");
  test::GitRepo clone(upstream.repo.url(), {"--depth=1", "--branch=feature"});
  CliGitFetcher fetcher({{"PATH", std::getenv("PATH")}, {"HOME", "/nonexistent"}});
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  ChangeSet set = compute_change_set(
      clone.path(), test::range_context(RangeKind::merge_base, upstream.c2, "HEAD"), opts);

  EXPECT_EQ(set.base, upstream.c1);
  EXPECT_EQ(
      set.files,
      (std::vector<FileChange>{change(ChangeStatus::added, "feature.txt", {{1, 1}}, {{1, 1}})}));
  EXPECT_EQ(set.notes,
            (std::vector<std::string>{
                "Fetched the diff base " + upstream.c2 +
                    " from `origin`, which the shallow clone lacked, 1 commit deep (`git "
                    "fetch --no-tags --depth=1 -- origin " +
                    upstream.c2 + "`).",
                "Deepened the shallow clone by 50 commits from `origin` to find the merge base "
                "of " +
                    upstream.c2.substr(0, 7) + " and " + feature.substr(0, 7) +
                    " (at most 6400 in all; `git fetch --no-tags --deepen=50 -- origin " +
                    upstream.c2 + " " + feature + "`).",
                "Compared with " + upstream.c1 + ", the merge base of the base " + upstream.c2 +
                    " and the head."}));
}

TEST(ShallowFetch, MergeBaseSearchIsBoundedAndNamesTheFix) {
  Upstream upstream;
  upstream.repo.git({"checkout", "-q", "-b", "feature", upstream.c1});
  std::string feature = upstream.repo.commit("feature");
  upstream.repo.git({"checkout", "-q", "main"});
  for (int i = 0; i < 3; ++i) upstream.repo.commit("main " + std::to_string(i));
  std::string main_tip = upstream.repo.git({"rev-parse", "HEAD"});
  test::GitRepo clone(upstream.repo.url(), {"--depth=1", "--branch=feature"});
  CliGitFetcher fetcher({{"PATH", std::getenv("PATH")}, {"HOME", "/nonexistent"}});
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;
  opts.max_deepen = 2;

  EXPECT_EQ(
      error_of(clone.path(), test::range_context(RangeKind::merge_base, main_tip, "HEAD"), opts),
      "the history down to the merge base of " + main_tip + " and " + feature +
          " is not in this clone and no merge base was found within 2 fetched commits; "
          "fix: run `git fetch --no-tags --unshallow origin` first");
}

TEST(ShallowFetch, NoFetchNamesTheMissingParentAndTheCheckoutFix) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1"});
  CiContext ctx = test::range_context(RangeKind::first_parent);
  ctx.provider = Provider::github;
  ChangeSetOptions opts;
  opts.allow_fetch = false;

  EXPECT_EQ(error_of(clone.path(), ctx, opts),
            "commit " + upstream.c1 + " (the first parent of " + upstream.c2 +
                ") is not in this clone and fetching is disabled (--no-fetch); fix: set "
                "`fetch-depth: 2` on actions/checkout, or run `git fetch --no-tags origin " +
                upstream.c1 + "` before lamina");
}

TEST(ShallowFetch, FailedFetchNamesTheCommandGitsErrorAndTheGitlabFix) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1"});
  clone.git({"remote", "set-url", "origin", "file:///nonexistent/lamina-remote"});
  CiContext ctx = test::range_context(RangeKind::diff, upstream.c1, "HEAD");
  ctx.provider = Provider::gitlab;
  CliGitFetcher fetcher({{"PATH", std::getenv("PATH")}, {"HOME", "/nonexistent"}});
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  std::string message = error_of(clone.path(), ctx, opts);

  EXPECT_EQ(message.rfind("commit " + upstream.c1 +
                              " (the diff base) is not in this clone and `git fetch --no-tags "
                              "--depth=1 -- origin " +
                              upstream.c1 + "` failed: fatal: ",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("; fix: set `GIT_DEPTH: 0` in the job's variables, or run `git fetch "
                         "--no-tags origin " +
                         upstream.c1 + "` before lamina"),
            std::string::npos)
      << message;
}

TEST(ShallowFetch, CloneWithoutRemoteCannotFetch) {
  Upstream upstream;
  test::GitRepo clone(upstream.repo.url(), {"--depth=1"});
  clone.git({"remote", "remove", "origin"});
  ChangeSetOptions opts;
  RecordingFetcher fetcher;
  opts.fetcher = &fetcher;

  EXPECT_EQ(error_of(clone.path(), test::range_context(RangeKind::first_parent), opts),
            "commit " + upstream.c1 + " (the first parent of " + upstream.c2 +
                ") is not in this clone and the repository has no remote to fetch it from; fix: "
                "run `git fetch --no-tags origin " +
                upstream.c1 + "` first");
  EXPECT_TRUE(fetcher.calls.empty());
}

TEST(ShallowFetch, FullCloneIsNeverMadeShallow) {
  test::GitRepo repo;
  repo.write("a.txt", "a\n");
  repo.commit("c1");
  repo.git({"remote", "add", "origin", "https://example.invalid/repo.git"});
  const std::string missing = "0123456789abcdef0123456789abcdef01234567";
  RecordingFetcher fetcher;
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  error_of(repo.path(), test::range_context(RangeKind::diff, missing, "HEAD"), opts);

  EXPECT_EQ(
      fetcher.calls,
      (std::vector<std::vector<std::string>>{{"fetch", "--no-tags", "--", "origin", missing}}));
}

TEST(ShallowFetch, FetchesFromTheUpstreamRemoteOfTheCurrentBranch) {
  test::GitRepo repo;
  repo.write("a.txt", "a\n");
  repo.commit("c1");
  repo.git({"remote", "add", "origin", "https://example.invalid/fork.git"});
  repo.git({"remote", "add", "upstream", "https://example.invalid/repo.git"});
  repo.git({"config", "branch.main.remote", "upstream"});
  repo.git({"config", "branch.main.merge", "refs/heads/main"});
  const std::string missing = "0123456789abcdef0123456789abcdef01234567";
  RecordingFetcher fetcher;
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  error_of(repo.path(), test::range_context(RangeKind::diff, missing, "HEAD"), opts);

  ASSERT_EQ(fetcher.calls.size(), 1u);
  EXPECT_EQ(fetcher.calls[0][3], "upstream");
}

TEST(ShallowFetch, BranchTrackingALocalBranchFetchesFromOrigin) {
  test::GitRepo repo;
  repo.commit("c1");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.git({"branch", "-q", "--set-upstream-to=main"});
  repo.git({"remote", "add", "origin", "https://example.invalid/repo.git"});
  const std::string missing = "0123456789abcdef0123456789abcdef01234567";
  RecordingFetcher fetcher;
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  error_of(repo.path(), test::range_context(RangeKind::diff, missing, "HEAD"), opts);

  ASSERT_EQ(fetcher.calls.size(), 1u);
  EXPECT_EQ(fetcher.calls[0][3], "origin");
}

TEST(ShallowFetch, RevisionNamesAreNeverFetched) {
  test::GitRepo repo;
  repo.commit("c1");
  repo.git({"remote", "add", "origin", "https://example.invalid/repo.git"});
  RecordingFetcher fetcher;
  ChangeSetOptions opts;
  opts.fetcher = &fetcher;

  error_of(repo.path(), test::range_context(RangeKind::diff, "--upload-pack=evil", "HEAD"), opts);

  EXPECT_TRUE(fetcher.calls.empty());
}

}  // namespace
}  // namespace lamina
