#include "platform/publish.h"

#include <gtest/gtest.h>

#include "platform/publish_text.h"
#include "util/error.h"

namespace lamina {
namespace {

Finding finding(const std::string& path, uint32_t line, Severity s, const std::string& fp,
                DiffPosition pos = DiffPosition::added_lines) {
  Finding f;
  f.tool = "bad-words";
  f.rule_id = "bad-word";
  f.message = "BAD <b>one</b> @team [x](javascript:1)";
  f.severity = s;
  f.location.path = path;
  f.location.region.start_line = line;
  f.diff_position = pos;
  f.fingerprints["lamina/v1"] = fp;
  return f;
}

ScanResult scan_of(std::vector<Finding> findings) {
  ScanResult scan;
  scan.filter = FilterMode::added;
  scan.fail_on = *parse_fail_on("sev2");
  scan.findings = std::move(findings);
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  return scan;
}

TEST(PublishList, ParsesNamesPerProvider) {
  EXPECT_EQ(parse_publish_list("check, review,comment", Provider::github),
            (std::set<PublishTarget>{PublishTarget::check, PublishTarget::review,
                                     PublishTarget::comment}));
  EXPECT_EQ(parse_publish_list("discussion,comment,status", Provider::gitlab).size(), 3u);
  EXPECT_TRUE(parse_publish_list("none", Provider::github).empty());
  EXPECT_TRUE(parse_publish_list("", Provider::github).empty());
}

TEST(PublishList, RefusesUnknownForeignAndContradictoryNames) {
  try {
    parse_publish_list("check,reviews", Provider::github);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown target \"reviews\" (did you mean 'review'?)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(parse_publish_list("discussion", Provider::github), Error);
  EXPECT_THROW(parse_publish_list("check", Provider::gitlab), Error);
  EXPECT_THROW(parse_publish_list("none,check", Provider::github), Error);
}

TEST(PublishContext, GitHubPullRequestAttachesToTheHeadNotTheMergeCommit) {
  CiContext ci;
  ci.provider = Provider::github;
  ci.pr_number = 7;
  ci.pr_head_sha = std::string(40, 'b');
  EnvMap env{{"GITHUB_TOKEN", "t"},
             {"GITHUB_REPOSITORY", "o/r"},
             {"GITHUB_SHA", std::string(40, 'a')},
             {"GITHUB_REF", "refs/pull/7/merge"},
             {"GITHUB_SERVER_URL", "https://github.com"},
             {"GITHUB_RUN_ID", "5"}};
  PublishContext c = publish_context(ci, env);
  EXPECT_EQ(c.api_url, "https://api.github.com");
  EXPECT_EQ(c.head_sha, std::string(40, 'b'));
  EXPECT_EQ(c.commit_sha, std::string(40, 'a'));
  EXPECT_EQ(c.details_url, "https://github.com/o/r/actions/runs/5");
  env["GITHUB_API_URL"] = "https://ghe.example.com/api/v3";
  EXPECT_EQ(publish_context(ci, env).api_url, "https://ghe.example.com/api/v3");
}

TEST(PublishContext, GitLabReadsItsOwnVariables) {
  CiContext ci;
  ci.provider = Provider::gitlab;
  ci.pr_number = 3;
  EnvMap env{{"CI_SERVER_URL", "https://gitlab.example.com"},
             {"GITLAB_TOKEN", "glpat"},
             {"CI_PROJECT_ID", "42"},
             {"CI_COMMIT_SHA", std::string(40, 'c')}};
  PublishContext c = publish_context(ci, env);
  EXPECT_EQ(c.api_url, "https://gitlab.example.com/api/v4");
  EXPECT_EQ(c.token, "glpat");
  EXPECT_EQ(c.repository, "42");
  env["LAMINA_GITLAB_TOKEN"] = "lamina";
  env["CI_API_V4_URL"] = "https://gl.internal/api/v4";
  c = publish_context(ci, env);
  EXPECT_EQ(c.token, "lamina");
  EXPECT_EQ(c.api_url, "https://gl.internal/api/v4");
}

TEST(Publish, WithoutATokenEveryApiTargetFailsAndNothingIsSent) {
  CiContext ci;
  ci.provider = Provider::github;
  PublishContext c = publish_context(ci, EnvMap{{"GITHUB_REPOSITORY", "o/r"}});
  std::vector<PublishOutcome> out =
      publish(scan_of({}), {PublishTarget::annotations, PublishTarget::check}, c, EnvMap{});
  ASSERT_EQ(out.size(), 1u);  // annotations are not an API target
  EXPECT_FALSE(out[0].ok);
  EXPECT_EQ(out[0].requests, 0);
  EXPECT_NE(out[0].detail.find("GITHUB_TOKEN"), std::string::npos);
}

TEST(PlacedFindings, CountedWithALineOncePerFingerprintGatingFirst) {
  ScanResult scan =
      scan_of({finding("a.txt", 2, Severity::sev3, "f1"), finding("a.txt", 4, Severity::sev1, "f2"),
               finding("a.txt", 4, Severity::sev1, "f2"),  // the same finding twice
               finding("b.txt", 1, Severity::sev1, "f3", DiffPosition::outside_diff),
               finding("", 0, Severity::sev1, "f4")});
  std::vector<PlacedFinding> all = placed_findings(scan, false);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].fingerprint, "f2");
  EXPECT_TRUE(all[0].gating);
  EXPECT_EQ(all[1].fingerprint, "f1");
  EXPECT_FALSE(all[1].gating);
  scan.findings[0].diff_position = DiffPosition::in_hunk_context;
  scan.filter = FilterMode::context;
  EXPECT_EQ(placed_findings(scan, true).size(), 1u);  // review comments: added lines only
}

TEST(PublishText, CommentBodiesAreInertAndCarryTheirMarker) {
  ScanResult scan = scan_of({finding("a.txt", 2, Severity::sev1, "f1")});
  std::vector<PlacedFinding> placed = placed_findings(scan, false);
  std::string body = finding_comment(scan, placed[0]);
  EXPECT_EQ(body.find("<b>"), std::string::npos) << body;
  EXPECT_EQ(body.find("](javascript"), std::string::npos) << body;
  EXPECT_EQ(body.find("@team"), std::string::npos) << body;
  EXPECT_EQ(marker_in(body, scan, "finding"), "<!-- lamina:inline:finding:f1 -->");
  EXPECT_EQ(marker_in(body, scan, "summary"), "");
  ScanResult other_layer = scan;
  other_layer.layer = Layer::continuous;
  EXPECT_EQ(marker_in(body, other_layer, "finding"), "");
  // A marker anywhere but the last line is someone quoting it, not lamina's comment.
  EXPECT_EQ(marker_in(body + "\nquoted", scan, "finding"), "");
}

TEST(PublishText, SummaryIsTheSameForTheSameResultAndBounded) {
  std::vector<Finding> many;
  for (int i = 0; i < 500; ++i) {
    many.push_back(finding("dir/file" + std::to_string(i) + ".txt", 1, Severity::sev2,
                           "fp" + std::to_string(i)));
  }
  ScanResult scan = scan_of(many);
  std::string a = summary_comment(scan, 20000);
  EXPECT_EQ(a, summary_comment(scan, 20000));
  EXPECT_LE(a.size(), 20000u);
  EXPECT_NE(a.find("more in lamina.sarif"), std::string::npos);
  EXPECT_EQ(marker_in(a, scan, "summary"), "<!-- lamina:inline:summary -->");
}

TEST(PublishText, GzipRoundTripsThroughItsHeader) {
  std::string zipped = gzip(std::string(10000, 'x'));
  ASSERT_GE(zipped.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(zipped[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(zipped[1]), 0x8b);
  EXPECT_LT(zipped.size(), 200u);
}

}  // namespace
}  // namespace lamina
