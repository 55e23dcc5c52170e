// GitHub pull_request, pull_request_target, merge_group and scan-everything events, with the real
// payloads in tests/data/github-events/.
#include <gtest/gtest.h>

#include "ci/detect.h"
#include "ci_test_support.h"

namespace lamina {
namespace {

using test::error_of;
using test::event_fixture;
using test::github_env;
using test::kEventPath;
using test::kMergeSha;
using test::with_field;

const std::string kBaseSha = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const std::string kHeadSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const std::string kWorkspace = "/home/runner/work/Hello-World/Hello-World";

CiContext detect_github(const std::string& event, const std::optional<std::string>& payload,
                        const std::string& sha = kMergeSha) {
  return detect_ci_context(github_env(event, sha), payload, "/elsewhere");
}

TEST(GithubContext, PullRequestDiffsTheTestMergeCommitAgainstItsFirstParent) {
  CiContext ctx = detect_github("pull_request", event_fixture("pull_request.opened.1.json"));
  EXPECT_EQ(ctx.provider, Provider::github);
  EXPECT_EQ(ctx.event, "pull_request");
  EXPECT_EQ(ctx.repository, "Codertocat/Hello-World");
  EXPECT_EQ(ctx.range, RangeKind::first_parent);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.fallback_base, kBaseSha);
  EXPECT_EQ(ctx.fallback_range, RangeKind::diff);
  EXPECT_EQ(ctx.default_branch, "master");
  EXPECT_EQ(ctx.pr_number, 2);
  EXPECT_EQ(ctx.workspace, kWorkspace);
  EXPECT_FALSE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason,
            "pull_request #2: diffing the test merge commit 1a2b3c4 against its first parent "
            "(the current tip of master)");
}

class GithubPullRequestActivity : public ::testing::TestWithParam<const char*> {};

TEST_P(GithubPullRequestActivity, EveryActivityDiffsTheMergeCommitWithTheBaseAsFallback) {
  CiContext ctx = detect_github("pull_request", event_fixture(GetParam()));
  EXPECT_EQ(ctx.range, RangeKind::first_parent);
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.fallback_base, kBaseSha);
  EXPECT_EQ(ctx.pr_number, 2);
}

INSTANTIATE_TEST_SUITE_P(GithubRealPayloads, GithubPullRequestActivity,
                         ::testing::Values("pull_request.opened.1.json",
                                           "pull_request.synchronize.1.json",
                                           "pull_request.reopened.1.json",
                                           "pull_request.closed.1.json"));

TEST(GithubContext, MergedPullRequestDiffsTheMergeResultAgainstItsFirstParent) {
  const std::string payload =
      with_field(event_fixture("pull_request.closed.1.json"), "/pull_request/merged", true);
  CiContext ctx = detect_github("pull_request", payload);
  EXPECT_EQ(ctx.range, RangeKind::first_parent);
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.fallback_base, kBaseSha);
  EXPECT_EQ(ctx.reason,
            "pull_request #2 (merged): diffing 1a2b3c4, the tip of master the merge made, against "
            "its first parent");
}

TEST(GithubContext, PullRequestTargetDiffsThePrHeadAgainstItsMergeBaseWithTheBase) {
  const std::string default_branch_tip = "7a1c0ffee7a1c0ffee7a1c0ffee7a1c0ffee7a1c";
  CiContext ctx = detect_github("pull_request_target", event_fixture("pull_request.opened.1.json"),
                                default_branch_tip);
  EXPECT_EQ(ctx.event, "pull_request_target");
  EXPECT_EQ(ctx.range, RangeKind::merge_base);
  EXPECT_EQ(ctx.base, kBaseSha);
  EXPECT_EQ(ctx.head, kHeadSha);
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.pr_number, 2);
  EXPECT_EQ(ctx.reason,
            "pull_request_target #2: diffing the pull request head ec26c3e against its merge base "
            "with master at f95f852 (GITHUB_SHA is the base branch tip, not the change)");
}

TEST(GithubContext, MergeGroupDiffsTheQueueCommitAgainstTheQueueBase) {
  CiContext ctx =
      detect_github("merge_group", event_fixture("merge_group.checks_requested.1.json"));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, "380387fbc80638b734a49e1be1c4dfec1c01b33c");
  EXPECT_EQ(ctx.head, "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d");
  EXPECT_EQ(ctx.default_branch, "main");
  EXPECT_EQ(ctx.pr_number, std::nullopt);
  EXPECT_EQ(ctx.reason,
            "merge_group for refs/heads/main: diffing the merge queue commit 2ffea6d against the "
            "queue's base 380387f");
}

TEST(GithubContext, WorkflowDispatchScansEverythingAtGithubSha) {
  CiContext ctx =
      detect_github("workflow_dispatch", event_fixture("workflow_dispatch.event.1.json"));
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.default_branch, "main");
  EXPECT_EQ(ctx.reason,
            "workflow_dispatch: a manually started run has no change to diff; scanning every "
            "tracked file");
}

TEST(GithubContext, ScheduleScansEverythingAndNeedsNoPayload) {
  CiContext ctx = detect_github("schedule", std::nullopt);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.reason,
            "schedule: a scheduled run has no change to diff; scanning every tracked file");
}

TEST(GithubContext, OtherEventsScanEverythingAndSayWhy) {
  CiContext ctx = detect_github("workflow_run", event_fixture("workflow_run.completed.1.json"));
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.reason,
            "GitHub event \"workflow_run\" has no commit range lamina can diff; scanning every "
            "tracked file");
}

TEST(GithubContext, PullRequestWithoutReadablePayloadNamesTheFileAndTheFix) {
  EXPECT_EQ(
      error_of([] { detect_github("pull_request", std::nullopt); }),
      "GitHub pull_request run without its event payload: the file GITHUB_EVENT_PATH names "
      "(\"" +
          kEventPath +
          "\") could not be read, and lamina needs the payload to find the "
          "commits to diff. Fix: run lamina as a step of the workflow job (GitHub sets "
          "GITHUB_EVENT_PATH there; in a container, mount the file and pass the variable), or "
          "choose the range yourself with --base REV --head REV, or --all.");
}

TEST(GithubContext, PushWithoutEventPathVariableSaysItIsUnset) {
  EnvMap env = github_env("push");
  env.erase("GITHUB_EVENT_PATH");
  const std::string message = error_of([&] { detect_ci_context(env, std::nullopt, "/w"); });
  EXPECT_TRUE(message.starts_with(
      "GitHub push run without its event payload: GITHUB_EVENT_PATH is unset, and lamina"))
      << message;
}

TEST(GithubContext, PullRequestWithoutGithubShaIsAnError) {
  EnvMap env = github_env("pull_request");
  env.erase("GITHUB_SHA");
  const std::string payload = event_fixture("pull_request.opened.1.json");
  EXPECT_EQ(error_of([&] { detect_ci_context(env, payload, "/w"); }),
            "GITHUB_SHA is unset in a GitHub pull_request run: lamina diffs the test merge commit "
            "it names. Fix: run lamina in the GitHub Actions job with GitHub's variables unchanged "
            "(an `env:` entry may be overriding it), or unset GITHUB_ACTIONS to run as a local "
            "checkout.");
}

TEST(GithubContext, MalformedGithubShaIsAnError) {
  const std::string message =
      error_of([] { detect_github("schedule", std::nullopt, "main; rm -rf /"); });
  EXPECT_TRUE(
      message.starts_with("GITHUB_SHA: expected a commit SHA (40 or 64 hexadecimal "
                          "digits), got \"main; rm -rf /\". Fix: run lamina in the GitHub"))
      << message;
}

TEST(GithubContext, MissingEventNameIsAnError) {
  EnvMap env = github_env("push");
  env.erase("GITHUB_EVENT_NAME");
  const std::string message = error_of([&] { detect_ci_context(env, std::nullopt, "/w"); });
  EXPECT_TRUE(message.starts_with("GITHUB_ACTIONS is true but GITHUB_EVENT_NAME is unset"))
      << message;
}

TEST(GithubContext, RepositoryComesFromThePayloadWhenTheVariableIsUnset) {
  EnvMap env = github_env("merge_group");
  env.erase("GITHUB_REPOSITORY");
  CiContext ctx =
      detect_ci_context(env, event_fixture("merge_group.checks_requested.1.json"), "/w");
  EXPECT_EQ(ctx.repository, "octo-org/octo-repo");
}

TEST(GithubContext, RepositoryNameIsKeptToPrintableText) {
  EnvMap env = github_env("schedule");
  env["GITHUB_REPOSITORY"] = "owner/repo\n\xff";
  EXPECT_EQ(detect_ci_context(env, std::nullopt, "/w").repository, "owner/repo??");
}

TEST(GithubContext, WorkspaceIsTheCurrentDirectoryWithoutGithubWorkspace) {
  EnvMap env = github_env("schedule");
  env.erase("GITHUB_WORKSPACE");
  EXPECT_EQ(detect_ci_context(env, std::nullopt, "/srv/checkout").workspace, "/srv/checkout");
}

TEST(GithubContext, HostileBranchNameReachesTheReasonAsOneLineOfPlainText) {
  const std::string payload =
      with_field(event_fixture("pull_request.opened.1.json"), "/pull_request/base/ref",
                 "main\n::error::pwned\x1b[31m\u202e");
  CiContext ctx = detect_github("pull_request", payload);
  EXPECT_EQ(ctx.reason,
            "pull_request #2: diffing the test merge commit 1a2b3c4 against its first parent "
            "(the current tip of main?::error::pwned?[31m?)");
}

}  // namespace
}  // namespace lamina
