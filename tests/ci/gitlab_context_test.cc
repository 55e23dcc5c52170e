// GitLab pipelines, each from the variable set GitLab gives that kind of pipeline
// (platform-specs.md C1).
#include <gtest/gtest.h>

#include "ci/detect.h"
#include "ci_test_support.h"

namespace lamina {
namespace {

using test::error_of;

const std::string kCommit = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
const std::string kDiffBase = "5d6e7f80112233445566778899aabbccddeeff00";
const std::string kTargetTip = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
const std::string kBefore = "0123456789abcdef0123456789abcdef01234567";
const std::string kZeros(40, '0');

EnvMap gitlab_env(const std::string& source) {
  return {{"CI", "true"},
          {"GITLAB_CI", "true"},
          {"CI_PIPELINE_SOURCE", source},
          {"CI_COMMIT_SHA", kCommit},
          {"CI_COMMIT_SHORT_SHA", "1a2b3c4d"},
          {"CI_COMMIT_BEFORE_SHA", kZeros},
          {"CI_DEFAULT_BRANCH", "main"},
          {"CI_PROJECT_PATH", "group/project"},
          {"CI_PROJECT_DIR", "/builds/group/project"}};
}

EnvMap merge_request_env(const std::string& event_type) {
  EnvMap env = gitlab_env("merge_request_event");
  env["CI_MERGE_REQUEST_IID"] = "7";
  env["CI_MERGE_REQUEST_EVENT_TYPE"] = event_type;
  env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = kDiffBase;
  env["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = "feature";
  env["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main";
  env["CI_MERGE_REQUEST_SOURCE_BRANCH_SHA"] = "";
  env["CI_MERGE_REQUEST_TARGET_BRANCH_SHA"] = "";
  return env;
}

EnvMap branch_env(const std::string& branch, const std::string& before) {
  EnvMap env = gitlab_env("push");
  env["CI_COMMIT_BRANCH"] = branch;
  env["CI_COMMIT_REF_NAME"] = branch;
  env["CI_COMMIT_BEFORE_SHA"] = before;
  return env;
}

CiContext detect(const EnvMap& env) {
  return detect_ci_context(env, std::nullopt, "/elsewhere");
}

TEST(GitlabContext, MergeRequestDiffsTheCommitAgainstTheDiffBase) {
  CiContext ctx = detect(merge_request_env("detached"));
  EXPECT_EQ(ctx.provider, Provider::gitlab);
  EXPECT_EQ(ctx.event, "merge_request_event");
  EXPECT_EQ(ctx.repository, "group/project");
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kDiffBase);
  EXPECT_EQ(ctx.head, kCommit);
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.default_branch, "main");
  EXPECT_EQ(ctx.pr_number, 7);
  EXPECT_EQ(ctx.workspace, "/builds/group/project");
  EXPECT_FALSE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason,
            "merge request pipeline for !7: diffing 1a2b3c4 against the merge request's diff base "
            "5d6e7f8");
}

TEST(GitlabContext, MergedResultsDiffTheMergeCommitAgainstTheTargetTip) {
  EnvMap env = merge_request_env("merged_result");
  env["CI_MERGE_REQUEST_TARGET_BRANCH_SHA"] = kTargetTip;
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kTargetTip);
  EXPECT_EQ(ctx.head, kCommit);
  EXPECT_EQ(ctx.fallback_base, kDiffBase);
  EXPECT_EQ(ctx.reason,
            "merged results pipeline for !7: diffing the merge commit 1a2b3c4 against the target "
            "branch main at 9f8e7d6");
}

TEST(GitlabContext, MergedResultsWithoutTargetShaDiffTheMergeCommitAgainstItsFirstParent) {
  CiContext ctx = detect(merge_request_env("merged_result"));
  EXPECT_EQ(ctx.range, RangeKind::first_parent);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, kCommit);
  EXPECT_EQ(ctx.fallback_base, kDiffBase);
  EXPECT_EQ(ctx.fallback_range, RangeKind::diff);
  EXPECT_EQ(ctx.reason,
            "merged results pipeline for !7: diffing the merge commit 1a2b3c4 against its first "
            "parent (the target branch main)");
}

TEST(GitlabContext, MergeTrainsAreMergedResults) {
  EnvMap env = merge_request_env("merge_train");
  env["CI_MERGE_REQUEST_TARGET_BRANCH_SHA"] = kTargetTip;
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kTargetTip);
  EXPECT_EQ(ctx.reason,
            "merge train pipeline for !7: diffing the merge commit 1a2b3c4 against the target "
            "branch main at 9f8e7d6");
}

TEST(GitlabContext, MergeRequestWithoutDiffBaseUsesTheMergeBaseWithTheTargetBranch) {
  EnvMap env = merge_request_env("detached");
  env.erase("CI_MERGE_REQUEST_DIFF_BASE_SHA");
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::merge_base);
  EXPECT_EQ(ctx.base, "origin/main");
  EXPECT_EQ(ctx.remote_branch, "main");
  EXPECT_EQ(ctx.reason,
            "merge request pipeline for !7: CI_MERGE_REQUEST_DIFF_BASE_SHA is unset, so diffing "
            "1a2b3c4 against its merge base with origin/main");
}

TEST(GitlabContext, MergeRequestWithoutAnyBaseIsAnError) {
  EnvMap env = merge_request_env("detached");
  env.erase("CI_MERGE_REQUEST_DIFF_BASE_SHA");
  env.erase("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
  EXPECT_EQ(error_of([&] { detect(env); }),
            "CI_MERGE_REQUEST_DIFF_BASE_SHA and CI_MERGE_REQUEST_TARGET_BRANCH_NAME are both unset "
            "in a merge request pipeline: lamina cannot tell what the merge request changes. Fix: "
            "run lamina in the GitLab CI job with GitLab's predefined variables unchanged (a "
            "`variables:` entry may be overriding it), or unset GITLAB_CI to run as a local "
            "checkout. Or choose the range with --base REV --head REV.");
}

TEST(GitlabContext, BranchPipelineDiffsAgainstTheBranchsPreviousTip) {
  CiContext ctx = detect(branch_env("feature", kBefore));
  EXPECT_EQ(ctx.event, "push");
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kBefore);
  EXPECT_EQ(ctx.head, kCommit);
  EXPECT_EQ(ctx.fallback_base, "origin/main");
  EXPECT_EQ(ctx.remote_branch, "main");
  EXPECT_EQ(ctx.fallback_range, RangeKind::merge_base);
  EXPECT_EQ(ctx.pr_number, std::nullopt);
  EXPECT_EQ(ctx.reason,
            "push pipeline for feature: diffing 1a2b3c4 against the branch's previous tip 0123456 "
            "(CI_COMMIT_BEFORE_SHA)");
}

TEST(GitlabContext, DefaultBranchPipelineHasNoFallback) {
  CiContext ctx = detect(branch_env("main", kBefore));
  EXPECT_EQ(ctx.base, kBefore);
  EXPECT_EQ(ctx.fallback_base, "");
}

TEST(GitlabContext, NewBranchDiffsAgainstItsMergeBaseWithTheDefaultBranch) {
  CiContext ctx = detect(branch_env("feature", kZeros));
  EXPECT_EQ(ctx.range, RangeKind::merge_base);
  EXPECT_EQ(ctx.base, "origin/main");
  EXPECT_EQ(ctx.remote_branch, "main");
  EXPECT_EQ(ctx.head, kCommit);
  EXPECT_EQ(ctx.reason,
            "push pipeline for the new branch feature: diffing 1a2b3c4 against its merge base with "
            "origin/main (the default branch)");
}

TEST(GitlabContext, NewDefaultBranchScansEverything) {
  CiContext ctx = detect(branch_env("main", kZeros));
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.reason,
            "push pipeline for the new default branch main: there is no earlier commit to compare "
            "with; scanning every tracked file");
}

TEST(GitlabContext, NewBranchWithoutDefaultBranchIsAnError) {
  EnvMap env = branch_env("feature", kZeros);
  env.erase("CI_DEFAULT_BRANCH");
  const std::string message = error_of([&] { detect(env); });
  EXPECT_TRUE(
      message.starts_with("CI_DEFAULT_BRANCH is unset, and the first pipeline of a new "
                          "branch (CI_COMMIT_BEFORE_SHA is all zeros) is compared with the "
                          "default branch. Fix: "))
      << message;
}

TEST(GitlabContext, TagPipelineScansEverything) {
  EnvMap env = gitlab_env("push");
  env["CI_COMMIT_TAG"] = "v1.2.0";
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.head, kCommit);
  EXPECT_EQ(ctx.reason,
            "pipeline for tag v1.2.0: a tag names a release, not a change; scanning every tracked "
            "file");
}

TEST(GitlabContext, ScheduledPipelineScansEverything) {
  EnvMap env = gitlab_env("schedule");
  env["CI_COMMIT_BEFORE_SHA"] = kBefore;
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(
      ctx.reason,
      "schedule pipeline: a scheduled run has no change to diff; scanning every tracked file");
}

TEST(GitlabContext, WebPipelineWithZerosBeforeScansEverythingAndSaysWhy) {
  CiContext ctx = detect(gitlab_env("web"));
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.reason,
            "web pipeline: CI_COMMIT_BEFORE_SHA is all zeros (a pipeline started by hand or by "
            "another pipeline has no previous commit); scanning every tracked file");
}

TEST(GitlabContext, ApiPipelineWithoutBeforeScansEverything) {
  EnvMap env = gitlab_env("api");
  env.erase("CI_COMMIT_BEFORE_SHA");
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.reason,
            "api pipeline: CI_COMMIT_BEFORE_SHA is unset (a pipeline started by hand or by "
            "another pipeline has no previous commit); scanning every tracked file");
}

TEST(GitlabContext, TriggerPipelineWithAPreviousCommitDiffsAgainstIt) {
  EnvMap env = branch_env("feature", kBefore);
  env["CI_PIPELINE_SOURCE"] = "trigger";
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kBefore);
  EXPECT_EQ(ctx.reason,
            "trigger pipeline for feature: diffing 1a2b3c4 against the branch's previous tip "
            "0123456 (CI_COMMIT_BEFORE_SHA)");
}

TEST(GitlabContext, ExternalPullRequestDiffsAgainstTheMergeBaseWithTheTargetTip) {
  EnvMap env = gitlab_env("external_pull_request_event");
  env["CI_EXTERNAL_PULL_REQUEST_IID"] = "12";
  env["CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_SHA"] = kTargetTip;
  CiContext ctx = detect(env);
  EXPECT_EQ(ctx.range, RangeKind::merge_base);
  EXPECT_EQ(ctx.base, kTargetTip);
  EXPECT_EQ(ctx.pr_number, 12);
  EXPECT_EQ(ctx.reason,
            "external pull request pipeline for #12: diffing 1a2b3c4 against its merge base with "
            "the target branch tip 9f8e7d6");
}

TEST(GitlabContext, WorkspaceIsTheCurrentDirectoryWithoutProjectDir) {
  EnvMap env = gitlab_env("schedule");
  env.erase("CI_PROJECT_DIR");
  EXPECT_EQ(detect(env).workspace, "/elsewhere");
}

TEST(GitlabContext, MalformedMergeRequestIidIsAnError) {
  EnvMap env = merge_request_env("detached");
  env["CI_MERGE_REQUEST_IID"] = "7abc";
  EXPECT_EQ(error_of([&] { detect(env); }),
            "CI_MERGE_REQUEST_IID: expected a positive whole number, got \"7abc\". Fix: run lamina "
            "in the GitLab CI job with GitLab's predefined variables unchanged (a `variables:` "
            "entry may be overriding it), or unset GITLAB_CI to run as a local checkout.");
}

TEST(GitlabContext, MalformedBeforeShaIsAnError) {
  const std::string message = error_of([] { detect(branch_env("feature", "HEAD~1")); });
  EXPECT_TRUE(
      message.starts_with("CI_COMMIT_BEFORE_SHA: expected a commit SHA (40 or 64 "
                          "hexadecimal digits), got \"HEAD~1\". Fix: "))
      << message;
}

TEST(GitlabContext, DefaultBranchThatGitWouldReadAsAnOptionIsRejected) {
  EnvMap env = branch_env("feature", kZeros);
  env["CI_DEFAULT_BRANCH"] = "--output=/etc/passwd";
  const std::string message = error_of([&] { detect(env); });
  EXPECT_TRUE(message.starts_with(
      "CI_DEFAULT_BRANCH: expected a git branch name, got \"--output=/etc/passwd\". Fix: "))
      << message;
}

TEST(GitlabContext, MissingCommitShaIsAnError) {
  EnvMap env = gitlab_env("push");
  env.erase("CI_COMMIT_SHA");
  const std::string message = error_of([&] { detect(env); });
  EXPECT_TRUE(message.starts_with("CI_COMMIT_SHA is unset in a GitLab CI job")) << message;
}

TEST(GitlabContext, MissingPipelineSourceIsAnError) {
  EnvMap env = gitlab_env("push");
  env.erase("CI_PIPELINE_SOURCE");
  const std::string message = error_of([&] { detect(env); });
  EXPECT_TRUE(message.starts_with("GITLAB_CI is true but CI_PIPELINE_SOURCE is unset")) << message;
}

}  // namespace
}  // namespace lamina
