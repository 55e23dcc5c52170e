// GitLab's container-scanning report (schema 15.2.1) and the pre-deploy findings on artifacts in
// the sast and secret-detection reports: each validated against GitLab's schema.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "parse/parse.h"
#include "report/gitlab_reports.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina {
namespace {

using nlohmann::json;

const std::string kSha(40, 'c');

ScannerOutcome scanner(const std::string& id, const std::string& kind) {
  ScannerOutcome s;
  s.scanner_id = id;
  s.name = id;
  s.version = "0.57.0";
  s.report_kind = kind;
  s.state = ScannerState::findings;
  s.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  s.end_time = s.start_time + std::chrono::seconds(3);
  return s;
}

// What lamina makes of trivy's JSON for a saved alpine 3.10 image: 4 OS package vulnerabilities.
ScanResult trivy_image_scan() {
  ParseContext ctx;
  ctx.scanner_id = "trivy-image-json";
  ctx.repository_root = "/repo";
  ctx.working_directory = "/repo";
  auto bytes =
      read_file(test::source_path("tests/data/scanner-outputs/trivy/image-alpine-310.json"));
  EXPECT_TRUE(bytes.has_value());
  ParseOutcome parsed = parse_output("trivy-json", bytes.value_or(""), ctx);
  EXPECT_FALSE(parsed.error) << *parsed.error;
  ScanResult scan;
  scan.scanners = {scanner("trivy-image-json", "container_scanning")};
  scan.findings.assign(parsed.findings.begin(), parsed.findings.end());
  return scan;
}

Finding artifact_finding(const std::string& tool, const std::string& artifact_path) {
  Finding f;
  f.tool = tool;
  f.rule_id = "R1";
  f.message = "found";
  f.severity = Severity::sev1;
  f.artifact_path = artifact_path;
  f.fingerprints["lamina/v1"] = "0123456789abcdef:0";
  return f;
}

void expect_valid(const std::string& doc, const std::string& schema) {
  test::TempDir dir;
  test::write_file(dir.file("r.json"), doc);
  test::ProcessOutput v =
      test::run({"/usr/bin/python3", test::source_path("tests/tools/validate_json_schema.py"),
                 schema, dir.file("r.json")});
  EXPECT_EQ(v.exit_code, 0) << schema << ": " << v.out << v.err;
}

const std::string kContainerSchema =
    test::source_path("tests/data/schemas/gitlab-15.2.1/container-scanning-report-format.json");

TEST(GitlabContainerScanning, TrivyImageVulnerabilitiesNamePackageOsAndImage) {
  GitlabReport r = gitlab_security_report(trivy_image_scan(), "container_scanning", kSha);
  json doc = json::parse(r.text);
  EXPECT_EQ(r.written, 4u);
  EXPECT_EQ(r.skipped, 0u);
  EXPECT_EQ(doc["scan"]["type"], "container_scanning");
  EXPECT_EQ(doc["vulnerabilities"][0]["location"], json::parse(R"({
    "dependency": {"package": {"name": "libcrypto1.1"}, "version": "1.1.1c-r0"},
    "operating_system": "alpine 3.10.2",
    "image": "testdata/fixtures/images/alpine-310.tar.gz"})"));
  EXPECT_EQ(doc["vulnerabilities"][0]["identifiers"][0], json::parse(R"({"type": "cve",
    "name": "CVE-2019-1549", "value": "CVE-2019-1549",
    "url": "https://avd.aquasec.com/nvd/cve-2019-1549"})"));
}

TEST(GitlabContainerScanning, TrivyImageReportValidatesAgainstGitlabSchema) {
  expect_valid(gitlab_security_report(trivy_image_scan(), "container_scanning", kSha).text,
               kContainerSchema);
}

TEST(GitlabContainerScanning, ImageIsTheArtifactPartOfThePathInsideIt) {
  ScanResult scan;
  scan.scanners = {scanner("grype", "container_scanning")};
  scan.findings = {artifact_finding("grype", "image.tar!/usr/lib/libz.so.1")};
  scan.findings[0].package = "zlib";
  scan.findings[0].package_version = "1.2.11-r1";
  scan.findings[0].operating_system = "alpine 3.10.2";
  json doc = json::parse(gitlab_security_report(scan, "container_scanning", kSha).text);
  EXPECT_EQ(doc["vulnerabilities"][0]["location"]["image"], "image.tar");
}

TEST(GitlabContainerScanning, FindingWithoutOperatingSystemIsCountedAsSkipped) {
  ScanResult scan;
  scan.scanners = {scanner("grype", "container_scanning")};
  scan.findings = {artifact_finding("grype", "image.tar")};
  scan.findings[0].package = "zlib";
  scan.findings[0].package_version = "1.2.11-r1";
  GitlabReport r = gitlab_security_report(scan, "container_scanning", kSha);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(json::parse(r.text)["vulnerabilities"], json::array());
  expect_valid(r.text, kContainerSchema);
}

TEST(GitlabContainerScanning, ReportFileNameFollowsGitlabConvention) {
  EXPECT_EQ(gitlab_report_file("container_scanning"), "gl-container-scanning-report.json");
}

TEST(GitlabArtifactFindings, MalwareInAnImageReachesSastByItsPathInTheArtifact) {
  ScanResult scan;
  scan.scanners = {scanner("clamscan", "sast")};
  scan.findings = {artifact_finding("clamscan", "image.tar!/usr/lib/x.so")};
  scan.findings[0].artifact_layer = "sha256:" + std::string(64, 'a');
  GitlabReport r = gitlab_security_report(scan, "sast", kSha);
  json doc = json::parse(r.text);
  EXPECT_EQ(r.skipped, 0u);
  EXPECT_EQ(doc["vulnerabilities"][0]["location"],
            json::parse(R"({"file":"image.tar!/usr/lib/x.so"})"));
  EXPECT_EQ(doc["vulnerabilities"][0]["details"]["layer"]["value"],
            "sha256:" + std::string(64, 'a'));
  expect_valid(r.text, test::data_path("schemas/gitlab-15.2.1/sast-report-format.json"));
}

TEST(GitlabArtifactFindings, SecretInAnImageKeepsItsLinesAndTheCommit) {
  ScanResult scan;
  scan.scanners = {scanner("gitleaks", "secret_detection")};
  scan.findings = {artifact_finding("gitleaks", "image.tar!/app/.env")};
  scan.findings[0].location.region = {3, 1, 3, 20};
  GitlabReport r = gitlab_security_report(scan, "secret_detection", kSha);
  json doc = json::parse(r.text);
  EXPECT_EQ(doc["vulnerabilities"][0]["location"], json::parse(R"({"file":"image.tar!/app/.env",
    "start_line":3,"end_line":3,"commit":{"sha":")" + kSha + R"("}})"));
  expect_valid(r.text,
               test::data_path("schemas/gitlab-15.2.1/secret-detection-report-format.json"));
}

}  // namespace
}  // namespace lamina
