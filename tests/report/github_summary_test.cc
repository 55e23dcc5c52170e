#include <gtest/gtest.h>

#include <map>

#include "report/github_outputs.h"
#include "report/step_summary.h"
#include "util/error.h"
#include "util/markdown.h"

namespace lamina {
namespace {

TEST(MarkdownInert, NeutralisesHtmlLinksImagesMentionsAndTableBreaks) {
  EXPECT_EQ(markdown_inert("<script>alert(1)</script>"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
  EXPECT_EQ(markdown_inert("![x](https://evil/p.png) @team | **b**\nnext"),
            "\\!\\[x\\]\\(https\\://evil/p\\.png\\) &#64;team &#124; \\*\\*b\\*\\* next");
  EXPECT_EQ(markdown_inert("\x1b[31m"), "&#xFFFD;\\[31m");
}

TEST(MarkdownInert, TruncatesOnACharacterBoundary) {
  std::string s = markdown_inert("\xC3\xBC\xC3\xBC\xC3\xBC", 3);
  EXPECT_EQ(s, "\xC3\xBC…");
}

ScanResult sample() {
  ScanResult scan;
  scan.fail_on.threshold = Severity::sev1;
  scan.head_url_prefix = "https://github.com/o/r/blob/0123456789012345678901234567890123456789/";
  ScannerOutcome s;
  s.scanner_id = "shellcheck";
  s.state = ScannerState::findings;
  s.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  s.end_time = s.start_time + std::chrono::milliseconds(1500);
  ScannerOutcome evil = s;
  evil.scanner_id = "x\n```\n<img src=x>";
  evil.state = ScannerState::failed;
  evil.detail = "crashed: <b>boom</b>";
  scan.scanners = {s, evil};
  scan.critical_path = {"shellcheck"};
  Finding f;
  f.tool = "shellcheck";
  f.rule_id = "SC2086";
  f.severity = Severity::sev1;
  f.message = "[click](javascript:alert(1))";
  f.location.path = "dir/a b.sh";
  f.location.region.start_line = 12;
  f.diff_position = DiffPosition::added_lines;
  scan.findings = {f};
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 1);
  return scan;
}

TEST(StepSummary, VerdictTableGanttAndLinkedFindings) {
  std::string md = step_summary_markdown(sample());
  EXPECT_NE(md.find("### ❌ Gate failed: 1 finding(s) at or above sev1"), std::string::npos);
  EXPECT_NE(md.find("| shellcheck | findings | 1.5 s | 1 | 0 | 0 |  |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("  shellcheck :crit, t0, 0, 1500\n"), std::string::npos) << md;
  EXPECT_NE(md.find("[dir/a b\\.sh\\:12](https://github.com/o/r/blob/"
                    "0123456789012345678901234567890123456789/dir/a%20b.sh#L12)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("\\[click\\]\\(javascript\\:alert\\(1\\)\\)"), std::string::npos);
}

TEST(StepSummary, HostileScannerNamesCannotEscapeTheTableOrTheChart) {
  std::string md = step_summary_markdown(sample());
  EXPECT_EQ(md.find("<img"), std::string::npos);
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  EXPECT_NE(md.find("  x______img_src_x_ :active, t1"), std::string::npos) << md;
  size_t fences = 0;
  for (size_t at = md.find("```"); at != std::string::npos; at = md.find("```", at + 3)) ++fences;
  EXPECT_EQ(fences, 2u);
}

TEST(StepSummary, StaysUnderTheSizeLimitAndCountsWhatItLeftOut) {
  ScanResult scan = sample();
  Finding f = scan.findings[0];
  f.message = std::string(400, 'm');
  for (int i = 0; i < 5000; ++i) scan.findings.push_back(f);
  SummaryOptions options;
  options.max_bytes = 50000;
  options.max_findings = 100000;
  options.sarif_path = "lamina-out/lamina.sarif";
  std::string md = step_summary_markdown(scan, options);
  EXPECT_LE(md.size(), 50000u);
  EXPECT_NE(md.find(" more finding(s) not shown here; all are in `lamina\\-out/lamina\\.sarif`."),
            std::string::npos);
}

TEST(GithubOutputs, MultilineFormWithTheDelimiter) {
  ScanResult scan = sample();
  std::string text = github_output_text(github_output_values(scan, "out/lamina.sarif"), "D");
  EXPECT_EQ(text,
            "sarif<<D\nout/lamina.sarif\nD\ngate<<D\nfail\nD\nfindings<<D\n1\nD\n"
            "findings-all<<D\n1\nD\nsev1<<D\n1\nD\nsev2<<D\n0\nD\nsev3<<D\n0\nD\n"
            "failed-scanners<<D\nx\n```\n<img src=x>\nD\nnot-covered<<D\n0\nD\n");
}

// The outputs count what the gate decided on: a finding in the baseline or outside the diff
// filter is in findings-all only; a scanner failure with a passing gate is its own gate value.
TEST(GithubOutputs, CountsAreTheGatesAndAScannerFailureIsNamed) {
  ScanResult scan = sample();
  scan.findings[0].in_baseline = true;
  Finding context = scan.findings[0];
  context.in_baseline = false;
  context.severity = Severity::sev2;
  context.diff_position = DiffPosition::in_hunk_context;  // outside the default filter (added)
  Finding counted = context;
  counted.severity = Severity::sev3;
  counted.diff_position = DiffPosition::added_lines;
  scan.findings = {scan.findings[0], context, counted};
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 1);
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : github_output_values(scan, "s")) out[name] = value;
  EXPECT_EQ(out["gate"], "scanner-failure");
  EXPECT_EQ(out["findings"], "1");
  EXPECT_EQ(out["findings-all"], "3");
  EXPECT_EQ(out["sev1"], "0");
  EXPECT_EQ(out["sev2"], "0");
  EXPECT_EQ(out["sev3"], "1");
}

// A finding the tool suppressed is in findings-all and counted as suppressed in the summary, and
// neither fails the gate nor counts in the outputs.
TEST(GithubOutputs, SuppressedFindingIsCountedAsSuch) {
  ScanResult scan = sample();
  scan.findings[0].suppressions = {{"inSource", "", "test fixture"}};
  scan.gate = decide_gate(scan.findings, scan.filter, scan.fail_on, 0);
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : github_output_values(scan, "s")) out[name] = value;
  EXPECT_EQ(out["gate"], "pass");
  EXPECT_EQ(out["findings"], "0");
  EXPECT_EQ(out["findings-all"], "1");
  EXPECT_EQ(out["sev1"], "0");
  std::string md = step_summary_markdown(scan);
  EXPECT_NE(md.find("### ✅ Gate passed"), std::string::npos) << md;
  EXPECT_NE(md.find(", 1 suppressed by the tool (not counted)"), std::string::npos) << md;
}

TEST(StepSummary, SaysHowManyFindingsItLists) {
  ScanResult scan = sample();
  for (int i = 0; i < 30; ++i) scan.findings.push_back(scan.findings[0]);
  SummaryOptions options;
  options.max_findings = 20;
  size_t listed = 0;
  std::string md = step_summary_markdown(scan, options, &listed);
  EXPECT_EQ(listed, 20u);
  EXPECT_NE(md.find("11 more finding(s) not shown here"), std::string::npos) << md;
}

TEST(GithubOutputs, RefusesAValueContainingTheDelimiter) {
  EXPECT_THROW(github_output_text({{"a", "x\nD\ninjected=1"}}, "D"), Error);
  EXPECT_EQ(random_delimiter().size(), 13u + 32u);
  EXPECT_NE(random_delimiter(), random_delimiter());
}

}  // namespace
}  // namespace lamina
