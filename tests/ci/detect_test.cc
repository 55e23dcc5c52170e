// Which provider a run is, local runs, and where the payload lives.
#include <gtest/gtest.h>

#include "ci/detect.h"
#include "ci_test_support.h"

namespace lamina {
namespace {

TEST(DetectCiContext, LocalRunDiffsAgainstTheUpstreamWithTheWorkingTree) {
  CiContext ctx = detect_ci_context({{"HOME", "/home/dev"}}, std::nullopt, "/home/dev/project");
  EXPECT_EQ(ctx.provider, Provider::local);
  EXPECT_EQ(ctx.event, "local");
  EXPECT_EQ(ctx.repository, "");
  EXPECT_EQ(ctx.range, RangeKind::local_upstream);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, "HEAD");
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.default_branch, "");
  EXPECT_EQ(ctx.pr_number, std::nullopt);
  EXPECT_EQ(ctx.workspace, "/home/dev/project");
  EXPECT_TRUE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason,
            "local run: diffing HEAD and the uncommitted changes against the merge base with its "
            "upstream branch (else origin/HEAD, else main or master)");
}

TEST(DetectCiContext, OtherCiSystemsAreLocalRuns) {
  const EnvMap env = {{"CI", "true"}, {"JENKINS_URL", "https://ci.example/"}};
  EXPECT_EQ(detect_ci_context(env, std::nullopt, "/w").provider, Provider::local);
}

TEST(DetectCiContext, GithubActionsMustBeTrue) {
  EnvMap env = test::github_env("push");
  env["GITHUB_ACTIONS"] = "false";
  EXPECT_EQ(detect_ci_context(env, std::nullopt, "/w").provider, Provider::local);
}

TEST(DetectCiContext, GitlabCiTrueIsGitlab) {
  const EnvMap env = {{"GITLAB_CI", "true"},
                      {"CI_PIPELINE_SOURCE", "schedule"},
                      {"CI_COMMIT_SHA", test::kMergeSha}};
  EXPECT_EQ(detect_ci_context(env, std::nullopt, "/w").provider, Provider::gitlab);
}

TEST(DetectCiContext, CommandLineRangeReadsOnlyTheIdentity) {
  EnvMap env = test::github_env("pull_request");
  env["GITHUB_REF"] = "refs/pull/42/merge";
  CiContext ctx = detect_ci_context(env, std::nullopt, "/w", RangeSource::command_line);
  EXPECT_EQ(ctx.provider, Provider::github);
  EXPECT_EQ(ctx.event, "pull_request");
  EXPECT_EQ(ctx.pr_number, 42);
  EXPECT_EQ(ctx.head, test::kMergeSha);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.reason, "the range is chosen on the command line");
}

TEST(EventPayloadPath, IsGithubEventPath) {
  EXPECT_EQ(event_payload_path(test::github_env("push")), test::kEventPath);
}

TEST(EventPayloadPath, UnsetOrEmptyIsNone) {
  EXPECT_EQ(event_payload_path({}), std::nullopt);
  EXPECT_EQ(event_payload_path({{"GITHUB_EVENT_PATH", ""}}), std::nullopt);
}

}  // namespace
}  // namespace lamina
