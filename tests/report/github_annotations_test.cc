#include "report/github_annotations.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

Finding finding(Severity s, const std::string& path, uint32_t line, DiffPosition pos) {
  Finding f;
  f.tool = "shellcheck";
  f.rule_id = "SC2086";
  f.message = "Double quote to prevent globbing";
  f.severity = s;
  f.location.path = path;
  f.location.region = {line, 3, line, 9};
  f.diff_position = pos;
  return f;
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

ScanResult failing_on(const char* fail_on) {
  ScanResult scan;
  scan.fail_on = *parse_fail_on(fail_on);
  return scan;
}

TEST(GithubAnnotations, WritesOneEscapedCommandPerFinding) {
  ScanResult scan = failing_on("sev1");
  scan.findings.push_back(finding(Severity::sev1, "dir/a,b.sh", 7, DiffPosition::added_lines));
  Annotations a = github_annotations(scan, "", std::nullopt);
  EXPECT_EQ(a.commands,
            "::error file=dir/a%2Cb.sh,line=7,endLine=7,col=3,endColumn=8,title=sev1 "
            "shellcheck/SC2086::Double quote to prevent globbing\n");
  EXPECT_EQ(a.emitted, 1u);
  EXPECT_EQ(a.left_out, 0u);
}

TEST(GithubAnnotations, SpendsTheBudgetOnGatingFindingsFirstAndCountsTheRest) {
  ScanResult scan = failing_on("sev1");
  for (uint32_t i = 1; i <= 15; ++i) {
    scan.findings.push_back(finding(Severity::sev1, "out.sh", i, DiffPosition::outside_diff));
  }
  for (uint32_t i = 1; i <= 11; ++i) {
    scan.findings.push_back(finding(Severity::sev1, "in.sh", i, DiffPosition::added_lines));
  }
  scan.findings.push_back(finding(Severity::sev3, "in.sh", 99, DiffPosition::added_lines));
  Annotations a = github_annotations(scan, "", std::nullopt);
  EXPECT_EQ(count(a.commands, "::error file=in.sh"), 9u);
  EXPECT_EQ(count(a.commands, "::error file=out.sh"), 0u);
  // The counted sev3 ranks before the sev1 findings outside the diff: the gate's view decides.
  EXPECT_EQ(a.commands.find("::notice file=in.sh,line=99"), a.commands.find("::notice file="));
  EXPECT_EQ(count(a.commands, "::notice file=out.sh"), 8u);
  EXPECT_NE(a.commands.find("::error title=lamina%3A more findings that fail the gate::2 more "
                            "findings that fail the gate are not annotated (GitHub shows 10 per "
                            "type per step); see lamina.sarif.\n"),
            std::string::npos)
      << a.commands;
  EXPECT_NE(a.commands.find("::notice title=lamina%3A more findings that do not fail it::7 more "),
            std::string::npos)
      << a.commands;
  EXPECT_EQ(a.emitted, 18u);
  EXPECT_EQ(a.left_out, 9u);
}

// A passing PR: nothing fails the gate, so nothing is an error, however severe; what is outside
// the change comes after what the change added.
TEST(GithubAnnotations, PassingChangeShowsNoErrorOnUntouchedLines) {
  ScanResult scan = failing_on("sev1");
  scan.findings.push_back(finding(Severity::sev1, "old.sh", 4, DiffPosition::outside_diff));
  Finding baselined = finding(Severity::sev1, "new.sh", 2, DiffPosition::added_lines);
  baselined.in_baseline = true;
  scan.findings.push_back(baselined);
  scan.findings.push_back(finding(Severity::sev3, "new.sh", 5, DiffPosition::added_lines));
  std::string out = github_annotations(scan, "", std::nullopt).commands;
  EXPECT_EQ(out.find("::error"), std::string::npos) << out;
  EXPECT_EQ(out.find("::warning"), std::string::npos) << out;
  EXPECT_EQ(out.rfind("::notice file=new.sh,line=5,", 0), 0u) << out;
  EXPECT_EQ(count(out, "::notice file="), 3u);
}

TEST(GithubAnnotations, GatingSev2IsAnErrorAndComesBeforeAnUncountedSev1) {
  ScanResult scan = failing_on("sev2");
  scan.findings.push_back(finding(Severity::sev1, "old.sh", 4, DiffPosition::outside_diff));
  scan.findings.push_back(finding(Severity::sev2, "new.sh", 2, DiffPosition::added_lines));
  std::string out = github_annotations(scan, "", std::nullopt).commands;
  EXPECT_EQ(out,
            "::error file=new.sh,line=2,endLine=2,col=3,endColumn=8,title=sev2 "
            "shellcheck/SC2086::Double quote to prevent globbing\n"
            "::notice file=old.sh,line=4,endLine=4,col=3,endColumn=8,title=sev1 "
            "shellcheck/SC2086::Double quote to prevent globbing\n");
}

TEST(GithubAnnotations, SuppressedFindingsAreNotAnnotated) {
  ScanResult scan = failing_on("sev3");
  Finding f = finding(Severity::sev1, "app.js", 3, DiffPosition::added_lines);
  f.suppressions = {{"inSource", "", ""}};
  scan.findings.push_back(f);
  Annotations a = github_annotations(scan, "", std::nullopt);
  EXPECT_EQ(a.commands, "");
  EXPECT_EQ(a.suppressed, 1u);
  EXPECT_EQ(a.left_out, 0u);
}

// The job summary lists the first findings of the same order: the overflow note says how many of
// those left out it has, instead of claiming it has them all.
TEST(GithubAnnotations, OverflowNoteSaysHowManyTheCutSummaryLists) {
  ScanResult scan = failing_on("sev1");
  for (uint32_t i = 1; i <= 30; ++i) {
    scan.findings.push_back(finding(Severity::sev1, "in.sh", i, DiffPosition::added_lines));
  }
  // 9 annotated, 21 left out; a summary of 20 rows lists 11 of those.
  std::string cut = github_annotations(scan, "", size_t{20}).commands;
  EXPECT_NE(cut.find("::21 more findings that fail the gate are not annotated (GitHub shows 10 "
                     "per type per step); the job summary lists 11 of them (it lists 20 findings "
                     "in all); see lamina.sarif for the other 10.\n"),
            std::string::npos)
      << cut;
  std::string whole = github_annotations(scan, "", size_t{200}).commands;
  EXPECT_NE(whole.find("; the job summary and lamina.sarif list them.\n"), std::string::npos)
      << whole;
}

TEST(GithubAnnotations, MonorepoFolderIsPrefixedToPaths) {
  ScanResult scan = failing_on("sev1");
  scan.findings.push_back(finding(Severity::sev2, "x.py", 1, DiffPosition::added_lines));
  EXPECT_EQ(github_annotations(scan, "services/api/", std::nullopt)
                .commands.rfind("::notice file=services/api/x.py", 0),
            0u);
}

TEST(GithubAnnotations, HostileMessageCannotStartANewCommand) {
  ScanResult scan = failing_on("sev1");
  Finding f = finding(Severity::sev1, "a.sh", 1, DiffPosition::added_lines);
  f.message = "x\n::add-mask::ghp_x\r\n::error::forged";
  scan.findings.push_back(f);
  std::string out = github_annotations(scan, "", std::nullopt).commands;
  EXPECT_EQ(count(out, "\n"), 1u);
  EXPECT_NE(out.find("::x%0A::add-mask::ghp_x%0D%0A::error::forged\n"), std::string::npos);
}

// GitHub's log viewer interprets colours and OSC 8 links: a scanner's escape sequences become
// U+FFFD, in the message, the title and the file name alike.
TEST(GithubAnnotations, NoEscapeSequenceReachesTheLog) {
  ScanResult scan = failing_on("sev1");
  Finding f = finding(Severity::sev1, "esc-\x1b[31m.sh", 1, DiffPosition::added_lines);
  f.rule_id = "R\x1b]8;;x\x07";
  f.message = "\x1b[2Jred\x1b]8;;https://evil.example/\x07link";
  scan.findings.push_back(f);
  std::string out = github_annotations(scan, "", std::nullopt).commands;
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(out.find('\x07'), std::string::npos) << out;
  EXPECT_EQ(out,
            "::error file=esc-\xEF\xBF\xBD[31m.sh,line=1,endLine=1,col=3,endColumn=8,"
            "title=sev1 shellcheck/R\xEF\xBF\xBD]8;;x\xEF\xBF\xBD::\xEF\xBF\xBD[2Jred"
            "\xEF\xBF\xBD]8;;https://evil.example/\xEF\xBF\xBDlink\n");
}

}  // namespace
}  // namespace lamina
