#include "report/report_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "test_support.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

// The report folder as open_report_folder() gives it: created, opened once.
Folder out_folder(const std::string& path) {
  std::filesystem::create_directories(path);
  return Folder::open(path);
}

ScanResult sample() {
  ScanResult scan;
  scan.fail_on.threshold = Severity::sev1;
  ScannerOutcome s;
  s.scanner_id = "shellcheck";
  s.state = ScannerState::findings;
  scan.scanners = {s};
  Finding f;
  f.tool = "shellcheck";
  f.rule_id = "SC2086";
  f.severity = Severity::sev1;
  f.message = "m";
  f.location.path = "a.sh";
  f.location.region.start_line = 2;
  scan.findings = {f};
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  return scan;
}

TEST(ReportWriter, FindingsLeftOutOfAGitlabReportAreCountedInANote) {
  test::TempDir dir;
  ScanResult scan = sample();
  scan.scanners[0].report_kind = "container_scanning";
  WrittenReports w =
      write_reports(scan, report_targets_from({}, dir.file("out"), dir.path(), false),
                    out_folder(dir.file("out")));
  EXPECT_EQ(w.notes, std::vector<std::string>{
                         "1 of 1 findings left out of gl-container-scanning-report.json (GitLab "
                         "needs a package, its version, the OS and the image)"});
}

TEST(ReportWriter, FindingsLeftOutOfTheCodeQualityReportAreCountedInANote) {
  test::TempDir dir;
  ScanResult scan = sample();
  scan.findings.push_back(scan.findings[0]);
  scan.findings[1].location.path = "";
  scan.findings[1].artifact_path = "image.tar!/usr/lib/x.so";
  WrittenReports w =
      write_reports(scan, report_targets_from({}, dir.file("out"), dir.path(), false),
                    out_folder(dir.file("out")));
  EXPECT_EQ(w.notes, std::vector<std::string>{
                         "1 of 2 findings left out of gl-code-quality-report.json: 1 without a "
                         "repository file (GitLab needs one: findings on an artifact, a URL or the "
                         "repository as a whole)"});
}

TEST(ReportWriter, KeptOutputsAreWrittenPerRunAndAFailedScannerLeavesNoStaleOne) {
  test::TempDir dir;
  ScanResult scan = sample();
  ScannerOutcome sbom;
  sbom.scanner_id = "cyclonedx-npm";
  sbom.state = ScannerState::clean;
  sbom.keep_output = "sbom-npm.cdx.json";
  for (const char* bytes : {"{\"first\": 1}", "", "{\"third\": 3}"}) {
    RunResult run;
    run.invocation.output_from = OutputSource::out_file;
    run.out_file_data = bytes;
    sbom.runs.push_back(run);
  }
  scan.scanners.push_back(sbom);
  ReportTargets t = report_targets_from({}, dir.file("out"), dir.path(), false);
  Folder out = out_folder(dir.file("out"));
  WrittenReports w = write_reports(scan, t, out);
  EXPECT_TRUE(w.errors.empty());
  EXPECT_EQ(read_file(dir.file("out/sbom-npm.cdx.json")), "{\"first\": 1}");
  EXPECT_EQ(read_file(dir.file("out/sbom-npm-2.cdx.json")), "{\"third\": 3}");
  EXPECT_NE(std::find(w.files.begin(), w.files.end(), dir.file("out/sbom-npm-2.cdx.json")),
            w.files.end());
  // The next run's generator fails: no document of the earlier run may pass for this one's.
  scan.scanners.back().state = ScannerState::failed;
  write_reports(scan, t, out);
  EXPECT_FALSE(read_file(dir.file("out/sbom-npm.cdx.json")));
}

TEST(ReportWriter, WritesEveryFileAndAppendsToGithubChannels) {
  test::TempDir dir;
  test::write_file(dir.file("summary.md"), "earlier step\n");
  EnvMap env{{"GITHUB_STEP_SUMMARY", dir.file("summary.md")},
             {"GITHUB_OUTPUT", dir.file("output")},
             {"GITHUB_WORKSPACE", dir.path()}};
  test::write_file(dir.file("repo/sub/.keep"), "");
  ReportTargets t = report_targets_from(env, dir.file("out"), dir.file("repo/sub"), true);
  EXPECT_EQ(t.path_prefix, "repo/sub/");
  WrittenReports w = write_reports(sample(), t, out_folder(dir.file("out")));
  EXPECT_EQ(w.files.size(), 6u);
  for (const std::string& f : w.files) EXPECT_TRUE(read_file(f).has_value()) << f;
  EXPECT_EQ(w.annotations.rfind("::error file=repo/sub/a.sh,line=2", 0), 0u) << w.annotations;
  std::string summary = *read_file(dir.file("summary.md"));
  EXPECT_EQ(summary.rfind("earlier step\n## lamina: inline layer", 0), 0u);
  EXPECT_NE(read_file(dir.file("output"))->find("\ngate<<ghadelimiter_"), std::string::npos);
}

// 250 findings fail the gate: 9 are annotated, the job summary lists the first 200 (its limit),
// and the overflow annotation says so instead of claiming the summary has all of them.
TEST(ReportWriter, OverflowAnnotationSaysWhatTheCutSummaryLists) {
  test::TempDir dir;
  EnvMap env{{"GITHUB_STEP_SUMMARY", dir.file("summary.md")}};
  ScanResult scan = sample();
  for (uint32_t line = 3; line <= 251; ++line) {
    scan.findings.push_back(scan.findings[0]);
    scan.findings.back().location.region.start_line = line;
  }
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  WrittenReports w =
      write_reports(scan, report_targets_from(env, dir.file("out"), dir.path(), true),
                    out_folder(dir.file("out")));
  EXPECT_NE(w.annotations.find("::error title=lamina%3A more findings that fail the gate::241 "
                               "more findings that fail the gate are not annotated (GitHub shows "
                               "10 per type per step); the job summary lists 191 of them (it lists "
                               "200 findings in all); see lamina.sarif for the other 50.\n"),
            std::string::npos)
      << w.annotations;
  EXPECT_NE(read_file(dir.file("summary.md"))->find("50 more finding(s) not shown here"),
            std::string::npos);
}

TEST(ReportWriter, UnwritableStepSummaryIsAnErrorNamingTheVariableAndTheRestIsWritten) {
  test::TempDir dir;
  EnvMap env{{"GITHUB_STEP_SUMMARY", dir.file("missing-dir/summary.md")},
             {"GITHUB_OUTPUT", dir.file("output")}};
  ReportTargets t = report_targets_from(env, dir.file("out"), dir.path(), true);
  WrittenReports w = write_reports(sample(), t, out_folder(dir.file("out")));
  ASSERT_EQ(w.errors.size(), 1u);
  EXPECT_EQ(
      w.errors[0].rfind(
          "cannot write $GITHUB_STEP_SUMMARY " + dir.file("missing-dir/summary.md") + ": ", 0),
      0u)
      << w.errors[0];
  EXPECT_EQ(w.files.size(), 6u);
  EXPECT_NE(w.annotations.find("::error "), std::string::npos);
  EXPECT_NE(read_file(dir.file("output"))->find("gate<<"), std::string::npos);
}

// A folder where the SARIF should go: the write fails, and an older run's report is not left to
// be uploaded as this run's.
TEST(ReportWriter, FailedReportLeavesNoStaleFile) {
  test::TempDir dir;
  test::write_file(dir.file("out/gl-sast-report.json/x"), "");
  ReportTargets t = report_targets_from({}, dir.file("out"), dir.path(), false);
  WrittenReports w = write_reports(sample(), t, out_folder(dir.file("out")));
  ASSERT_EQ(w.errors.size(), 1u);
  EXPECT_EQ(w.errors[0].rfind("cannot write " + dir.file("out/gl-sast-report.json"), 0), 0u)
      << w.errors[0];
  EXPECT_EQ(w.files.size(), 5u);
}

TEST(ReportWriter, InterruptedScanWritesNoCodeQualityReportAndGateIsIncomplete) {
  test::TempDir dir;
  test::write_file(dir.file("out/gl-code-quality-report.json"), "[] from an earlier run");
  EnvMap env{{"GITHUB_OUTPUT", dir.file("output")}};
  ScanResult scan = sample();
  scan.incomplete = true;
  WrittenReports w =
      write_reports(scan, report_targets_from(env, dir.file("out"), dir.path(), true),
                    out_folder(dir.file("out")));
  EXPECT_TRUE(w.errors.empty());
  EXPECT_FALSE(read_file(dir.file("out/gl-code-quality-report.json")).has_value());
  EXPECT_NE(read_file(dir.file("out/lamina.sarif"))->find("this report is incomplete"),
            std::string::npos);
  EXPECT_NE(read_file(dir.file("output"))->find("gate<<ghadelimiter_"), std::string::npos);
  std::string outputs = *read_file(dir.file("output"));
  EXPECT_NE(outputs.find("\nincomplete\n"), std::string::npos) << outputs;
}

// Issue 13 item 6: a symlink planted at a report's name, or at the temporary name an earlier
// lamina used ("lamina.sarif.lamina-tmp-1"), is replaced, never written through.
TEST(ReportWriter, SymlinksAtReportNamesAreReplacedNotFollowed) {
  test::TempDir dir;
  test::write_file(dir.file("victim"), "untouched");
  std::filesystem::create_directories(dir.file("out"));
  std::filesystem::create_symlink(dir.file("victim"), dir.file("out/lamina.sarif"));
  std::filesystem::create_symlink(dir.file("victim"), dir.file("out/lamina.sarif.lamina-tmp-1"));
  std::filesystem::create_symlink(dir.file("victim"), dir.file("out/gl-sast-report.json"));
  WrittenReports w =
      write_reports(sample(), report_targets_from({}, dir.file("out"), dir.path(), false),
                    out_folder(dir.file("out")));
  EXPECT_TRUE(w.errors.empty());
  EXPECT_EQ(read_file(dir.file("victim")), "untouched");
  EXPECT_FALSE(std::filesystem::is_symlink(dir.file("out/lamina.sarif")));
  EXPECT_NE(read_file(dir.file("out/lamina.sarif"))->find("2.1.0"), std::string::npos);
  // No temporary file is left behind.
  for (const auto& e : std::filesystem::directory_iterator(dir.file("out"))) {
    EXPECT_FALSE(e.path().filename().string().starts_with(".")) << e.path();
  }
}

TEST(ReportWriter, StaleReportsOfAnyKindAreRemovedAndOtherFilesKept) {
  test::TempDir dir;
  Folder out = out_folder(dir.file("out"));
  for (const char* name :
       {"lamina.sarif", "gl-code-quality-report.json", "gl-sast-report.json", "sbom-npm.cdx.json",
        "sbom-npm-7.cdx.json", "notes.txt", "sbom-npm-x.cdx.json"}) {
    test::write_file(dir.file(std::string("out/") + name), "committed by the change");
  }
  std::filesystem::create_symlink("/etc/passwd", dir.file("out/gl-secret-detection-report.json"));
  EXPECT_EQ(remove_stale_reports(out, {"sbom-npm.cdx.json"}), 6u);
  std::vector<std::string> left = out.names();
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"notes.txt", "sbom-npm-x.cdx.json"}));
}

// The built-in kept-output names come from the catalog, parsed on a thread: a folder of lamina's
// own reports is swept without waiting for them, any other file asks for them once.
TEST(ReportWriter, StaleReportSweepAsksForKeptNamesOnlyWhenAnotherFileIsThere) {
  test::TempDir dir;
  Folder out = out_folder(dir.file("out"));
  int asked = 0;
  auto keep = [&] {
    ++asked;
    return std::vector<std::string>{"sbom-npm.cdx.json"};
  };
  test::write_file(dir.file("out/lamina.sarif"), "{}");
  test::write_file(dir.file("out/gl-sast-report.json"), "{}");
  EXPECT_EQ(remove_stale_reports(out, keep), 2u);
  EXPECT_EQ(asked, 0);
  for (const char* name : {"lamina.sarif", "sbom-npm-2.cdx.json", "notes.txt", "sbom-npm.cdx.json"})
    test::write_file(dir.file(std::string("out/") + name), "{}");
  EXPECT_EQ(remove_stale_reports(out, keep), 3u);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(out.names(), (std::vector<std::string>{"notes.txt"}));
}

}  // namespace
}  // namespace lamina
