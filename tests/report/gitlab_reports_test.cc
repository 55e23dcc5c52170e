#include "report/gitlab_reports.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace lamina {
namespace {

using nlohmann::json;

ScannerOutcome scanner(const std::string& id, const std::string& kind, ScannerState state) {
  ScannerOutcome s;
  s.scanner_id = id;
  s.name = id;
  s.version = "1.0";
  s.report_kind = kind;
  s.state = state;
  s.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  s.end_time = s.start_time + std::chrono::seconds(2);
  return s;
}

Finding finding(const std::string& tool, Severity s, const std::string& path) {
  Finding f;
  f.tool = tool;
  f.rule_id = "R1";
  f.message = "<img src=x onerror=alert(1)> \xFF";
  f.severity = s;
  f.location.path = path;
  f.location.region = {7, 1, 9, 4};
  f.fingerprints["lamina/v1"] = "abcdef0123456789:0";
  return f;
}

ScanResult sample() {
  ScanResult scan;
  scan.scanners = {scanner("bandit", "sast", ScannerState::findings),
                   scanner("secretlint", "secret_detection", ScannerState::findings),
                   scanner("osv-scanner", "dependency_scanning", ScannerState::failed),
                   scanner("yamllint", "", ScannerState::findings)};
  scan.findings = {finding("bandit", Severity::sev2, "app/x.py"),
                   finding("secretlint", Severity::sev1, "config/.env"),
                   finding("osv-scanner", Severity::sev1, "package-lock.json"),
                   finding("yamllint", Severity::sev3, "ci.yml"),
                   finding("yamllint", Severity::sev3, "")};
  scan.findings[2].package = "lodash";
  scan.findings[2].package_version = "4.17.20";
  scan.findings[2].security_severity = 9.1;
  return scan;
}

void expect_valid(const std::string& doc, const std::string& schema) {
  test::TempDir dir;
  test::write_file(dir.file("r.json"), doc);
  test::ProcessOutput v =
      test::run({"/usr/bin/python3", test::source_path("tests/tools/validate_json_schema.py"),
                 test::data_path(schema), dir.file("r.json")});
  EXPECT_EQ(v.exit_code, 0) << schema << ": " << v.out << v.err;
}

TEST(GitlabCodeQuality, EveryFindingWithAFileWithStableFingerprints) {
  GitlabReport r = gitlab_code_quality(sample());
  json doc = json::parse(r.text);
  ASSERT_EQ(doc.size(), 4u);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(doc[3]["check_name"], "yamllint/R1");
  EXPECT_EQ(doc[3]["severity"], "minor");
  EXPECT_EQ(doc[1]["severity"], "critical");
  EXPECT_EQ(doc[3]["location"], json::parse(R"({"path":"ci.yml","lines":{"begin":7}})"));
  EXPECT_EQ(doc[3]["fingerprint"],
            json::parse(gitlab_code_quality(sample()).text)[3]["fingerprint"]);
  EXPECT_NE(doc[0]["fingerprint"], doc[3]["fingerprint"]);
  EXPECT_EQ(r.text.rfind("[", 0), 0u);
}

TEST(GitlabCodeQuality, LeavesOutSuppressedFindingsAndSaysWhatItLeftOut) {
  ScanResult scan = sample();
  scan.findings[0].suppressions = {{"inSource", "", "reviewed"}};
  scan.findings[1].suppressions = {{"external", "underReview", ""}};  // still an issue
  GitlabReport r = gitlab_code_quality(scan);
  EXPECT_EQ(json::parse(r.text).size(), 3u);
  EXPECT_EQ(r.written, 3u);
  EXPECT_EQ(r.skipped, 2u);
  EXPECT_EQ(r.suppressed, 1u);
  EXPECT_EQ(gitlab_code_quality_note(r),
            "2 of 5 findings left out of gl-code-quality-report.json: 1 without a repository "
            "file (GitLab needs one: findings on an artifact, a URL or the repository as a "
            "whole), 1 suppressed by the tool");
}

TEST(GitlabSecurity, SastReportValidatesAndCarriesOnlySastScanners) {
  GitlabReport r = gitlab_security_report(sample(), "sast", std::string(40, 'c'));
  json doc = json::parse(r.text);
  EXPECT_EQ(doc["version"], "15.2.1");
  EXPECT_EQ(doc["scan"]["type"], "sast");
  EXPECT_EQ(doc["scan"]["start_time"], "2026-01-01T00:00:00");
  EXPECT_EQ(doc["scan"]["scanner"]["id"], "bandit");
  ASSERT_EQ(doc["vulnerabilities"].size(), 1u);
  EXPECT_EQ(doc["vulnerabilities"][0]["severity"], "Medium");
  EXPECT_EQ(doc["vulnerabilities"][0]["location"],
            json::parse(R"({"file":"app/x.py","start_line":7,"end_line":9})"));
  expect_valid(r.text, "schemas/gitlab-15.2.1/sast-report-format.json");
}

TEST(GitlabSecurity, SecretDetectionNamesTheCommit) {
  GitlabReport r = gitlab_security_report(sample(), "secret_detection", std::string(40, 'c'));
  json doc = json::parse(r.text);
  EXPECT_EQ(doc["vulnerabilities"][0]["location"]["commit"]["sha"], std::string(40, 'c'));
  EXPECT_EQ(doc["vulnerabilities"][0]["severity"], "High");
  expect_valid(r.text, "schemas/gitlab-15.2.1/secret-detection-report-format.json");
}

TEST(GitlabSecurity, DependencyReportHasPackageAndFailureStatus) {
  GitlabReport r = gitlab_security_report(sample(), "dependency_scanning", std::string(40, 'c'));
  json doc = json::parse(r.text);
  EXPECT_EQ(doc["scan"]["status"], "failure");
  EXPECT_EQ(doc["scan"]["messages"][0]["level"], "fatal");
  EXPECT_EQ(doc["vulnerabilities"][0]["severity"], "Critical");
  EXPECT_EQ(doc["vulnerabilities"][0]["location"]["dependency"]["package"]["name"], "lodash");
  expect_valid(r.text, "schemas/gitlab-15.2.1/dependency-scanning-report-format.json");
}

TEST(GitlabSecurity, EmptyKindStillValid) {
  ScanResult scan;
  GitlabReport r = gitlab_security_report(scan, "sast", std::string(40, 'c'));
  EXPECT_EQ(json::parse(r.text)["vulnerabilities"], json::array());
  expect_valid(r.text, "schemas/gitlab-15.2.1/sast-report-format.json");
}

}  // namespace
}  // namespace lamina
