#include "report/console.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

ScanResult scan_with_two_findings() {
  ScanResult scan;
  scan.fail_on.threshold = Severity::sev1;
  Finding a;
  a.tool = "shellcheck";
  a.rule_id = "SC2086";
  a.severity = Severity::sev2;
  a.message = "Double quote\n::error::forged \x1b[31m";
  a.location.path = "dir/a\nb.sh";
  a.location.region = {4, 7, 4, 9};
  a.diff_position = DiffPosition::added_lines;
  Finding b = a;
  b.location.path = "old.sh";
  b.diff_position = DiffPosition::outside_diff;
  scan.findings = {a, b};
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  return scan;
}

TEST(ConsoleFindings, CompilerStyleLinesWithInertText) {
  EXPECT_EQ(
      console_findings(scan_with_two_findings(), false),
      "dir/a\\nb.sh:4:7: sev2 [shellcheck/SC2086] Double quote\\n::error::forged \\x1b[31m\n"
      "old.sh:4:7: sev2 [shellcheck/SC2086] Double quote\\n::error::forged \\x1b[31m (outside "
      "the diff)\n");
}

TEST(ConsoleFindings, ColourOnlyWhenAsked) {
  EXPECT_EQ(console_findings(scan_with_two_findings(), false).find("\x1b["), std::string::npos);
  EXPECT_NE(console_findings(scan_with_two_findings(), true).find("\x1b[33msev2\x1b[0m"),
            std::string::npos);
}

TEST(ConsoleSummary, SuppressedFindingsAreTaggedAndCounted) {
  ScanResult scan = scan_with_two_findings();
  scan.findings[0].suppressions = {{"inSource", "", ""}};
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  EXPECT_EQ(console_findings(scan, false).find("\n"),
            console_findings(scan, false).find(" (suppressed)\n") + 13);
  EXPECT_NE(console_summary(scan, {}, false)
                .find("sev2 2 (0 counted), sev3 0 (0 counted); 1 outside the diff filter, 1 "
                      "suppressed\n"),
            std::string::npos);
}

TEST(ConsoleSummary, StatesScannersVerdictExitCodeAndReports) {
  ScanResult scan = scan_with_two_findings();
  ScannerOutcome ok;
  ok.scanner_id = "shellcheck";
  ok.state = ScannerState::findings;
  ok.finding_count = 2;
  ScannerOutcome bad;
  bad.scanner_id = "bandit";
  bad.state = ScannerState::failed;
  bad.detail = "exit code 2 means an error";
  ScannerOutcome skip;
  skip.scanner_id = "gitleaks";
  skip.detail = "not installed: see https://github.com/gitleaks/gitleaks";
  scan.scanners = {ok, bad, skip};
  scan.context.reason = "pull_request #7: diffing the test merge commit against its first parent";
  scan.changes.files.resize(2);
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 1);
  std::string out = console_summary(scan, {"lamina-out/lamina.sarif"}, false);
  EXPECT_NE(out.find("lamina inline: 2 scanner(s) ran, 1 skipped, 1 failed\n"), std::string::npos);
  EXPECT_NE(out.find("scope: 2 changed file(s); pull_request #7: diffing the test merge commit "
                     "against its first parent\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  bandit        failed    0.0s  exit code 2 means an error\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  1 skipped: 1 not installed: gitleaks (--verbose lists each)\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("  gitleaks      skipped"), std::string::npos) << out;
  std::string verbose = console_summary(scan, {"lamina-out/lamina.sarif"}, false, true);
  EXPECT_NE(verbose.find("  gitleaks      skipped    not installed"), std::string::npos) << verbose;
  EXPECT_EQ(verbose.find("1 skipped:"), std::string::npos) << verbose;
  EXPECT_NE(out.find("findings: sev1 0 (0 counted), sev2 2 (1 counted), sev3 0 (0 counted); 1 "
                     "outside the diff filter\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("verdict: SCANNER FAILURE: 1 scanner(s) did not complete"), std::string::npos);
  EXPECT_NE(out.find("exit code 3: a scanner failed (the gate passed on the rest)\n"),
            std::string::npos);
  EXPECT_NE(out.find("report: lamina-out/lamina.sarif\n"), std::string::npos);
}

// Quieter by default: the scanners that ran or failed, the skipped ones in one line grouped by
// why, the ones not installed named.
TEST(ConsoleSummary, SkippedScannersAreOneLineGroupedByWhy) {
  ScanResult scan = scan_with_two_findings();
  auto outcome = [](const char* id, ScannerState state, const char* detail) {
    ScannerOutcome s;
    s.scanner_id = id;
    s.state = state;
    s.detail = detail;
    return s;
  };
  scan.scanners = {
      outcome("shellcheck", ScannerState::clean, ""),
      outcome("bandit", ScannerState::skipped, "no matching files"),
      outcome("semgrep", ScannerState::skipped,
              "not installed (semgrep not on PATH); install: pipx install semgrep"),
      outcome("cppcheck", ScannerState::skipped, "no matching files"),
      outcome("eslint", ScannerState::skipped, "no matching files"),
      outcome("gitleaks", ScannerState::skipped,
              "not installed (gitleaks not on PATH); install: x"),
      outcome("codespell", ScannerState::skipped, "disabled by --skip"),
      outcome("wapiti", ScannerState::failed, "exit code 2 means an error for wapiti: fatal"),
  };
  std::string out = console_summary(scan, {}, false);
  EXPECT_NE(out.find("  6 skipped: 3 no matching files; 1 disabled by --skip; 2 not installed: "
                     "semgrep, gitleaks (--verbose lists each)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  shellcheck    clean"), std::string::npos) << out;
  EXPECT_NE(out.find("  wapiti        failed"), std::string::npos) << out;
  for (const char* id : {"  bandit ", "  semgrep ", "  cppcheck ", "  codespell "})
    EXPECT_EQ(out.find(id), std::string::npos) << id << "\n" << out;
  std::string verbose = console_summary(scan, {}, false, true);
  for (const char* id : {"  bandit ", "  semgrep ", "  cppcheck ", "  codespell "})
    EXPECT_NE(verbose.find(id), std::string::npos) << id << "\n" << verbose;
  scan.scanners.resize(1);
  EXPECT_EQ(console_summary(scan, {}, false).find("skipped:"), std::string::npos);
}

}  // namespace
}  // namespace lamina
