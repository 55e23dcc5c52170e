// npm audit --json: real reports (npm 7+ output captured by DefectDojo's users), npm 11.19.1's own
// error outputs captured on this machine, and real lockfiles written by npm for the placement of
// each finding on its package's lines (tests/data/scanner-outputs/SOURCES.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "parse/parse.h"
#include "parse_testing.h"
#include "report/gitlab_reports.h"

namespace lamina {
namespace {

using test::checked_in_output;

// A project folder holding the real lockfile of tests/data/scanner-outputs/npm-audit/input/<name>.
class NpmAuditParse : public ::testing::Test {
 protected:
  ParseContext project(const std::string& input = "") {
    if (!input.empty()) {
      for (const char* file : {"package.json", "package-lock.json"}) {
        test::write_file(repo.file(std::string("web/") + file),
                         checked_in_output("npm-audit/input/" + input + "/" + file));
      }
    }
    ParseContext ctx = test::repo_context(repo.path(), "npm-audit");
    ctx.working_directory = repo.path() + "/web";
    return ctx;
  }
  ParseOutcome parse(const std::string& output, const ParseContext& ctx) {
    return parse_output("npm-audit-json", checked_in_output("npm-audit/" + output), ctx);
  }
  test::TempDir repo;
};

TEST_F(NpmAuditParse, EachAdvisoryIsAFindingOnItsPackagesLinesOfTheLockfile) {
  // debug 2.6.8, locked by npm at lines 14-21 of package-lock.json.
  ParseOutcome out = parse("defectdojo-npm-7plus-one-vuln.json", project("debug-2.6.8"));
  ASSERT_FALSE(out.error) << *out.error;
  EXPECT_FALSE(out.tool_failure);
  ASSERT_EQ(out.findings.size(), 2u);  // the "ms" entry of via names a dependency, not an advisory
  const Finding& redos = out.findings[0];
  EXPECT_EQ(redos.rule_id, "GHSA-gxpj-cx7g-858c");
  EXPECT_EQ(redos.rule_name, "Regular Expression Denial of Service in debug");
  EXPECT_EQ(redos.help_uri, "https://github.com/advisories/GHSA-gxpj-cx7g-858c");
  EXPECT_EQ(redos.package, "debug");
  EXPECT_EQ(redos.package_version, "2.6.8");  // read from the lockfile, not npm's range
  EXPECT_EQ(redos.tool_level, "moderate");
  ASSERT_TRUE(redos.security_severity);
  EXPECT_DOUBLE_EQ(*redos.security_severity, 5.3);
  EXPECT_EQ(redos.location.path, "web/package-lock.json");
  EXPECT_EQ(redos.location.region.start_line, 14u);
  EXPECT_EQ(redos.location.region.end_line, 21u);
  EXPECT_EQ(redos.message,
            "debug 2.6.8 (node_modules/debug): GHSA-gxpj-cx7g-858c Regular Expression Denial of "
            "Service in debug; affected versions <2.6.9; fixed by express@4.18.3 (npm audit fix)");
  EXPECT_EQ(out.findings[1].rule_id, "GHSA-9vvw-cc9w-f27h");
  ASSERT_TRUE(out.findings[1].security_severity);
  EXPECT_DOUBLE_EQ(*out.findings[1].security_severity, 7.5);
}

// What GitLab's dependency list and vulnerability report need: the lockfile, the package and its
// installed version, the advisory id; valid against GitLab's 15.2.1 schema.
TEST_F(NpmAuditParse, TheAdvisoriesGoToTheGitLabDependencyScanningReport) {
  ParseOutcome out = parse("defectdojo-npm-7plus-one-vuln.json", project("debug-2.6.8"));
  ScanResult scan;
  ScannerOutcome npm;
  npm.scanner_id = npm.name = "npm-audit";
  npm.report_kind = "dependency_scanning";
  npm.state = ScannerState::findings;
  scan.scanners.push_back(npm);
  for (Finding& f : out.findings) scan.findings.push_back(std::move(f));
  GitlabReport report = gitlab_security_report(scan, "dependency_scanning", std::string(40, 'c'));
  EXPECT_EQ(report.written, 2u);
  nlohmann::json doc = nlohmann::json::parse(report.text);
  const nlohmann::json& first = doc["vulnerabilities"][0];
  EXPECT_EQ(first["location"]["file"], "web/package-lock.json");
  EXPECT_EQ(first["location"]["dependency"]["package"]["name"], "debug");
  EXPECT_EQ(first["location"]["dependency"]["version"], "2.6.8");
  EXPECT_EQ(first["identifiers"][0]["value"], "GHSA-gxpj-cx7g-858c");
  EXPECT_EQ(first["identifiers"][0]["url"], "https://github.com/advisories/GHSA-gxpj-cx7g-858c");
  EXPECT_EQ(first["severity"], "Medium");                    // CVSS 5.3
  EXPECT_EQ(doc["vulnerabilities"][1]["severity"], "High");  // CVSS 7.5
  test::write_file(repo.file("report.json"), report.text);
  test::ProcessOutput valid =
      test::run({"/usr/bin/python3", test::source_path("tests/tools/validate_json_schema.py"),
                 test::data_path("schemas/gitlab-15.2.1/dependency-scanning-report-format.json"),
                 repo.file("report.json")});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
}

TEST_F(NpmAuditParse, TheAdvisoryStaysOnTheWholeLockfileWhenItsNodeIsNotThere) {
  // The report names node_modules/@vercel/fun/... which the debug lockfile does not hold: the
  // finding covers every line of it (any change to the lockfile shows it) and keeps npm's range.
  ParseOutcome out = parse("defectdojo-npm-7plus-many-vulns.json", project("debug-2.6.8"));
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 3u);  // debug, semver, undici; the other three only via names
  const Finding& debug = out.findings[0];
  EXPECT_EQ(debug.package, "debug");
  EXPECT_EQ(debug.package_version, "4.0.0 - 4.3.0");
  EXPECT_EQ(debug.location.path, "web/package-lock.json");
  EXPECT_EQ(debug.location.region.start_line, 1u);
  EXPECT_EQ(debug.location.region.end_line, 28u);
  EXPECT_NE(debug.message.find("fixed by vercel@32.3.0 (a semver-major change: npm audit fix "
                               "--force)"),
            std::string::npos)
      << debug.message;
  EXPECT_EQ(out.findings[2].rule_id, "GHSA-3787-6prv-h9w3");
  EXPECT_EQ(out.findings[2].tool_level, "low");
}

TEST_F(NpmAuditParse, WithoutALockfileTheFindingIsKeptAtTheProject) {
  ParseOutcome out = parse("defectdojo-npm-7plus-one-vuln.json", project());
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].location.path, "");
  EXPECT_EQ(out.findings[0].package_version, "<=2.6.8");
  ASSERT_FALSE(out.notes.empty());
  EXPECT_NE(out.notes.back().find("no npm-shrinkwrap.json or package-lock.json"),
            std::string::npos);
}

TEST_F(NpmAuditParse, NothingToAuditIsACleanRun) {
  ParseOutcome out = parse("npm-11.19.1-no-dependencies.json", project());
  EXPECT_FALSE(out.error);
  EXPECT_FALSE(out.tool_failure);
  EXPECT_TRUE(out.findings.empty());
}

// npm exits 1 both for vulnerabilities and for every error: the JSON decides, and an error is
// never a pass.
TEST_F(NpmAuditParse, ARegistryThatRefusesTheAuditIsAToolFailure) {
  ParseOutcome out = parse("npm-11.19.1-bulk-endpoint-405.json", project("lodash-4.17.4"));
  EXPECT_FALSE(out.error);
  EXPECT_EQ(out.tool_failure,
            "npm audit could not check the dependencies: 405 Method Not Allowed - POST "
            "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk (HTTP 405)");
  EXPECT_TRUE(out.findings.empty());
}

TEST_F(NpmAuditParse, NoNetworkIsAToolFailure) {
  ParseOutcome out = parse("npm-11.19.1-offline.json", project("lodash-4.17.4"));
  EXPECT_EQ(out.tool_failure,
            "npm audit could not check the dependencies: request to "
            "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: "
            "getaddrinfo EAI_AGAIN registry.npmjs.org");
}

TEST_F(NpmAuditParse, NoLockfileIsAToolFailureNamingNpmsCode) {
  ParseOutcome out = parse("npm-11.19.1-no-lockfile.json", project());
  EXPECT_EQ(out.tool_failure,
            "npm audit could not check the dependencies: ENOLOCK: This command requires an "
            "existing lockfile.");
}

TEST_F(NpmAuditParse, OtherShapesAreErrors) {
  ParseContext ctx = project();
  EXPECT_EQ(parse_output("npm-audit-json", "", ctx).error.has_value(), true);
  EXPECT_EQ(parse_output("npm-audit-json", "[]", ctx).error, "npm-audit-json: not a JSON object");
  EXPECT_EQ(parse_output("npm-audit-json", R"({"advisories": {}, "metadata": {}})", ctx).error,
            "npm-audit-json: the npm 6 report format (\"advisories\"); lamina reads npm 7 and "
            "later (auditReportVersion 2)");
  EXPECT_EQ(parse_output("npm-audit-json", R"({"auditReportVersion": 2})", ctx).error,
            "npm-audit-json: \"vulnerabilities\" is not an object");
}

}  // namespace
}  // namespace lamina
