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

TEST(GithubAnnotations, WritesOneEscapedCommandPerFinding) {
  ScanResult scan;
  scan.findings.push_back(finding(Severity::sev1, "dir/a,b.sh", 7, DiffPosition::added_lines));
  Annotations a = github_annotations(scan, "");
  EXPECT_EQ(a.commands,
            "::error file=dir/a%2Cb.sh,line=7,endLine=7,col=3,endColumn=8,title=sev1 "
            "shellcheck/SC2086::Double quote to prevent globbing\n");
  EXPECT_EQ(a.emitted, 1u);
  EXPECT_EQ(a.left_out, 0u);
}

TEST(GithubAnnotations, SpendsTheBudgetOnInDiffFindingsFirstAndCountsTheRest) {
  ScanResult scan;
  for (uint32_t i = 1; i <= 15; ++i) {
    scan.findings.push_back(finding(Severity::sev1, "out.sh", i, DiffPosition::outside_diff));
  }
  for (uint32_t i = 1; i <= 10; ++i) {
    scan.findings.push_back(finding(Severity::sev1, "in.sh", i, DiffPosition::added_lines));
  }
  scan.findings.push_back(finding(Severity::sev3, "in.sh", 99, DiffPosition::added_lines));
  Annotations a = github_annotations(scan, "");
  EXPECT_EQ(count(a.commands, "::error file=in.sh"), 9u);
  EXPECT_EQ(count(a.commands, "::error file=out.sh"), 0u);
  EXPECT_EQ(count(a.commands, "::notice file=in.sh"), 1u);
  EXPECT_NE(
      a.commands.find("::error title=lamina%3A more sev1 findings::16 more sev1 findings are not "
                      "annotated"),
      std::string::npos);
  EXPECT_EQ(a.emitted, 10u);
  EXPECT_EQ(a.left_out, 16u);
}

TEST(GithubAnnotations, MonorepoFolderIsPrefixedToPaths) {
  ScanResult scan;
  scan.findings.push_back(finding(Severity::sev2, "x.py", 1, DiffPosition::added_lines));
  EXPECT_EQ(github_annotations(scan, "services/api/")
                .commands.rfind("::warning file=services/api/x.py", 0),
            0u);
}

TEST(GithubAnnotations, HostileMessageCannotStartANewCommand) {
  ScanResult scan;
  Finding f = finding(Severity::sev1, "a.sh", 1, DiffPosition::added_lines);
  f.message = "x\n::add-mask::ghp_x\r\n::error::forged";
  scan.findings.push_back(f);
  std::string out = github_annotations(scan, "").commands;
  EXPECT_EQ(count(out, "\n"), 1u);
  EXPECT_NE(out.find("::x%0A::add-mask::ghp_x%0D%0A::error::forged\n"), std::string::npos);
}

// GitHub's log viewer interprets colours and OSC 8 links: a scanner's escape sequences become
// U+FFFD, in the message, the title and the file name alike.
TEST(GithubAnnotations, NoEscapeSequenceReachesTheLog) {
  ScanResult scan;
  Finding f = finding(Severity::sev1, "esc-\x1b[31m.sh", 1, DiffPosition::added_lines);
  f.rule_id = "R\x1b]8;;x\x07";
  f.message = "\x1b[2Jred\x1b]8;;https://evil.example/\x07link";
  scan.findings.push_back(f);
  std::string out = github_annotations(scan, "").commands;
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(out.find('\x07'), std::string::npos) << out;
  EXPECT_EQ(out,
            "::error file=esc-\xEF\xBF\xBD[31m.sh,line=1,endLine=1,col=3,endColumn=8,"
            "title=sev1 shellcheck/R\xEF\xBF\xBD]8;;x\xEF\xBF\xBD::\xEF\xBF\xBD[2Jred"
            "\xEF\xBF\xBD]8;;https://evil.example/\xEF\xBF\xBDlink\n");
}

}  // namespace
}  // namespace lamina
