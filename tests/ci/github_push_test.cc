// GitHub push events: ordinary, forced, new branch, new default branch, tags, deletions, built
// from the real push payloads in tests/data/github-events/.
#include <gtest/gtest.h>

#include "ci/detect.h"
#include "ci_test_support.h"

namespace lamina {
namespace {

using test::error_of;
using test::event_fixture;
using test::github_env;
using test::with_field;
using test::without_field;

const std::string kAfter = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const std::string kBefore = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

CiContext detect_push(const std::string& payload) {
  return detect_ci_context(github_env("push", kAfter), payload, "/w");
}

// push.new-branch.2.json: the first push of refs/heads/master, the default branch.
std::string branch_push(const std::string& ref, const std::string& before) {
  std::string payload = event_fixture("push.new-branch.2.json");
  payload = with_field(payload, "/ref", ref);
  payload = with_field(payload, "/created", before == std::string(40, '0'));
  return with_field(payload, "/before", before);
}

TEST(GithubPush, DiffsTheNewTipAgainstThePreviousTip) {
  CiContext ctx = detect_push(branch_push("refs/heads/master", kBefore));
  EXPECT_EQ(ctx.event, "push");
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kBefore);
  EXPECT_EQ(ctx.head, kAfter);
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.pr_number, std::nullopt);
  EXPECT_EQ(ctx.reason,
            "push to refs/heads/master: diffing the new tip 6113728 against the previous tip "
            "f95f852");
}

TEST(GithubPush, ForcedPushSaysSoAndFallsBackToTheMergeBaseWithTheDefaultBranch) {
  CiContext ctx =
      detect_push(with_field(branch_push("refs/heads/feature", kBefore), "/forced", true));
  EXPECT_EQ(ctx.range, RangeKind::diff);
  EXPECT_EQ(ctx.base, kBefore);
  EXPECT_EQ(ctx.head, kAfter);
  EXPECT_EQ(ctx.fallback_base, "origin/master");
  EXPECT_EQ(ctx.remote_branch, "master");  // fetched by name when the clone lacks it
  EXPECT_EQ(ctx.fallback_range, RangeKind::merge_base);
  EXPECT_EQ(ctx.reason,
            "forced push to refs/heads/feature: diffing the new tip 6113728 against the replaced "
            "tip f95f852 (if that commit is gone, against the merge base with origin/master)");
}

TEST(GithubPush, ForcedPushToTheDefaultBranchHasNoFallback) {
  CiContext ctx =
      detect_push(with_field(branch_push("refs/heads/master", kBefore), "/forced", true));
  EXPECT_EQ(ctx.fallback_base, "");
  EXPECT_EQ(ctx.reason,
            "forced push to refs/heads/master: diffing the new tip 6113728 against the replaced "
            "tip f95f852");
}

TEST(GithubPush, NewBranchDiffsAgainstItsMergeBaseWithTheDefaultBranch) {
  CiContext ctx = detect_push(branch_push("refs/heads/feature", std::string(40, '0')));
  EXPECT_EQ(ctx.range, RangeKind::merge_base);
  EXPECT_EQ(ctx.base, "origin/master");
  EXPECT_EQ(ctx.remote_branch, "master");
  EXPECT_EQ(ctx.head, kAfter);
  EXPECT_EQ(ctx.default_branch, "master");
  EXPECT_EQ(ctx.reason,
            "push created refs/heads/feature: diffing 6113728 against its merge base with "
            "origin/master (the default branch)");
}

TEST(GithubPush, FirstPushOfTheDefaultBranchScansEverything) {
  CiContext ctx = detect_push(event_fixture("push.new-branch.2.json"));
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, kAfter);
  EXPECT_EQ(ctx.reason,
            "push created the default branch master: there is no earlier commit to compare with; "
            "scanning every tracked file");
}

TEST(GithubPush, NewTagScansEverything) {
  CiContext ctx = detect_push(event_fixture("push.new-branch.1.json"));
  EXPECT_EQ(ctx.range, RangeKind::full);
  EXPECT_EQ(ctx.head, kAfter);
  EXPECT_EQ(ctx.reason,
            "push of tag refs/tags/simple-tag: a tag names a release, not a change; scanning "
            "every tracked file");
}

TEST(GithubPush, DeletionHasNothingToScan) {
  CiContext ctx = detect_push(event_fixture("push.deleted.1.json"));
  EXPECT_EQ(ctx.range, RangeKind::nothing);
  EXPECT_EQ(ctx.base, "");
  EXPECT_EQ(ctx.head, "");
  EXPECT_EQ(ctx.reason, "push deleted refs/tags/simple-tag: nothing to scan");
}

TEST(GithubPush, AllZerosAfterIsADeletionEvenWithoutTheDeletedFlag) {
  CiContext ctx = detect_push(without_field(event_fixture("push.deleted.1.json"), "/deleted"));
  EXPECT_EQ(ctx.range, RangeKind::nothing);
}

TEST(GithubPush, Sha256CommitsAreAccepted) {
  const std::string before(64, 'b');
  const std::string after(64, 'a');
  CiContext ctx =
      detect_push(with_field(branch_push("refs/heads/master", before), "/after", after));
  EXPECT_EQ(ctx.base, before);
  EXPECT_EQ(ctx.head, after);
}

TEST(GithubPush, NewBranchUsesMasterBranchWhenDefaultBranchIsAbsent) {
  const std::string payload = without_field(branch_push("refs/heads/feature", std::string(40, '0')),
                                            "/repository/default_branch");
  EXPECT_EQ(detect_push(payload).base, "origin/master");
}

TEST(GithubPush, NewBranchWithoutAnyDefaultBranchNamesTheField) {
  std::string payload = branch_push("refs/heads/feature", std::string(40, '0'));
  payload = without_field(without_field(payload, "/repository/default_branch"),
                          "/repository/master_branch");
  EXPECT_EQ(error_of([&] { detect_push(payload); }),
            "event payload \"" + test::kEventPath +
                "\" (GITHUB_EVENT_PATH): field repository.default_branch: expected the "
                "repository's default branch name (a new branch is compared with it), got nothing "
                "(the field is missing). Fix: point GITHUB_EVENT_PATH at the event file GitHub "
                "wrote for this job, unmodified.");
}

TEST(GithubPush, DefaultBranchThatGitWouldReadAsAnOptionIsRejected) {
  const std::string payload = with_field(branch_push("refs/heads/feature", std::string(40, '0')),
                                         "/repository/default_branch", "--upload-pack=touch /x");
  const std::string message = error_of([&] { detect_push(payload); });
  EXPECT_NE(message.find("field repository.default_branch: expected a git branch name, got the "
                         "string \"--upload-pack=touch /x\""),
            std::string::npos)
      << message;
}

TEST(GithubPush, BeforeOfTheWrongTypeNamesTheFieldAndTheValue) {
  const std::string payload = with_field(event_fixture("push.new-branch.2.json"), "/before", 12345);
  EXPECT_EQ(error_of([&] { detect_push(payload); }),
            "event payload \"" + test::kEventPath +
                "\" (GITHUB_EVENT_PATH): field before: expected a commit SHA (40 or 64 hexadecimal "
                "digits), got number 12345. Fix: point GITHUB_EVENT_PATH at the event file GitHub "
                "wrote for this job, unmodified.");
}

TEST(GithubPush, ForcedFlagOfTheWrongTypeIsAnError) {
  const std::string payload =
      with_field(branch_push("refs/heads/feature", kBefore), "/forced", "yes");
  const std::string message = error_of([&] { detect_push(payload); });
  EXPECT_NE(message.find("field forced: expected true or false, got the string \"yes\""),
            std::string::npos)
      << message;
}

TEST(GithubPush, MissingRefIsAnError) {
  const std::string payload = without_field(event_fixture("push.new-branch.2.json"), "/ref");
  const std::string message = error_of([&] { detect_push(payload); });
  EXPECT_NE(message.find("field ref: expected the pushed ref, such as refs/heads/main, got nothing "
                         "(the field is missing)"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace lamina
