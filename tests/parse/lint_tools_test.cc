// shellcheck (json1, checkstyle, gcc), yamllint and codespell: each format read from the
// installed tool run by the test, and from the output checked in under tests/data.
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::copy_input;
using test::installed;
using test::repo_context;

const char* const kSc2115 = "Use \"${var:?}\" to ensure this never expands to /* .";

void expect_shellcheck_json1(const ParseOutcome& out, const std::string& path) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 3u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.tool, "shellcheck");
  EXPECT_EQ(f.rule_id, "SC2115");
  EXPECT_EQ(f.help_uri, "https://www.shellcheck.net/wiki/SC2115");
  EXPECT_EQ(f.tool_level, "warning");
  EXPECT_EQ(f.message, kSc2115);
  EXPECT_EQ(f.location.path, path);
  EXPECT_EQ(f.location.region.start_line, 4u);
  EXPECT_EQ(f.location.region.start_column, 8u);
  EXPECT_EQ(f.location.region.end_line, 4u);
  EXPECT_EQ(f.location.region.end_column, 17u);
  EXPECT_EQ(out.findings[2].rule_id, "SC2086");
  EXPECT_EQ(out.findings[2].tool_level, "info");
  EXPECT_EQ(out.findings[2].location.region.start_line, 5u);
}

TEST(ParseShellcheck, Json1FromInstalledTool) {
  if (!installed("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  test::TempDir repo;
  copy_input("shellcheck", "deploy.sh", repo.path());
  test::ProcessOutput run = test::run({"shellcheck", "-f", "json1", "deploy.sh"}, repo.path());
  ASSERT_EQ(run.exit_code, 1) << run.err;
  expect_shellcheck_json1(
      parse_output("shellcheck-json1", run.out, repo_context(repo.path(), "shellcheck")),
      "deploy.sh");
}

TEST(ParseShellcheck, AbsolutePathFromInstalledToolBecomesRepositoryRelative) {
  if (!installed("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  test::TempDir repo;
  copy_input("shellcheck", "deploy.sh", repo.path() + "/ops");
  test::ProcessOutput run =
      test::run({"shellcheck", "-f", "json1", repo.path() + "/ops/deploy.sh"}, "/");
  ParseContext ctx = repo_context(repo.path(), "shellcheck");
  ctx.working_directory = "/";
  expect_shellcheck_json1(parse_output("shellcheck-json1", run.out, ctx), "ops/deploy.sh");
}

TEST(ParseShellcheck, Json1CheckedInOutput) {
  expect_shellcheck_json1(
      parse_output("shellcheck-json1", checked_in_output("shellcheck/deploy.json1"),
                   repo_context("/repo", "shellcheck")),
      "deploy.sh");
}

void expect_shellcheck_checkstyle(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 3u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "ShellCheck.SC2115");
  EXPECT_EQ(f.tool_level, "warning");
  EXPECT_EQ(f.message, kSc2115);  // XML character references decoded
  EXPECT_EQ(f.location.path, "deploy.sh");
  EXPECT_EQ(f.location.region.start_line, 4u);
  EXPECT_EQ(f.location.region.start_column, 8u);
  EXPECT_EQ(f.original,
            "<error line=\"4\" column=\"8\" severity=\"warning\" message=\"Use "
            "&quot;${var:?}&quot; to ensure this never expands to /* .\" "
            "source=\"ShellCheck.SC2115\"/>");
}

TEST(ParseShellcheck, CheckstyleFromInstalledTool) {
  if (!installed("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  test::TempDir repo;
  copy_input("shellcheck", "deploy.sh", repo.path());
  test::ProcessOutput run = test::run({"shellcheck", "-f", "checkstyle", "deploy.sh"}, repo.path());
  expect_shellcheck_checkstyle(parse_output("checkstyle", run.out, repo_context(repo.path())));
}

TEST(ParseShellcheck, CheckstyleCheckedInOutput) {
  expect_shellcheck_checkstyle(parse_output(
      "checkstyle", checked_in_output("shellcheck/deploy.checkstyle.xml"), repo_context()));
}

void expect_shellcheck_gcc(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  EXPECT_TRUE(out.notes.empty());
  ASSERT_EQ(out.findings.size(), 3u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "SC2115");
  EXPECT_EQ(f.tool_level, "warning");
  EXPECT_EQ(f.message, kSc2115);
  EXPECT_EQ(f.location.path, "deploy.sh");
  EXPECT_EQ(f.location.region.start_line, 4u);
  EXPECT_EQ(f.location.region.start_column, 8u);
  EXPECT_EQ(f.original, std::string("deploy.sh:4:8: warning: ") + kSc2115 + " [SC2115]");
  EXPECT_EQ(out.findings[1].tool_level, "note");
}

TEST(ParseShellcheck, GccFromInstalledTool) {
  if (!installed("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  test::TempDir repo;
  copy_input("shellcheck", "deploy.sh", repo.path());
  test::ProcessOutput run = test::run({"shellcheck", "-f", "gcc", "deploy.sh"}, repo.path());
  expect_shellcheck_gcc(parse_output("gcc", run.out, repo_context(repo.path())));
}

TEST(ParseShellcheck, GccCheckedInOutput) {
  expect_shellcheck_gcc(
      parse_output("gcc", checked_in_output("shellcheck/deploy.gcc.txt"), repo_context()));
}

TEST(ParseGcc, CompilerWarningFromInstalledGcc) {
  if (!installed("gcc")) GTEST_SKIP() << "gcc is not installed";
  test::TempDir repo;
  test::write_file(repo.file("src/w.c"), "int main(void) {\n  int unused;\n  return 0;\n}\n");
  test::ProcessOutput run = test::run(
      {"gcc", "-fsyntax-only", "-Wall", "-fdiagnostics-plain-output", "src/w.c"}, repo.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ParseOutcome out = parse_output("gcc", run.err, repo_context(repo.path()));
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "-Wunused-variable");
  EXPECT_EQ(f.tool_level, "warning");
  EXPECT_EQ(f.message, "unused variable \u2018unused\u2019");
  EXPECT_EQ(f.location.path, "src/w.c");
  EXPECT_EQ(f.location.region.start_line, 2u);
  EXPECT_EQ(f.location.region.start_column, 7u);
  EXPECT_EQ(out.notes, (std::vector<std::string>{"1 line(s) not in gcc format ignored, first: "
                                                 "\"src/w.c: In function \u2018main\u2019:\""}));
}

TEST(ParseGcc, IncludeChainLinesAreNotFindings) {
  ParseOutcome out = parse_output("gcc",
                                  "In file included from a.h:3,\n"
                                  "                 from b.c:1:\n"
                                  "c.h:9:2: error: unknown type name 'x'\n",
                                  repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "c.h");
  EXPECT_EQ(out.findings[0].message, "unknown type name 'x'");
}

void expect_yamllint(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 5u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "document-start");
  EXPECT_EQ(f.tool_level, "warning");
  EXPECT_EQ(f.message, "missing document start \"---\"");
  EXPECT_EQ(f.location.path, "ci.yml");
  EXPECT_EQ(f.location.region.start_line, 1u);
  EXPECT_EQ(f.location.region.start_column, 1u);
  const Finding& duplicate = out.findings[2];
  EXPECT_EQ(duplicate.rule_id, "key-duplicates");
  EXPECT_EQ(duplicate.tool_level, "error");
  EXPECT_EQ(duplicate.message, "duplication of key \"name\" in mapping");
  EXPECT_EQ(duplicate.location.region.start_line, 3u);
}

TEST(ParseYamllint, ParsableFromInstalledTool) {
  if (!installed("yamllint")) GTEST_SKIP() << "yamllint is not installed";
  test::TempDir repo;
  copy_input("yamllint", "ci.yml", repo.path());
  test::ProcessOutput run = test::run({"yamllint", "-f", "parsable", "ci.yml"}, repo.path());
  ASSERT_EQ(run.exit_code, 1) << run.err;
  expect_yamllint(parse_output("yamllint-parsable", run.out, repo_context(repo.path())));
}

TEST(ParseYamllint, ParsableCheckedInOutput) {
  expect_yamllint(parse_output("yamllint-parsable", checked_in_output("yamllint/ci.parsable.txt"),
                               repo_context()));
}

void expect_codespell(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 3u);
  EXPECT_EQ(out.findings[0].rule_id, "misspelling");
  EXPECT_EQ(out.findings[0].message, "teh ==> the");
  EXPECT_EQ(out.findings[0].location.path, "notes.txt");
  EXPECT_EQ(out.findings[0].location.region.start_line, 1u);
  EXPECT_EQ(out.findings[0].location.region.start_column, 0u);
  EXPECT_EQ(out.findings[1].message, "recieve ==> receive");
  EXPECT_EQ(out.findings[1].location.region.start_line, 2u);
}

TEST(ParseCodespell, FromInstalledTool) {
  if (!installed("codespell")) GTEST_SKIP() << "codespell is not installed";
  test::TempDir repo;
  copy_input("codespell", "notes.txt", repo.path());
  test::ProcessOutput run = test::run({"codespell", "notes.txt"}, repo.path());
  ASSERT_EQ(run.exit_code, 65) << run.err;
  expect_codespell(parse_output("codespell", run.out, repo_context(repo.path())));
}

TEST(ParseCodespell, CheckedInOutput) {
  expect_codespell(
      parse_output("codespell", checked_in_output("codespell/notes.txt.out"), repo_context()));
}

}  // namespace
}  // namespace lamina
