// Real SARIF from tools not installable here (tests/data/scanner-outputs, provenance in its
// SOURCES.md), read with a repository at /repo.
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::repo_context;

ParseOutcome parse_fixture(const std::string& relative, const ParseContext& ctx = repo_context()) {
  return parse_output("sarif", checked_in_output(relative), ctx);
}

TEST(ParseSarifFixtures, CheckovSingleLineLog) {
  ParseOutcome out = parse_fixture("checkov/checkov-2.3.240-terragoat-547-results.sarif");
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 547u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.tool, "scanner");
  EXPECT_EQ(f.rule_id, "CKV_AWS_41");
  EXPECT_EQ(f.rule_name, "Ensure no hard coded AWS access key and secret key exists in provider");
  EXPECT_EQ(f.help_uri, "https://docs.bridgecrew.io/docs/bc_aws_secrets_5");
  EXPECT_EQ(f.tool_level, "error");
  EXPECT_EQ(f.location.path, "iac/providers.tf");
  EXPECT_EQ(f.location.region.start_line, 311u);
  EXPECT_EQ(f.location.region.end_line, 315u);
  EXPECT_FALSE(f.security_severity);
}

TEST(ParseSarifFixtures, CodeqlUndefinedSrcrootResolvesAgainstWorkingDirectory) {
  ParseOutcome out = parse_fixture("codeql/codeql-2.5.4-codeflows-relatedlocations.sarif");
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 72u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "py/empty-except");
  EXPECT_EQ(f.tool_level, "note");  // from the rule's defaultConfiguration
  EXPECT_EQ(f.location.path, "good/db_init.py");
  EXPECT_EQ(f.location.region.start_line, 39u);
  EXPECT_EQ(f.location.region.start_column, 5u);
  EXPECT_EQ(f.location.region.end_column, 30u);
  EXPECT_EQ(f.notes[0],
            "uriBaseId %SRCROOT% is not defined; \"good/db_init.py\" resolved against the "
            "working directory");
}

TEST(ParseSarifFixtures, CodeqlKeepsRelatedLocationsAndCodeFlows) {
  ParseOutcome out = parse_fixture("codeql/codeql-2.5.4-codeflows-relatedlocations.sarif");
  size_t with_related = 0, with_flows = 0;
  for (const Finding& f : out.findings) {
    with_related += !f.related.empty();
    with_flows += f.original.find("\"codeFlows\"") != std::string::npos;
  }
  EXPECT_EQ(with_related, 7u);
  EXPECT_EQ(with_flows, 5u);
}

// Nothing tells where /Users/davidbradshaw/dev/iframe-resizer is here: every result is kept at
// repository level, named and counted, none dropped.
TEST(ParseSarifFixtures, EslintAbsoluteUrisOutsideRepositoryAreKeptAtRepositoryLevel) {
  ParseOutcome out = parse_fixture("eslint/eslint-8.56.0-sarif-formatter-file-uris.sarif");
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 12u);
  EXPECT_EQ(out.refused_paths, 12u);
  EXPECT_EQ(out.findings[0].location.path, "");
  EXPECT_EQ(out.findings[0].unmapped_location,
            "file:///Users/davidbradshaw/dev/iframe-resizer/src/iframeResizer.contentWindow.js");
  EXPECT_EQ(out.notes[0],
            "location \"file:///Users/davidbradshaw/dev/iframe-resizer/src/"
            "iframeResizer.contentWindow.js\" could not be mapped into the repository (outside "
            "the repository)");
}

// With the repository's files known, each path maps to the tracked file it ends with.
TEST(ParseSarifFixtures, EslintUrisOfAnotherMachineMapToTheTrackedFiles) {
  ParseContext ctx = repo_context();
  ctx.workspace.files = {"src/iframeResizer.contentWindow.js", "src/iframeResizer.js"};
  ParseOutcome out = parse_fixture("eslint/eslint-8.56.0-sarif-formatter-file-uris.sarif", ctx);
  ASSERT_EQ(out.findings.size(), 12u);
  EXPECT_EQ(out.refused_paths, 0u);
  EXPECT_EQ(out.findings[0].location.path, "src/iframeResizer.contentWindow.js");
  EXPECT_EQ(out.findings[0].location.region.start_line, 12u);
  EXPECT_EQ(out.findings[11].location.path, "src/iframeResizer.js");
  EXPECT_EQ(out.findings[0].notes.at(0),
            "\"/Users/davidbradshaw/dev/iframe-resizer/src/iframeResizer.contentWindow.js\" "
            "mapped by its longest suffix naming a repository file");
}

TEST(ParseSarifFixtures, EslintAbsoluteUrisInsideRepositoryBecomeRelative) {
  ParseOutcome out = parse_fixture("eslint/eslint-8.56.0-sarif-formatter-file-uris.sarif",
                                   repo_context("/Users/davidbradshaw/dev/iframe-resizer"));
  ASSERT_EQ(out.findings.size(), 12u);
  EXPECT_EQ(out.refused_paths, 0u);
  EXPECT_EQ(out.findings[0].location.path, "src/iframeResizer.contentWindow.js");
  ASSERT_EQ(out.findings[0].suppressions.size(), 1u);
  EXPECT_EQ(out.findings[0].suppressions[0].kind, "inSource");
  EXPECT_TRUE(is_suppressed(out.findings[0]));
}

TEST(ParseSarifFixtures, GitleaksV7ResultsWithoutLevelDefaultToWarning) {
  ParseOutcome out = parse_fixture("gitleaks/gitleaks-7.4.0-real-scan.sarif");
  ASSERT_EQ(out.findings.size(), 8u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.tool_level, "warning");
  EXPECT_EQ(f.message, "AWS Access Key secret detected");
  EXPECT_EQ(f.location.path,
            "dojo/unittests/scans/gitlab_secret_detection_report/"
            "gitlab_secret_detection_report_1_vuln.json");
  EXPECT_EQ(f.location.region.start_line, 13u);
}

TEST(ParseSarifFixtures, GitleaksDanglingRuleIdKeepsIdAndFingerprints) {
  ParseOutcome out = parse_fixture("gitleaks/sarif_simple.sarif");
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "test-rule");
  EXPECT_EQ(f.rule_name, "");
  EXPECT_EQ(f.location.path, "auth.py");
  EXPECT_EQ(f.location.region.start_line, 1u);
  EXPECT_EQ(f.location.region.end_line, 2u);
  EXPECT_EQ(f.fingerprints.size(), 5u);
  EXPECT_EQ(f.fingerprints.count("commitSha"), 1u);
}

TEST(ParseSarifFixtures, GosecResultsBeforeToolStillGetTheirRules) {
  ParseOutcome out = parse_fixture("gosec/gosec-2.24.7-gowaves-1358-results.sarif");
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1358u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "G115");
  EXPECT_EQ(f.rule_name, "Integer Overflow or Wraparound");
  EXPECT_EQ(f.tool_level, "error");
  EXPECT_EQ(f.location.path, "pkg/ride/meta/generated/dapp_meta_vtproto.pb.go");
  EXPECT_EQ(f.location.region.start_line, 183u);
  EXPECT_EQ(f.location.region.start_column, 23u);
}

TEST(ParseSarifFixtures, GrypeSecuritySeverityComesFromRuleProperties) {
  ParseOutcome out = parse_fixture("grype/grype-0.34.7-cxf-3.4.6.sarif");
  ASSERT_EQ(out.findings.size(), 22u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "CVE-2008-0732-geronimo-j2ee-management_1.1_spec");
  EXPECT_EQ(f.rule_name, "JavaMatcherCpeMatch");
  EXPECT_EQ(f.help_uri, "https://github.com/anchore/grype");
  EXPECT_EQ(f.security_severity, 2.1);
  EXPECT_EQ(f.location.path, "lib/geronimo-j2ee-management_1.1_spec-1.0.1.jar");
}

TEST(ParseSarifFixtures, GrypeImagePresenter) {
  ParseOutcome out = parse_fixture("grype/image-presenter.sarif");
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].rule_id, "CVE-1999-0001-package-1");
  EXPECT_EQ(out.findings[0].tool_level, "note");
  EXPECT_EQ(out.findings[0].security_severity, 8.2);
  EXPECT_EQ(out.findings[0].location.path, "user-input/somefile-1.txt");
}

TEST(ParseSarifFixtures, OsvScannerFileUrisOutsideRepositoryAreKeptAtRepositoryLevel) {
  ParseOutcome out = parse_fixture("osv-scanner/osv-2.5.0-sarif-from-test-vuln-results-a.sarif");
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 3u);
  EXPECT_EQ(out.refused_paths, 3u);
  EXPECT_EQ(out.findings[0].unmapped_location, "file:///path/to/sub-rust-project/Cargo.lock");
  EXPECT_EQ(out.findings[0].security_severity, 7.5);
}

TEST(ParseSarifFixtures, OsvScannerFileUrisInsideRepository) {
  ParseOutcome out = parse_fixture("osv-scanner/osv-2.5.0-sarif-from-test-vuln-results-a.sarif",
                                   repo_context("/path/to"));
  ASSERT_EQ(out.findings.size(), 3u);
  EXPECT_EQ(out.findings[0].location.path, "sub-rust-project/Cargo.lock");
  EXPECT_EQ(out.findings[0].location.region.start_line, 0u);  // no region
}

TEST(ParseSarifFixtures, SemgrepDataflowTrace) {
  ParseOutcome out = parse_fixture("semgrep/e2e-dataflow-traces-codeflows.sarif");
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "rules.classic");
  EXPECT_EQ(f.message, "A user input source() went into a dangerous sink()");
  EXPECT_EQ(f.location.path, "targets/taint/taint.py");
  EXPECT_EQ(f.location.region.start_line, 9u);
  EXPECT_EQ(f.location.region.end_column, 13u);
  EXPECT_NE(f.original.find("\"threadFlows\""), std::string::npos);
}

TEST(ParseSarifFixtures, SemgrepWordSecuritySeverityIsNotedNotGuessed) {
  ParseOutcome out = parse_fixture("semgrep/oss-1.69.0-security-severity.sarif");
  ASSERT_EQ(out.findings.size(), 77u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.location.path, "Gruntfile.js");
  EXPECT_EQ(f.location.region.start_line, 75u);
  EXPECT_FALSE(f.security_severity);
  EXPECT_EQ(f.notes[0], "security-severity \"MEDIUM\" is not a number; ignored");
}

TEST(ParseSarifFixtures, SnykTwoRunsAreBothRead) {
  ParseOutcome out = parse_fixture("snyk/snyk-container-1.1292.1-two-runs.sarif");
  ASSERT_EQ(out.findings.size(), 20u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "SNYK-UBUNTU2010-BASH-1030916");
  EXPECT_EQ(f.tool_level, "note");
  EXPECT_EQ(f.security_severity, 7.8);
  EXPECT_EQ(f.location.path, "Dockerfile");
  EXPECT_EQ(f.location.region.start_line, 1u);
}

TEST(ParseSarifFixtures, Tfsec) {
  ParseOutcome out = parse_fixture("tfsec/tfsec-defsec-terragoat-284-results.sarif");
  ASSERT_EQ(out.findings.size(), 284u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "aws-s3-block-public-acls");
  EXPECT_EQ(f.help_uri,
            "https://aquasecurity.github.io/tfsec/v1.28.1/checks/aws/s3/block-public-acls/");
  EXPECT_EQ(f.location.path, "iac/supplygoat/main.tf");
  EXPECT_EQ(f.location.region.start_line, 74u);
  EXPECT_EQ(f.location.region.end_line, 94u);
}

TEST(ParseSarifFixtures, TrivyDanglingRootpathResolvesAgainstWorkingDirectory) {
  ParseOutcome out = parse_fixture("trivy/image-alpine-310.sarif");
  ASSERT_EQ(out.findings.size(), 4u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "CVE-2019-1549");
  EXPECT_EQ(f.rule_name, "OsPackageVulnerability");
  EXPECT_EQ(f.security_severity, 5.3);
  EXPECT_EQ(f.location.path, "testdata/fixtures/images/alpine-310.tar.gz");
}

TEST(ParseSarifFixtures, TrivyRootpathFromContext) {
  ParseContext ctx = repo_context("/repo");
  ctx.working_directory = "/elsewhere";
  ctx.uri_base_ids["ROOTPATH"] = "file:///repo/";
  ParseOutcome out = parse_fixture("trivy/image-alpine-310.sarif", ctx);
  ASSERT_EQ(out.findings.size(), 4u);
  EXPECT_EQ(out.findings[0].location.path, "testdata/fixtures/images/alpine-310.tar.gz");
  EXPECT_TRUE(out.findings[0].notes.empty());
}

TEST(ParseSarifFixtures, ZapHttpUrisBecomeUrlsNotPaths) {
  ParseOutcome out = parse_fixture("zap/zap-2.16.0-sarif-http-uris.sarif");
  ASSERT_EQ(out.findings.size(), 3u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "40012");
  EXPECT_EQ(f.rule_name, "Cross Site Scripting (Reflected)");
  EXPECT_EQ(f.location.path, "");
  EXPECT_EQ(f.url,
            "http://bodgeit.com:8080/bodgeit/search.jsp?q=%3C%2Ffont%3E%3CscrIpt%3Ealert%281%29%3B"
            "%3C%2FscRipt%3E%3Cfont%3E");
  EXPECT_EQ(out.refused_paths, 0u);
}

}  // namespace
}  // namespace lamina
