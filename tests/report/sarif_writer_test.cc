#include "report/sarif_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "outcome/coverage_outcome.h"
#include "parse/parse.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina {
namespace {

using nlohmann::json;

Finding finding(const std::string& tool, const std::string& rule, Severity s, uint32_t line) {
  Finding f;
  f.tool = tool;
  f.rule_id = rule;
  f.message = "problem <script>alert(1)</script> at line " + std::to_string(line);
  f.severity = s;
  f.location.path = "src/dir with space/a.sh";
  f.location.region = {line, 2, line, 7};
  f.fingerprints["lamina/v1"] = "00000000000000" + std::to_string(line % 10) + "0:0";
  f.diff_position = DiffPosition::added_lines;
  return f;
}

ScannerOutcome scanner(const std::string& id, ScannerState state, const std::string& detail = "") {
  ScannerOutcome s;
  s.scanner_id = id;
  s.name = id;
  s.state = state;
  s.detail = detail;
  RunResult run;
  run.argv = {id, "-f", "json", "--", "it's.sh"};
  run.status = RunStatus::exited;
  run.exit_code = state == ScannerState::failed ? 2 : 1;
  run.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  run.end_time = run.start_time + std::chrono::milliseconds(1250);
  run.invocation.cwd = "/work/repo";
  s.runs.push_back(run);
  return s;
}

ScanResult sample_scan() {
  ScanResult scan;
  scan.scanners = {scanner("shellcheck", ScannerState::findings),
                   scanner("bandit", ScannerState::failed, "exit code 2 is an error for bandit"),
                   scanner("yamllint", ScannerState::clean),
                   scanner("gitleaks", ScannerState::skipped)};
  scan.findings = {finding("shellcheck", "SC2086", Severity::sev2, 3),
                   finding("shellcheck", "SC2046", Severity::sev3, 9),
                   finding("shellcheck", "SC2086", Severity::sev2, 12)};
  scan.findings[0].security_severity = 5.5;
  return scan;
}

void expect_schema_valid(const std::string& sarif) {
  test::TempDir dir;
  test::write_file(dir.file("out.json"), sarif);
  for (const char* schema :
       {"schemas/sarif-schema-2.1.0.json", "schemas/schemastore-sarif-2.1.0.json"}) {
    test::ProcessOutput v =
        test::run({"/usr/bin/python3", test::source_path("tests/tools/validate_json_schema.py"),
                   test::data_path(schema), dir.file("out.json")});
    EXPECT_EQ(v.exit_code, 0) << schema << ": " << v.out << v.err;
  }
}

TEST(SarifWriter, OneRunPerScannerThatRanWithUniqueCategories) {
  SarifReport r = write_sarif(sample_scan(), "/work/repo");
  json log = json::parse(r.text);
  ASSERT_EQ(log["runs"].size(), 3u);
  EXPECT_EQ(log["runs"][0]["automationDetails"]["id"], "lamina/inline/shellcheck/");
  EXPECT_EQ(log["runs"][1]["automationDetails"]["id"], "lamina/inline/bandit/");
  EXPECT_EQ(log["runs"][2]["automationDetails"]["id"], "lamina/inline/yamllint/");
  EXPECT_EQ(log["runs"][2]["results"], json::array());
  EXPECT_EQ(r.text.rfind("{\"version\":\"2.1.0\"", 0), 0u);
}

TEST(SarifWriter, ResultsPointAtRulesAndSourceRoot) {
  json run = json::parse(write_sarif(sample_scan(), "/work/repo").text)["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/repo/");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "SC2086");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["properties"]["security-severity"], "5.5");
  json first = run["results"][0];
  EXPECT_EQ(first["ruleIndex"], 0);
  EXPECT_EQ(first["level"], "warning");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "src/dir%20with%20space/a.sh");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"],
            json::parse(R"({"startLine":3,"startColumn":2,"endLine":3,"endColumn":7})"));
  EXPECT_EQ(first["partialFingerprints"]["lamina/v1"], "0000000000000030:0");
  EXPECT_EQ(run["results"][1]["ruleIndex"], 1);
  EXPECT_EQ(run["results"][2]["ruleIndex"], 0);
}

TEST(SarifWriter, ScannerFailureIsAnUnsuccessfulInvocationWithAnErrorNotification) {
  json run = json::parse(write_sarif(sample_scan(), "/work/repo").text)["runs"][1];
  json inv = run["invocations"][0];
  EXPECT_EQ(inv["executionSuccessful"], false);
  EXPECT_EQ(inv["exitCode"], 2);
  EXPECT_EQ(inv["commandLine"], "bandit -f json -- 'it'\\''s.sh'");
  EXPECT_EQ(inv["startTimeUtc"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(inv["endTimeUtc"], "2026-01-01T00:00:01.250Z");
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["message"]["text"],
            "failed: exit code 2 is an error for bandit");
}

TEST(SarifWriter, ValidatesAgainstBothSarifSchemas) {
  ScanResult scan = sample_scan();
  scan.baseline_given = true;
  scan.findings[1].in_baseline = true;
  scan.findings[2].message = "bad utf8 \xFF\xFE and \x1b[31mansi";
  scan.findings[2].related.push_back({"src/other.sh", {4, 0, 0, 0}, "flows here"});
  SarifReport r = write_sarif(scan, "/work/repo");
  json log = json::parse(r.text);
  EXPECT_EQ(log["runs"][0]["results"][1]["baselineState"], "unchanged");
  EXPECT_EQ(log["runs"][0]["results"][0]["baselineState"], "new");
  expect_schema_valid(r.text);
}

TEST(SarifWriter, KeepsTheMostSevereResultsWhenARunIsOverTheLimit) {
  ScanResult scan;
  scan.scanners = {scanner("shellcheck", ScannerState::findings)};
  for (uint32_t i = 1; i <= 10; ++i) {
    scan.findings.push_back(
        finding("shellcheck", "R", i <= 3 ? Severity::sev1 : Severity::sev3, i));
  }
  SarifLimits limits;
  limits.max_results_per_run = 4;
  SarifReport r = write_sarif(scan, "/r", limits);
  json run = json::parse(r.text)["runs"][0];
  ASSERT_EQ(run["results"].size(), 4u);
  size_t errors = 0;
  for (const json& res : run["results"]) errors += res["level"] == "error";
  EXPECT_EQ(errors, 3u);
  EXPECT_EQ(r.results_cut, 6u);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            "6 of 10 results were left out to stay within GitHub's SARIF limits; the most severe "
            "were kept");
  EXPECT_EQ(r.notes.size(), 1u);
}

TEST(SarifWriter, RunLimitDropsCleanRunsFirstAndSaysWhich) {
  ScanResult scan;
  scan.scanners = {scanner("clean1", ScannerState::clean), scanner("bad", ScannerState::failed),
                   scanner("clean2", ScannerState::clean)};
  SarifLimits limits;
  limits.max_runs = 2;
  SarifReport r = write_sarif(scan, "/r", limits);
  json log = json::parse(r.text);
  ASSERT_EQ(log["runs"].size(), 2u);
  EXPECT_EQ(log["runs"][0]["automationDetails"]["id"], "lamina/inline/bad/");
  EXPECT_EQ(r.runs_cut, 1u);
  EXPECT_EQ(r.notes.at(0), "1 runs left out (GitHub accepts 2 per file): clean2");
}

TEST(SarifWriter, ShrinksUntilTheGzippedSizeFits) {
  ScanResult scan;
  scan.scanners = {scanner("shellcheck", ScannerState::findings)};
  for (uint32_t i = 1; i <= 2000; ++i) {
    Finding f = finding("shellcheck", "R" + std::to_string(i), Severity::sev3, i);
    f.message = std::to_string(i * 7919u) + " unique text " + std::to_string(i * 104729u);
    scan.findings.push_back(f);
  }
  SarifLimits limits;
  limits.max_gzip_bytes = 20000;
  SarifReport r = write_sarif(scan, "/r", limits);
  EXPECT_GT(r.results_cut, 0u);
  EXPECT_EQ(r.results_written + r.results_cut, 2000u);
  EXPECT_LT(r.results_written, 2000u);
}

TEST(SarifWriter, DastFindingIsLocatedAtItsAbsoluteUrl) {
  ScanResult scan;
  scan.layer = Layer::post_deploy;
  scan.scanners = {scanner("wapiti", ScannerState::findings)};
  Finding xss = finding("wapiti", "Cross Site Scripting", Severity::sev1, 0);
  xss.location = {};
  xss.url = "http://127.0.0.1:8080/search?q=<x y>&r=%3C";
  scan.findings = {xss};
  SarifReport r = write_sarif(scan, "/work/repo");
  json run = json::parse(r.text)["runs"][0];
  EXPECT_EQ(run["automationDetails"]["id"], "lamina/post-deploy/wapiti/");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"],
            json::parse(R"({"artifactLocation":
                {"uri":"http://127.0.0.1:8080/search?q=%3Cx%20y%3E&r=%3C"}})"));
  expect_schema_valid(r.text);
}

TEST(SarifWriter, SchemaCheckUsedByTheseTestsRejectsInvalidSarif) {
  test::TempDir dir;
  test::write_file(dir.file("bad.json"), R"({"version":"2.1.0","runs":[{"results":[]}]})");
  test::ProcessOutput v =
      test::run({"/usr/bin/python3", test::source_path("tests/tools/validate_json_schema.py"),
                 test::data_path("schemas/sarif-schema-2.1.0.json"), dir.file("bad.json")});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_NE(v.out.find("'tool' is a required property"), std::string::npos) << v.out;
}

// Findings read from real SARIF (provenance in tests/data/scanner-outputs/SOURCES.md), written
// again as lamina's SARIF.
ScanResult rewritten(const std::string& fixture, const std::string& tool) {
  ParseContext ctx;
  ctx.scanner_id = tool;
  ctx.repository_root = ctx.working_directory = "/work/repo";
  std::optional<std::string> bytes =
      read_file(test::source_path("tests/data/scanner-outputs/" + fixture));
  EXPECT_TRUE(bytes);
  ParseOutcome parsed = parse_output("sarif", bytes.value_or(""), ctx);
  EXPECT_FALSE(parsed.error);
  ScanResult scan;
  scan.scanners = {scanner(tool, ScannerState::findings)};
  scan.findings.assign(std::make_move_iterator(parsed.findings.begin()),
                       std::make_move_iterator(parsed.findings.end()));
  return scan;
}

TEST(SarifWriter, KeepsTheRuleMetadataTheToolWrote) {
  ScanResult scan = rewritten("grype/grype-0.34.7-cxf-3.4.6.sarif", "grype");
  json run = json::parse(write_sarif(scan, "/work/repo").text)["runs"][0];
  json rule;
  for (const json& r : run["tool"]["driver"]["rules"]) {
    if (r["id"] == "CVE-2008-0732-geronimo-j2ee-management_1.1_spec") rule = r;
  }
  ASSERT_TRUE(rule.is_object()) << run["tool"].dump().substr(0, 500);
  EXPECT_EQ(rule["name"], "JavaMatcherCpeMatch");
  EXPECT_EQ(rule["shortDescription"]["text"],
            "CVE-2008-0732 low vulnerability for geronimo-j2ee-management_1.1_spec package");
  EXPECT_EQ(rule["fullDescription"]["text"].get<std::string>().substr(0, 44),
            "The init script for Apache Geronimo on SUSE ");
  EXPECT_EQ(rule["help"]["text"].get<std::string>().substr(0, 26), "Vulnerability CVE-2008-073");
  EXPECT_EQ(rule["help"]["markdown"].get<std::string>().substr(0, 30),
            "**Vulnerability CVE-2008-0732*");
  EXPECT_EQ(rule["helpUri"], "https://github.com/anchore/grype");
  EXPECT_EQ(rule["properties"]["security-severity"], "2.1");
  expect_schema_valid(write_sarif(scan, "/work/repo").text);
}

TEST(SarifWriter, KeepsCodeFlowsOfRealCodeqlResults) {
  ScanResult scan = rewritten("codeql/codeql-2.5.4-codeflows-relatedlocations.sarif", "codeql");
  std::string text = write_sarif(scan, "/work/repo").text;
  json run = json::parse(text)["runs"][0];
  size_t with_flows = 0;
  json first;
  for (const json& result : run["results"]) {
    if (!result.contains("codeFlows")) continue;
    if (++with_flows == 1) first = result["codeFlows"];
  }
  EXPECT_EQ(with_flows, 5u);
  ASSERT_TRUE(first.is_array());
  json step = first[0]["threadFlows"][0]["locations"][0]["location"];
  EXPECT_EQ(step["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_TRUE(step["message"]["text"].is_string());
  expect_schema_valid(text);
}

// A result lamina could not place stays in its run, without a location, and the run says why.
TEST(SarifWriter, UnmappedLocationIsNotifiedAndKeptOnTheResult) {
  ScanResult scan = sample_scan();
  Finding outside = finding("shellcheck", "SC1091", Severity::sev1, 1);
  outside.location = {};
  outside.unmapped_location = "file:///usr/lib/x.sh";
  scan.findings.push_back(outside);
  std::string text = write_sarif(scan, "/work/repo").text;
  json run = json::parse(text)["runs"][0];
  json kept;
  for (const json& result : run["results"]) {
    if (result["ruleId"] == "SC1091") kept = result;
  }
  ASSERT_TRUE(kept.is_object());
  EXPECT_FALSE(kept.contains("locations"));
  EXPECT_EQ(kept["properties"]["lamina/unmapped-location"], "file:///usr/lib/x.sh");
  EXPECT_EQ(kept["level"], "error");
  json notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["level"], "warning");
  EXPECT_EQ(notes[0]["message"]["text"],
            "location \"file:///usr/lib/x.sh\" could not be mapped into the repository; the "
            "result (SC1091) is kept at repository level and counted by the gate");
  expect_schema_valid(text);
}

TEST(UriFromPath, PercentEncodesEverythingButUnreservedAndSlash) {
  EXPECT_EQ(uri_from_path("a b/%0A::x,y.py"), "a%20b/%250A%3A%3Ax%2Cy.py");
  EXPECT_EQ(uri_from_path("\xC3\xBC.sh"), "%C3%BC.sh");
}

}  // namespace
}  // namespace lamina

namespace lamina {
namespace {

// Changed files no installed scanner looked at: one notification per kind and file type on the
// run of lamina-coverage, with the count and at most 100 of the paths.
TEST(SarifWriter, CoverageGapsAreNotificationsWithBoundedFileLists) {
  ScanResult scan = sample_scan();
  CoverageGap go{"sast", "static analysis", ".go", true, {}, {{"gosec", "go install gosec"}}};
  for (int i = 0; i < 150; ++i) go.paths.push_back("pkg/f" + std::to_string(1000 + i) + ".go");
  CoverageGap lua{"sast", "static analysis", ".lua", false, {"x.lua"}, {}};
  scan.not_covered = {go, lua};
  ScannerOutcome coverage;
  coverage.scanner_id = kCoverageScannerId;
  coverage.name = "lamina coverage";
  coverage.state = ScannerState::skipped;
  scan.scanners.push_back(coverage);
  std::string text = write_sarif(scan, "/work/repo").text;
  json run, log = json::parse(text);
  for (const json& r : log["runs"]) {
    if (r["automationDetails"]["id"] == "lamina/inline/lamina-coverage/") run = r;
  }
  ASSERT_TRUE(run.is_object()) << text;
  EXPECT_TRUE(run["invocations"][0]["executionSuccessful"]);
  json notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0]["level"], "warning");
  EXPECT_EQ(notes[0]["message"]["text"], go.text());
  EXPECT_EQ(notes[0]["properties"]["lamina/file-count"], 150);
  EXPECT_EQ(notes[0]["properties"]["lamina/files"].size(), 100u);
  EXPECT_EQ(notes[0]["properties"]["lamina/files"][0], "pkg/f1000.go");
  EXPECT_EQ(notes[0]["properties"]["lamina/files-left-out"], 50);
  EXPECT_EQ(notes[0]["properties"]["lamina/missing-scanners"], json::array({"gosec"}));
  EXPECT_EQ(notes[1]["properties"]["lamina/in-catalog"], false);
  EXPECT_FALSE(notes[1]["properties"].contains("lamina/files-left-out"));
  expect_schema_valid(text);
}

TEST(SarifWriter, ARequiredCoverageGapIsAFailedRunWithErrorNotifications) {
  ScanResult scan = sample_scan();
  scan.not_covered = {{"sast", "static analysis", ".lua", false, {"x.lua"}, {}}};
  ScannerOutcome coverage;
  coverage.scanner_id = kCoverageScannerId;
  coverage.state = ScannerState::failed;
  coverage.detail = "required coverage (--require-coverage: sast) not met";
  scan.scanners.push_back(coverage);
  std::string text = write_sarif(scan, "/work/repo").text;
  json run = json::parse(text)["runs"].back();
  ASSERT_EQ(run["automationDetails"]["id"], "lamina/inline/lamina-coverage/");
  EXPECT_FALSE(run["invocations"][0]["executionSuccessful"]);
  json notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0]["message"]["text"],
            "failed: required coverage (--require-coverage: sast) not met");
  EXPECT_EQ(notes[1]["level"], "error");
  EXPECT_EQ(run["properties"]["lamina/state"], "failed");
  expect_schema_valid(text);
}

}  // namespace
}  // namespace lamina
