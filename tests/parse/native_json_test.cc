// The native JSON of gitleaks, trivy and ZAP: tools not installable here, so real outputs
// collected elsewhere (tests/data/scanner-outputs, provenance in its SOURCES.md).
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::repo_context;

TEST(ParseGitleaks, NativeJsonReport) {
  ParseOutcome out =
      parse_output("gitleaks-json", checked_in_output("gitleaks/baseline-report.json"),
                   repo_context("/repo", "gitleaks"));
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 2u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.tool, "gitleaks");
  EXPECT_EQ(f.rule_id, "pypi-upload-token");
  EXPECT_EQ(f.tool_level, "secret");
  EXPECT_EQ(f.message, "PyPI upload token");
  EXPECT_EQ(f.location.path, "detect/detect_test.go");
  EXPECT_EQ(f.location.region.start_line, 32u);
  EXPECT_EQ(f.location.region.start_column, 21u);
  EXPECT_EQ(f.location.region.end_column, 106u);
  EXPECT_EQ(f.fingerprints.at("gitleaks/v8"),
            "9326f35380636bcbe61e94b0584d1618c4b5c2c2:detect/detect_test.go:pypi-upload-token:32");
  EXPECT_EQ(out.findings[1].location.region.start_line, 33u);
}

TEST(ParseGitleaks, SecretIsRedactedInTheOriginalRecord) {
  std::string report = R"([{"Description":"AWS","File":"a.env","StartLine":1,"RuleID":"aws",
      "Secret":"AKIAREALSECRET1234567","Match":"key=AKIAREALSECRET1234567"}])";
  ParseOutcome out = parse_output("gitleaks-json", report, repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].original.find("AKIAREALSECRET"), std::string::npos);
  EXPECT_NE(out.findings[0].original.find(R"("Secret":"REDACTED")"), std::string::npos);
}

TEST(ParseTrivy, ImageVulnerabilitiesNameTheImageNotAFile) {
  ParseOutcome out =
      parse_output("trivy-json", checked_in_output("trivy/image-alpine-310.json"), repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 4u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "CVE-2019-1549");
  EXPECT_EQ(f.rule_name, "openssl: information disclosure in fork()");
  EXPECT_EQ(f.tool_level, "MEDIUM");
  EXPECT_EQ(f.help_uri, "https://avd.aquasec.com/nvd/cve-2019-1549");
  EXPECT_EQ(f.message,
            "libcrypto1.1 1.1.1c-r0: CVE-2019-1549 openssl: information disclosure in fork() "
            "(fixed in 1.1.1d-r0)");
  EXPECT_EQ(f.location.path, "");
  EXPECT_EQ(f.artifact_path, "testdata/fixtures/images/alpine-310.tar.gz (alpine 3.10.2)");
  EXPECT_EQ(out.findings[2].message.rfind("libssl1.1 ", 0), 0u);
}

TEST(ParseTrivy, ImageOsPackageCarriesPackageVersionAndOperatingSystem) {
  ParseOutcome out =
      parse_output("trivy-json", checked_in_output("trivy/image-alpine-310.json"), repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 4u);
  EXPECT_EQ(out.findings[0].package, "libcrypto1.1");
  EXPECT_EQ(out.findings[0].package_version, "1.1.1c-r0");
  EXPECT_EQ(out.findings[0].operating_system, "alpine 3.10.2");
}

TEST(ParseTrivy, RepositorySecretIsPlacedInItsFileAndRedacted) {
  ParseOutcome out =
      parse_output("trivy-json", checked_in_output("trivy/repo-secret-scan.json"), repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "github-pat");
  EXPECT_EQ(f.tool_level, "CRITICAL");
  EXPECT_EQ(f.message, "GitHub Personal Access Token");
  EXPECT_EQ(f.location.path, "env");
  EXPECT_EQ(f.location.region.start_line, 5u);
  EXPECT_EQ(f.location.region.end_line, 5u);
  EXPECT_EQ(f.original.find("GITHUB_PAT"), std::string::npos);
}

TEST(ParseTrivy, ReportWithoutArtifactTypeIsAnError) {
  ParseOutcome out = parse_output("trivy-json", R"({"Results":[]})", repo_context());
  EXPECT_EQ(out.error, "trivy-json: no \"ArtifactType\" (was trivy run with --format json?)");
}

TEST(ParseZap, OneFindingPerAlertInstance) {
  ParseOutcome out = parse_output(
      "zap-json", checked_in_output("zap/zap-baseline-2.14-report_json.json"), repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 61u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "10038");
  EXPECT_EQ(f.rule_name, "Content Security Policy (CSP) Header Not Set");
  EXPECT_EQ(f.tool_level, "Medium");
  EXPECT_EQ(f.help_uri, "https://www.zaproxy.org/docs/alerts/10038/");
  EXPECT_EQ(f.url, "http://www.itsecgames.com");
  EXPECT_EQ(f.location.path, "");
  EXPECT_NE(f.original.find(R"("instances":[{"attack":"")"), std::string::npos);
}

TEST(ParseZap, ParameterIsNamedInTheMessage) {
  ParseOutcome out = parse_output(
      "zap-json", checked_in_output("zap/zap-baseline-2.14-report_json.json"), repo_context());
  ASSERT_GT(out.findings.size(), 23u);
  const Finding& f = out.findings[23];
  EXPECT_EQ(f.rule_id, "10021");
  EXPECT_EQ(f.message, "X-Content-Type-Options Header Missing (parameter x-content-type-options)");
  EXPECT_EQ(f.tool_level, "Low");
}

}  // namespace
}  // namespace lamina
