// --base, --head, --all and --layer over the CI context, and their contradictions.
#include "ci/overrides.h"

#include <gtest/gtest.h>

#include "ci/detect.h"
#include "ci_test_support.h"

namespace lamina {
namespace {

using test::error_of;
using test::event_fixture;
using test::kMergeSha;

const std::string kPrBase = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

CiContext local_context() {
  return detect_ci_context({}, std::nullopt, "/home/dev/project");
}

CiContext pull_request_context() {
  return detect_ci_context(test::github_env("pull_request"),
                           event_fixture("pull_request.opened.1.json"), "/w");
}

RangeOverrides base_and_head(std::optional<std::string> base, std::optional<std::string> head) {
  RangeOverrides o;
  o.base = std::move(base);
  o.head = std::move(head);
  return o;
}

RangeOverrides continuous() {
  RangeOverrides o;
  o.layer = Layer::continuous;
  return o;
}

TEST(ApplyOverrides, NoneLeaveTheContextAsItIs) {
  RangeOverrides o;
  o.layer = Layer::pre_deploy;
  CiContext ctx = apply_overrides(pull_request_context(), o);
  EXPECT_EQ(ctx.range, RangeKind::first_parent);
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.fallback_base, kPrBase);
  EXPECT_EQ(ctx.reason, pull_request_context().reason);
}

TEST(ApplyOverrides, AllScansEveryTrackedFile) {
  RangeOverrides o;
  o.all = true;
  CiContext ctx = apply_overrides(pull_request_context(), o);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.pr_number, 2);
  EXPECT_EQ(ctx.reason, "--all given: scanning every tracked file");
}

TEST(ApplyOverrides, ContinuousLayerScansEveryTrackedFile) {
  CiContext ctx = apply_overrides(local_context(), continuous());
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.head, "HEAD");
  EXPECT_FALSE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason, "continuous layer scans every tracked file");
}

TEST(ApplyOverrides, AllWithContinuousLayerAgree) {
  RangeOverrides o = continuous();
  o.all = true;
  EXPECT_EQ(apply_overrides(local_context(), o).range, RangeKind::full);
}

TEST(ApplyOverrides, BaseAndHeadDiffExactlyThoseRevisions) {
  CiContext ctx = apply_overrides(local_context(), base_and_head("v1.0", "v1.1"));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, "v1.0");
  EXPECT_EQ(ctx.head, "v1.1");
  EXPECT_FALSE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason, "--base and --head given: diffing v1.1 against v1.0");
}

TEST(ApplyOverrides, BaseAloneLocallyKeepsHeadAndTheWorkingTree) {
  CiContext ctx = apply_overrides(local_context(), base_and_head("origin/main", std::nullopt));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, "origin/main");
  EXPECT_EQ(ctx.head, "HEAD");
  EXPECT_TRUE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason,
            "--base given: diffing HEAD and the uncommitted changes against origin/main");
}

TEST(ApplyOverrides, BaseAloneInCiKeepsTheContextsHead) {
  CiContext ctx = apply_overrides(pull_request_context(), base_and_head("HEAD~5", std::nullopt));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, "HEAD~5");
  EXPECT_EQ(ctx.head, kMergeSha);
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.reason, "--base given: diffing " + kMergeSha + " against HEAD~5");
}

TEST(ApplyOverrides, BaseAloneOnADeletedBranchDiffsHead) {
  CiContext ctx =
      detect_ci_context(test::github_env("push"), event_fixture("push.deleted.1.json"), "/w");
  ctx = apply_overrides(ctx, base_and_head("origin/main", std::nullopt));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.head, "HEAD");
}

TEST(ApplyOverrides, HeadAloneLocallyKeepsTheUpstreamMergeBaseWithoutTheWorkingTree) {
  CiContext ctx = apply_overrides(local_context(), base_and_head(std::nullopt, "topic"));
  EXPECT_EQ(ctx.range, RangeKind::local_upstream);
  EXPECT_EQ(ctx.head, "topic");
  EXPECT_FALSE(ctx.include_worktree);
  EXPECT_EQ(ctx.reason,
            "--head given: diffing topic against its merge base with the upstream branch (else "
            "origin/HEAD, else main or master)");
}

TEST(ApplyOverrides, HeadAloneInAPullRequestUsesTheMergeBaseWithThePrBase) {
  CiContext ctx = apply_overrides(pull_request_context(), base_and_head(std::nullopt, "HEAD^2"));
  EXPECT_EQ(ctx.range, RangeKind::merge_base);
  EXPECT_EQ(ctx.base, kPrBase);
  EXPECT_EQ(ctx.head, "HEAD^2");
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.reason, "--head given: diffing HEAD^2 against its merge base with " + kPrBase);
}

TEST(ApplyOverrides, HeadAloneInAPushKeepsThePreviousTip) {
  std::string payload =
      test::with_field(event_fixture("push.new-branch.2.json"), "/before", kPrBase);
  CiContext ctx = detect_ci_context(test::github_env("push"), payload, "/w");
  ctx = apply_overrides(ctx, base_and_head(std::nullopt, "HEAD"));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kPrBase);
  EXPECT_EQ(ctx.head, "HEAD");
  EXPECT_EQ(ctx.reason,
            "--head given: diffing HEAD against " + kPrBase + " (from the push context)");
}

TEST(ApplyOverrides, HeadAloneWithoutAContextBaseNeedsBase) {
  CiContext scheduled = detect_ci_context(test::github_env("schedule"), std::nullopt, "/w");
  EXPECT_EQ(error_of([&] { apply_overrides(scheduled, base_and_head(std::nullopt, "HEAD")); }),
            "--head needs --base here: the schedule context has no base commit to diff \"HEAD\" "
            "against (schedule: a scheduled run has no change to diff; scanning every tracked "
            "file). Fix: add --base REV, or use --all to scan every tracked file.");
}

TEST(CheckOverrides, AllWithBaseContradict) {
  RangeOverrides o = base_and_head("main", std::nullopt);
  o.all = true;
  EXPECT_EQ(error_of([&] { check_overrides(o); }),
            "--all and --base contradict each other: --all scans every tracked file without a "
            "diff, --base choose a diff. Fix: drop --all to diff, or drop --base to scan "
            "everything.");
}

TEST(CheckOverrides, AllWithHeadContradict) {
  RangeOverrides o = base_and_head(std::nullopt, "topic");
  o.all = true;
  EXPECT_TRUE(
      error_of([&] { check_overrides(o); }).starts_with("--all and --head contradict each other"));
}

TEST(CheckOverrides, AllWithBaseAndHeadContradict) {
  RangeOverrides o = base_and_head("main", "topic");
  o.all = true;
  EXPECT_TRUE(error_of([&] {
                apply_overrides(local_context(), o);
              }).starts_with("--all and --base and --head contradict each other"));
}

TEST(CheckOverrides, ContinuousLayerWithBaseContradict) {
  RangeOverrides o = continuous();
  o.base = "main";
  EXPECT_EQ(error_of([&] { check_overrides(o); }),
            "--layer continuous and --base contradict each other: the continuous layer scans every "
            "tracked file, --base choose a diff. Fix: drop --base, or pick another layer (--layer "
            "inline, pre-deploy or post-deploy).");
}

TEST(CheckOverrides, ContinuousLayerWithHeadContradict) {
  RangeOverrides o = continuous();
  o.head = "topic";
  EXPECT_TRUE(error_of([&] {
                check_overrides(o);
              }).starts_with("--layer continuous and --head contradict each other"));
}

TEST(CheckOverrides, EmptyBaseIsRejected) {
  EXPECT_EQ(error_of([] { check_overrides(base_and_head("", std::nullopt)); }),
            "--base: expected a git revision (a commit SHA, branch or tag name), got \"\". Fix: "
            "give --base a revision such as origin/main or a commit SHA; a revision cannot be "
            "empty, start with '-' or contain control characters.");
}

TEST(CheckOverrides, HeadThatReadsAsAnOptionIsRejected) {
  EXPECT_TRUE(error_of([] { check_overrides(base_and_head("main", "--output=/tmp/x")); })
                  .starts_with("--head: expected a git revision (a commit SHA, branch or tag "
                               "name), got \"--output=/tmp/x\"."));
}

TEST(ResolveCiContext, BaseAndHeadNeedNoGithubPayload) {
  EnvMap env = test::github_env("pull_request");
  env["GITHUB_REF"] = "refs/pull/42/merge";
  CiContext ctx = resolve_ci_context(env, std::nullopt, "/w", base_and_head("main", "HEAD"));
  EXPECT_EQ(ctx.provider, Provider::github);
  EXPECT_EQ(ctx.pr_number, 42);
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, "main");
  EXPECT_EQ(ctx.head, "HEAD");
  EXPECT_EQ(ctx.reason, "--base and --head given: diffing HEAD against main");
}

TEST(ResolveCiContext, AllNeedsNoGithubPayload) {
  RangeOverrides o;
  o.all = true;
  CiContext ctx = resolve_ci_context(test::github_env("push"), std::nullopt, "/w", o);
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.head, kMergeSha);
}

TEST(ResolveCiContext, BaseAloneStillNeedsThePayloadForTheHead) {
  const std::string message = error_of([] {
    resolve_ci_context(test::github_env("pull_request"), std::nullopt, "/w",
                       base_and_head("main", std::nullopt));
  });
  EXPECT_TRUE(message.starts_with("GitHub pull_request run without its event payload")) << message;
}

TEST(ResolveCiContext, ContradictionsFailBeforeTheEnvironmentIsRead) {
  RangeOverrides o = continuous();
  o.base = "main";
  EnvMap broken = {{"GITHUB_ACTIONS", "true"}};  // no GITHUB_EVENT_NAME
  EXPECT_TRUE(error_of([&] {
                resolve_ci_context(broken, std::nullopt, "/w", o);
              }).starts_with("--layer continuous and --base contradict each other"));
}

TEST(ResolveCiContext, CorruptPayloadIsAnErrorEvenWithBaseAndHead) {
  const std::string message = error_of([] {
    resolve_ci_context(test::github_env("push"), std::string("{\"before\":"), "/w",
                       base_and_head("main", "HEAD"));
  });
  EXPECT_TRUE(message.find("is not valid JSON") != std::string::npos) << message;
}

}  // namespace
}  // namespace lamina
