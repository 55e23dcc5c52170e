// `lamina scan` and `lamina report` end to end: the real binary, a real repository with a pull
// request history made by the test, real shellcheck, GitHub's environment emulated.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"
#include "util/file_io.h"
#include "util/spawn.h"

namespace lamina {
namespace {

using nlohmann::json;

bool have(const char* tool) {
  return !find_executable(tool, std::getenv("PATH")).empty();
}

struct PullRequest {
  test::TempDir dir;
  std::string repo = dir.file("repo");
  std::string base, head, merge;

  PullRequest() {
    test::git(dir.path(), {"init", "-q", repo});
    test::write_file(repo + "/old.sh", "#!/bin/sh\necho $old\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "base"});
    base = test::git(repo, {"rev-parse", "HEAD"});
    test::git(repo, {"checkout", "-qb", "feature"});
    test::write_file(repo + "/new.sh", "#!/bin/sh\n# fine\necho $new\n");
    test::write_file(repo + "/-rf.sh", "#!/bin/sh\necho $danger\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "feature"});
    head = test::git(repo, {"rev-parse", "HEAD"});
    test::git(repo, {"checkout", "-q", "main"});
    test::git(repo, {"merge", "-q", "--no-ff", "-m", "test merge", "feature"});
    merge = test::git(repo, {"rev-parse", "HEAD"});
    json event = {{"number", 7},
                  {"pull_request",
                   {{"number", 7},
                    {"base", {{"sha", base}, {"ref", "main"}}},
                    {"head", {{"sha", head}, {"ref", "feature"}}}}},
                  {"repository", {{"full_name", "o/r"}, {"default_branch", "main"}}}};
    test::write_file(dir.file("event.json"), event.dump());
    // Outside the repository, so it is not part of the change; secretlint may not be installed.
    test::write_file(config, "scanners:\n  secretlint: {enabled: false}\n");
  }

  std::string config = dir.file("lamina.yml");

  std::vector<std::string> scan(std::vector<std::string> args) const {
    args.insert(args.begin(), {"scan", "--config", config});
    return args;
  }

  std::vector<std::string> env() const {
    return {"PATH=" + std::string(std::getenv("PATH")),
            "HOME=" + dir.path(),
            "GITHUB_ACTIONS=true",
            "GITHUB_EVENT_NAME=pull_request",
            "GITHUB_EVENT_PATH=" + dir.file("event.json"),
            "GITHUB_SHA=" + merge,
            "GITHUB_WORKSPACE=" + repo,
            "GITHUB_REPOSITORY=o/r",
            "GITHUB_SERVER_URL=https://github.com",
            "GITHUB_STEP_SUMMARY=" + dir.file("summary.md"),
            "GITHUB_OUTPUT=" + dir.file("output"),
            "GITHUB_TOKEN=ghs_secret"};
  }
};

TEST(ScanCommand, PullRequestFindingsGateAnnotateAndReport) {
  if (!have("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  PullRequest pr;
  test::ProcessOutput out = test::run_lamina(
      {"scan", "--fail-on", "sev3", "--config", pr.dir.file("none.yml")}, pr.repo, pr.env());
  ASSERT_EQ(out.exit_code, 2) << out.err;  // a --config that does not exist is an input error
  out = test::run_lamina(pr.scan({"--fail-on", "sev3"}), pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  // Both new files are flagged on their added lines; old.sh is not part of the change.
  // They fail the gate (at or above --fail-on sev3), so they are errors, whatever their severity.
  EXPECT_NE(out.out.find("::error file=new.sh,line=3,endLine=3,col=6,endColumn=9,title=sev3 "
                         "shellcheck/SC2086::Double quote to prevent globbing"),
            std::string::npos)
      << out.out;
  EXPECT_NE(out.out.find("::error file=-rf.sh,line=2"), std::string::npos);
  EXPECT_EQ(out.out.find("old.sh"), std::string::npos);
  json sarif = json::parse(*read_file(pr.repo + "/lamina-out/lamina.sarif"));
  ASSERT_GE(sarif["runs"].size(), 1u);  // then a run per missing scanner a check lacked
  EXPECT_EQ(sarif["runs"][0]["automationDetails"]["id"], "lamina/inline/shellcheck/");
  for (size_t i = 1; i < sarif["runs"].size(); ++i) {
    EXPECT_EQ(sarif["runs"][i]["properties"]["lamina/state"], "skipped");
    EXPECT_TRUE(sarif["runs"][i]["results"].empty());
  }
  EXPECT_EQ(sarif["runs"][0]["results"].size(), 4u);  // SC2086 and SC2154 in each new file
  std::string summary = *read_file(pr.dir.file("summary.md"));
  EXPECT_NE(summary.find("Gate failed: 4 finding(s) at or above sev3"), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("https://github.com/o/r/blob/" + pr.merge + "/new.sh#L3"),
            std::string::npos);
  std::string outputs = *read_file(pr.dir.file("output"));
  EXPECT_NE(outputs.find("\nfail\n"), std::string::npos);
  // A path later steps open: relative to the workspace, not the path lamina saw (issue 14).
  EXPECT_NE(outputs.find("\nlamina-out/lamina.sarif\n"), std::string::npos) << outputs;
}

TEST(ScanCommand, GatePassesBelowThresholdAndBaselineHoldsTheLine) {
  if (!have("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  PullRequest pr;
  test::ProcessOutput first = test::run_lamina(
      pr.scan({"--fail-on", "sev3", "--out", pr.dir.file("first")}), pr.repo, pr.env());
  ASSERT_EQ(first.exit_code, 1) << first.out << first.err;
  test::ProcessOutput again = test::run_lamina(
      pr.scan({"--fail-on", "sev3", "--baseline", pr.dir.file("first/lamina.sarif")}), pr.repo,
      pr.env());
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("4 in the baseline"), std::string::npos) << again.out;
  test::ProcessOutput default_gate = test::run_lamina(pr.scan({}), pr.repo, pr.env());
  EXPECT_EQ(default_gate.exit_code, 0) << default_gate.out;  // sev3 findings, gate at sev1
}

// A passing PR: its sev3 findings are counted below --fail-on sev1 and shown as notices; no error.
TEST(ScanCommand, PassingPullRequestAnnotatesNoError) {
  if (!have("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  PullRequest pr;
  test::ProcessOutput out = test::run_lamina(pr.scan({}), pr.repo, pr.env());
  ASSERT_EQ(out.exit_code, 0) << out.out << out.err;
  EXPECT_EQ(out.out.find("::error"), std::string::npos) << out.out;
  EXPECT_EQ(out.out.find("::warning"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("::notice file=new.sh,line=3,endLine=3,col=6,endColumn=9,title=sev3 "
                         "shellcheck/SC2086::"),
            std::string::npos)
      << out.out;
}

// Fail-fast asks the gate's own question: a finding the baseline accepts stops nothing.
struct FailFastRepo {
  PullRequest pr;
  std::string slow_marker = pr.dir.file("slow-finished");

  FailFastRepo() {
    // "quick" flags line 2 of new.sh as sev1 at once; "slow" needs a few seconds, leaves a marker
    // when it was not stopped, and flags line 3 as sev1.
    test::write_file(pr.config,
                     "fail_fast: true\n"
                     "scanners:\n"
                     "  shellcheck: {enabled: false}\n"
                     "  secretlint: {enabled: false}\n"
                     "  quick:\n"
                     "    layer: [inline]\n"
                     "    files: ['new.sh']\n"
                     "    command: [sh, -c, 'printf \"%s:2:1: error: hard-coded key [KEY1]\\n\" "
                     "\"$1\"', quick, '{files}']\n"
                     "    output: {from: stdout, format: gcc}\n"
                     "    severity: {KEY1: sev1}\n"
                     "  slow:\n"
                     "    layer: [inline]\n"
                     "    files: ['new.sh']\n"
                     "    command: [sh, -c, 'sleep 3; echo done > \"$1\"; printf \"%s:3:1: error: "
                     "command injection [KEY2]\\n\" \"$2\"', slow, '" +
                         slow_marker +
                         "', '{files}']\n"
                         "    output: {from: stdout, format: gcc}\n"
                         "    severity: {KEY2: sev1}\n");
  }
  bool slow_finished() const { return read_file(slow_marker).has_value(); }
};

TEST(ScanCommand, FailFastCancelsTheOthersForAFindingThatFailsTheGate) {
  FailFastRepo r;
  test::ProcessOutput out =
      test::run_lamina(r.pr.scan({"--out", r.pr.dir.file("first")}), r.pr.repo, r.pr.env());
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.out.find("cancelled by fail-fast after quick finished"), std::string::npos)
      << out.out;
  EXPECT_FALSE(r.slow_finished());
}

// Before, the baselined finding cancelled "slow" and the run passed without its finding.
TEST(ScanCommand, FailFastIgnoresAFindingInTheBaseline) {
  FailFastRepo r;
  ASSERT_EQ(test::run_lamina(r.pr.scan({"--out", r.pr.dir.file("first")}), r.pr.repo, r.pr.env())
                .exit_code,
            1);
  ASSERT_FALSE(r.slow_finished());  // the baseline holds quick's finding only
  test::ProcessOutput out = test::run_lamina(
      r.pr.scan({"--baseline", r.pr.dir.file("first/lamina.sarif")}), r.pr.repo, r.pr.env());
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_EQ(out.out.find("cancelled"), std::string::npos) << out.out;
  EXPECT_TRUE(r.slow_finished()) << out.out;
  EXPECT_NE(out.out.find("findings: sev1 2 (1 counted)"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("1 in the baseline"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("new.sh:3:1: sev1 [slow/KEY2] command injection"), std::string::npos)
      << out.out;
}

// A real eslint run: the SARIF formatter marks an `eslint-disable-next-line` result as suppressed
// in source. It does not gate, stays in lamina.sarif with its suppression, and is counted.
TEST(ScanCommand, FindingSuppressedInSourceDoesNotGateAndIsKept) {
  std::string eslint_bin = test::source_path("node_modules/.bin");
  if (!have("eslint") && find_executable("eslint", eslint_bin).empty())
    GTEST_SKIP() << "eslint is not installed";
  test::TempDir dir;
  std::string repo = dir.file("repo");
  test::git(dir.path(), {"init", "-q", repo});
  test::write_file(repo + "/web/package.json", "{\"name\": \"web\"}\n");
  test::write_file(repo + "/web/app.js", "module.exports = 1;\n");
  test::git(repo, {"add", "-A"});
  test::git(repo, {"commit", "-qm", "base"});
  std::string base = test::git(repo, {"rev-parse", "HEAD"});
  auto scan = [&](const std::string& app_js) {
    test::write_file(repo + "/web/app.js", app_js);
    test::git(repo, {"commit", "-qam", "change"});
    test::write_file(dir.file("lamina.yml"), "scanners:\n  secretlint: {enabled: false}\n");
    return test::run_lamina(
        {"scan", "--config", dir.file("lamina.yml"), "--base", base, "--head", "HEAD", "--fail-on",
         "sev2", "--out", dir.file("out")},
        repo,
        {"PATH=" + eslint_bin + ":" + std::getenv("PATH"),
         "NODE_PATH=" + test::source_path("node_modules"), "HOME=" + dir.path()});
  };
  test::ProcessOutput out = scan(
      "// eslint-disable-next-line security/detect-eval-with-expression -- a constant table\n"
      "module.exports = eval(process.argv[2]);\n");
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
  EXPECT_NE(out.out.find("sev2 1 (0 counted)"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find(", 1 suppressed"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("(suppressed)"), std::string::npos) << out.out;
  json sarif = json::parse(*read_file(dir.file("out/lamina.sarif")));
  const json& result = sarif["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "security/detect-eval-with-expression");
  EXPECT_EQ(result["suppressions"],
            json::parse(R"([{"kind":"inSource","justification":"a constant table"}])"));
  EXPECT_EQ(result["properties"]["lamina/counted"], false);
  EXPECT_EQ(*read_file(dir.file("out/gl-code-quality-report.json")), "[]");
  EXPECT_NE(out.out.find("note: 1 of 1 findings left out of gl-code-quality-report.json: 1 "
                         "suppressed by the tool"),
            std::string::npos)
      << out.out;
  // The same line without the comment fails the gate.
  out = scan("module.exports = eval(process.argv[2]);\n");
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.out.find("sev2 1 (1 counted)"), std::string::npos) << out.out;
}

TEST(ScanCommand, CustomScannerThatCrashesIsAFailureWithExitThree) {
  PullRequest pr;
  test::write_file(pr.config,
                   "scanners:\n"
                   "  shellcheck: {enabled: false}\n"
                   "  secretlint: {enabled: false}\n"
                   "  crasher:\n"
                   "    name: Crasher\n"
                   "    layer: [inline]\n"
                   "    files: ['*.sh']\n"
                   "    command: [sh, -c, 'env > \"$0\"; kill -SEGV $$', '" +
                       pr.dir.file("env.txt") +
                       "', '{files}']\n"
                       "    output: {from: stdout, format: gcc}\n");
  test::ProcessOutput out = test::run_lamina(pr.scan({}), pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 3) << out.out << out.err;
  EXPECT_NE(out.out.find("crasher       failed"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("killed by signal 11"), std::string::npos) << out.out;
  std::string env = *read_file(pr.dir.file("env.txt"));
  EXPECT_EQ(env.find("GITHUB_TOKEN"), std::string::npos) << env;
  json sarif = json::parse(*read_file(pr.repo + "/lamina-out/lamina.sarif"));
  EXPECT_EQ(sarif["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

TEST(ReportCommand, GatesSarifMadeElsewhere) {
  PullRequest pr;
  test::write_file(
      pr.dir.file("codeql.sarif"),
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL","rules":[{"id":"js/xss",)"
      R"("properties":{"security-severity":"8.1"}}]}},"results":[{"ruleId":"js/xss","ruleIndex":0,)"
      R"("message":{"text":"XSS"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"new.sh"},)"
      R"("region":{"startLine":3}}}]}]}]})");
  test::ProcessOutput out =
      test::run_lamina({"report", "--input", pr.dir.file("codeql.sarif")}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.out.find("::error file=new.sh,line=3,endLine=3,title=sev1 codeql/js/xss::XSS"),
            std::string::npos)
      << out.out;
}

std::string real_sarif(const std::string& relative) {
  return *read_file(test::source_path("tests/data/scanner-outputs/" + relative));
}

json report_sarif(const PullRequest& pr) {
  return json::parse(*read_file(pr.repo + "/lamina-out/lamina.sarif"));
}

// osv-scanner's SARIF names file:///path/to/..., a folder of the machine that made it, which
// names no file of this repository. Before: 3 results "refused", 0 findings, exit 0 (a silent
// pass). Now: 3 findings at repository level, 2 of them sev1 (security-severity 7.5), exit 1.
TEST(ReportCommand, ResultsOutsideTheRepositoryReachTheGate) {
  PullRequest pr;
  test::write_file(pr.dir.file("osv.sarif"),
                   real_sarif("osv-scanner/osv-2.5.0-sarif-from-test-vuln-results-a.sarif"));
  test::ProcessOutput out =
      test::run_lamina({"report", "--input", pr.dir.file("osv.sarif")}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.out.find("sev1 2 (2 counted)"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("3 at repository level"), std::string::npos) << out.out;
  json run = report_sarif(pr)["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "osv-scanner");
  ASSERT_EQ(run["results"].size(), 3u);
  EXPECT_EQ(run["results"][0]["properties"]["lamina/unmapped-location"],
            "file:///path/to/sub-rust-project/Cargo.lock");
  EXPECT_EQ(run["results"][0]["properties"]["lamina/counted"], true);
  json notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_GE(notes.size(), 3u);
  EXPECT_NE(notes[0]["message"]["text"].get<std::string>().find(
                "could not be mapped into the repository"),
            std::string::npos);
}

// The same SARIF once the repository tracks those files: each result is mapped to the file its
// path ends with.
TEST(ReportCommand, PathsOfAnotherMachineMapToTheTrackedFileTheyEndWith) {
  PullRequest pr;
  test::write_file(pr.repo + "/sub-rust-project/Cargo.lock", "# lock\n");
  test::write_file(pr.repo + "/go.mod", "module x\n");
  test::git(pr.repo, {"add", "-A"});
  test::git(pr.repo, {"commit", "-qm", "lock files"});
  test::write_file(pr.dir.file("osv.sarif"),
                   real_sarif("osv-scanner/osv-2.5.0-sarif-from-test-vuln-results-a.sarif"));
  // Outside CI, on the commit just made: --all reads every file tracked at HEAD.
  std::vector<std::string> local_env = {"PATH=" + std::string(std::getenv("PATH")),
                                        "HOME=" + pr.dir.path()};
  test::ProcessOutput out =
      test::run_lamina({"report", "--input", pr.dir.file("osv.sarif"), "--all", "--filter", "all",
                        "--out", "lamina-out"},  // outside CI the default is .git/lamina/out
                       pr.repo, local_env);
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  json results = report_sarif(pr)["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  std::set<std::string> uris;
  for (const json& r : results) {
    uris.insert(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    EXPECT_FALSE(r["properties"].contains("lamina/unmapped-location"));
  }
  EXPECT_EQ(uris, (std::set<std::string>{"go.mod", "sub-rust-project/Cargo.lock"}));
}

// A Docker action's scanner writes its paths under /github/workspace, through a chained
// uriBaseId and percent-encoded: the result lands on the added line of new.sh and gates.
TEST(ReportCommand, ContainerWorkspacePathsAreMappedIntoTheRepository) {
  PullRequest pr;
  test::write_file(
      pr.dir.file("container.sarif"),
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Semgrep OSS","rules":[{"id":"x",)"
      R"("properties":{"security-severity":"9.0"}}]}},"originalUriBaseIds":{)"
      R"("%SRCROOT%":{"uri":"file:///github/workspace/"},"TOP":{"uri":"./","uriBaseId":"%SRCROOT%"}},)"
      R"("results":[{"ruleId":"x","message":{"text":"bad"},"locations":[{"physicalLocation":)"
      R"({"artifactLocation":{"uri":"new%2Esh","uriBaseId":"TOP"},"region":{"startLine":3}}}]},)"
      R"({"ruleId":"x","message":{"text":"also"},"locations":[{"physicalLocation":)"
      R"({"artifactLocation":{"uri":"file:///home/runner/work/r/r/new.sh"},"region":{"startLine":3}}}]}]}]})");
  test::ProcessOutput out =
      test::run_lamina({"report", "--input", pr.dir.file("container.sarif")}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
  EXPECT_NE(out.out.find("::error file=new.sh,line=3,endLine=3,title=sev1 semgrep-oss/x::bad"),
            std::string::npos)
      << out.out;
  EXPECT_NE(out.out.find("sev1 2 (2 counted)"), std::string::npos) << out.out;
}

// Nine runs of nine real tools merged in one file are nine scanners, each under its own name,
// with its rules' metadata and code flows carried into lamina's SARIF.
TEST(ReportCommand, EachRunOfAMergedLogIsItsOwnScanner) {
  PullRequest pr;
  json merged = {{"version", "2.1.0"}, {"runs", json::array()}};
  for (const char* fixture :
       {"codeql/codeql-2.5.4-codeflows-relatedlocations.sarif",
        "eslint/eslint-8.56.0-sarif-formatter-file-uris.sarif", "gitleaks/sarif_simple.sarif",
        "grype/grype-0.34.7-cxf-3.4.6.sarif",
        "osv-scanner/osv-2.5.0-sarif-from-test-vuln-results-a.sarif",
        "semgrep/e2e-dataflow-traces-codeflows.sarif",
        "snyk/snyk-container-1.1292.1-two-runs.sarif", "trivy/image-alpine-310.sarif"}) {
    json log = json::parse(real_sarif(fixture));  // kept alive for the loop
    for (json& run : log["runs"]) merged["runs"].push_back(run);
  }
  ASSERT_EQ(merged["runs"].size(), 9u);
  test::write_file(pr.dir.file("merged.sarif"), merged.dump());
  test::ProcessOutput out = test::run_lamina(
      {"report", "--input", pr.dir.file("merged.sarif"), "--fail-on", "never"}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
  json runs = report_sarif(pr)["runs"];
  std::vector<std::string> ids;
  for (const json& run : runs) ids.push_back(run["automationDetails"]["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "lamina/inline/codeql/", "lamina/inline/eslint/", "lamina/inline/gitleaks/",
                     "lamina/inline/grype/", "lamina/inline/osv-scanner/",
                     "lamina/inline/semgrep-oss/", "lamina/inline/snyk-container/",
                     "lamina/inline/snyk-container-2/", "lamina/inline/trivy/"}));
  EXPECT_EQ(runs[0]["tool"]["driver"]["name"], "CodeQL");
  EXPECT_EQ(runs[0]["results"].size(), 72u);
  size_t flows = 0;
  for (const json& r : runs[0]["results"]) flows += r.contains("codeFlows");
  EXPECT_EQ(flows, 5u);
  size_t grype_rules_with_help = 0;
  for (const json& rule : runs[3]["tool"]["driver"]["rules"]) {
    grype_rules_with_help += rule["help"].contains("markdown") && rule["name"] != rule["id"];
  }
  EXPECT_EQ(grype_rules_with_help, runs[3]["tool"]["driver"]["rules"].size());
  EXPECT_EQ(runs[7]["results"].size(), 0u);
}

// A run without "results" did not finish: the scanner failed, and the gate does not pass
// silently (exit 3); "results": [] in the other run is a clean pass of that tool.
TEST(ReportCommand, RunWithoutResultsIsAScannerFailure) {
  PullRequest pr;
  test::write_file(pr.dir.file("partial.sarif"),
                   R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Done"}},"results":[]},)"
                   R"({"tool":{"driver":{"name":"Crashed"}},"invocations":[)"
                   R"({"executionSuccessful":false}]}]})");
  test::ProcessOutput out =
      test::run_lamina({"report", "--input", pr.dir.file("partial.sarif")}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 3) << out.out << out.err;
  EXPECT_NE(out.out.find("run 2 (Crashed) has no \"results\" array"), std::string::npos) << out.out;
  json runs = report_sarif(pr)["runs"];
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]["invocations"][0]["executionSuccessful"], true);
  EXPECT_EQ(runs[1]["invocations"][0]["executionSuccessful"], false);
}

TEST(PlanCommand, JsonNamesContextChangesAndScanners) {
  PullRequest pr;
  test::ProcessOutput out = test::run_lamina({"plan", "--json"}, pr.repo, pr.env());
  ASSERT_EQ(out.exit_code, 0) << out.err;
  json plan = json::parse(out.out);
  EXPECT_EQ(plan["layer"], "inline");
  EXPECT_EQ(plan["context"]["provider"], "github");
  EXPECT_EQ(plan["context"]["event"], "pull_request");
  EXPECT_EQ(plan["context"]["base"], pr.base);
  EXPECT_EQ(plan["context"]["head"], pr.merge);
  ASSERT_EQ(plan["changes"].size(), 2u);
  EXPECT_EQ(plan["changes"][0]["path"], "-rf.sh");
  EXPECT_EQ(plan["changes"][0]["status"], "added");
  EXPECT_EQ(plan["changes"][1]["added_lines"], json::parse("[[1,3]]"));
  bool shellcheck = false;
  for (const json& s : plan["scanners"]) {
    if (s["id"] == "shellcheck") shellcheck = s["selected"].get<bool>() || !have("shellcheck");
  }
  EXPECT_TRUE(shellcheck);
}

TEST(PlanCommand, WorkspaceOwnedByAnotherUserIsTrusted) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the workspace to another user";
  PullRequest pr;
  test::ProcessOutput chown = test::run({"chown", "-R", "4321:4321", pr.repo});
  ASSERT_EQ(chown.exit_code, 0) << chown.err;
  test::ProcessOutput out = test::run_lamina({"plan", "--json"}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 0) << out.err;
  EXPECT_NE(out.out.find("\"path\": \"new.sh\""), std::string::npos) << out.out;
}

TEST(PlanCommand, BadInputIsExitTwoWithTheFix) {
  PullRequest pr;
  test::ProcessOutput out =
      test::run_lamina({"plan", "--base", "no-such-rev", "--head", "HEAD"}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.err.find("no-such-rev"), std::string::npos) << out.err;
  out = test::run_lamina({"plan", "--all", "--base", "HEAD"}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 2);
  out = test::run_lamina({"plan", "--layer", "nightly"}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.err.find("expected inline, pre-deploy, post-deploy or continuous"),
            std::string::npos);
  out = test::run_lamina({"plan", "-C", pr.dir.file("nowhere")}, pr.repo, pr.env());
  EXPECT_EQ(out.exit_code, 2);
}

}  // namespace
}  // namespace lamina
