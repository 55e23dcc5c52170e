// cppcheck (XML), bandit (JSON) and flawfinder (SARIF): from the installed tool run by the test,
// and from the output checked in under tests/data.
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::copy_input;
using test::installed;
using test::repo_context;

void expect_cppcheck(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 5u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "arrayIndexOutOfBounds");
  EXPECT_EQ(f.tool_level, "error");
  EXPECT_EQ(f.message, "Array 'buf[8]' accessed at index 8, which is out of bounds.");
  EXPECT_EQ(f.location.path, "copy.c");
  EXPECT_EQ(f.location.region.start_line, 9u);
  EXPECT_EQ(f.location.region.start_column, 13u);
  EXPECT_EQ(f.location.message, "Array index out of bounds");
  const Finding& null_pointer = out.findings[2];
  EXPECT_EQ(null_pointer.rule_id, "nullPointer");
  ASSERT_EQ(null_pointer.related.size(), 1u);
  EXPECT_EQ(null_pointer.related[0].path, "copy.c");
  EXPECT_EQ(null_pointer.related[0].region.start_line, 8u);
  EXPECT_EQ(null_pointer.related[0].region.start_column, 12u);
  EXPECT_EQ(null_pointer.related[0].message, "Assignment 'q=0', assigned value is 0");
  EXPECT_EQ(out.findings[3].tool_level, "style");
}

TEST(ParseCppcheck, XmlFromInstalledTool) {
  if (!installed("cppcheck")) GTEST_SKIP() << "cppcheck is not installed";
  test::TempDir repo;
  copy_input("cppcheck", "copy.c", repo.path());
  test::ProcessOutput run =
      test::run({"cppcheck", "--xml", "--enable=warning,style", "copy.c"}, repo.path());
  ASSERT_EQ(run.exit_code, 0);  // cppcheck exits 0 with findings
  expect_cppcheck(parse_output("cppcheck-xml", run.err, repo_context(repo.path())));
}

TEST(ParseCppcheck, XmlCheckedInOutput) {
  expect_cppcheck(
      parse_output("cppcheck-xml", checked_in_output("cppcheck/copy.xml"), repo_context()));
}

TEST(ParseCppcheck, InformationMessagesAreNotesNotFindings) {
  std::string xml = R"(<?xml version="1.0"?><results version="2"><errors>
    <error id="missingIncludeSystem" severity="information" msg="Include file: &lt;stdio.h&gt; not found."/>
    <error id="missingIncludeSystem" severity="information" msg="Include file: &lt;stdlib.h&gt; not found."/>
    <error id="toomanyconfigs" severity="information" msg="Too many #ifdef configurations - cppcheck only checks 12 of 40 configurations."/>
    <error id="nullPointer" severity="error" msg="Null pointer dereference: q"><location file="copy.c" line="9" column="4"/></error>
    </errors></results>)";
  ParseOutcome out = parse_output("cppcheck-xml", xml, repo_context());
  ASSERT_FALSE(out.error);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].rule_id, "nullPointer");
  EXPECT_EQ(out.notes, (std::vector<std::string>{
                           "cppcheck information: Include file: <stdio.h> not found. "
                           "(missingIncludeSystem, 2 times)",
                           "cppcheck information: Too many #ifdef configurations - cppcheck only "
                           "checks 12 of 40 configurations. (toomanyconfigs)"}));
}

TEST(ParseCppcheck, InformationFromInstalledToolIsANote) {
  if (!installed("cppcheck")) GTEST_SKIP() << "cppcheck is not installed";
  test::TempDir repo;
  test::write_file(repo.file("inc.c"), "#include <stdio.h>\nint main(void) { return 0; }\n");
  test::ProcessOutput run =
      test::run({"cppcheck", "--xml", "--enable=warning,style,information", "inc.c"}, repo.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ParseOutcome out = parse_output("cppcheck-xml", run.err, repo_context(repo.path()));
  ASSERT_FALSE(out.error);
  EXPECT_TRUE(out.findings.empty()) << out.findings[0].rule_id;
  ASSERT_FALSE(out.notes.empty()) << run.err;
  EXPECT_EQ(out.notes[0].rfind("cppcheck information: ", 0), 0u) << out.notes[0];
}

void expect_bandit(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 4u);
  const Finding& f = out.findings[2];
  EXPECT_EQ(f.rule_id, "B602");
  EXPECT_EQ(f.rule_name, "subprocess_popen_with_shell_equals_true");
  EXPECT_EQ(f.tool_level, "HIGH");
  EXPECT_EQ(f.message, "subprocess call with shell=True identified, security issue.");
  EXPECT_EQ(f.help_uri,
            "https://bandit.readthedocs.io/en/latest/plugins/"
            "b602_subprocess_popen_with_shell_equals_true.html");
  EXPECT_EQ(f.location.path, "app.py");
  EXPECT_EQ(f.location.region.start_line, 6u);
  EXPECT_EQ(f.location.region.end_line, 6u);
  EXPECT_EQ(out.findings[1].rule_id, "B403");
  EXPECT_EQ(out.findings[1].location.region.end_line, 4u);  // bandit 1.6's line_range [2, 3, 4]
}

TEST(ParseBandit, JsonFromInstalledTool) {
  if (!installed("bandit")) GTEST_SKIP() << "bandit is not installed";
  test::TempDir repo;
  copy_input("bandit", "app.py", repo.path());
  test::ProcessOutput run = test::run({"bandit", "-q", "-f", "json", "app.py"}, repo.path());
  ASSERT_EQ(run.exit_code, 1) << run.err;
  expect_bandit(parse_output("bandit-json", run.out, repo_context(repo.path())));
}

TEST(ParseBandit, JsonCheckedInOutput) {
  expect_bandit(parse_output("bandit-json", checked_in_output("bandit/app.json"), repo_context()));
}

TEST(ParseBandit, FileThatIsNotPythonIsANoteAndTheOthersCount) {
  if (!installed("bandit")) GTEST_SKIP() << "bandit is not installed";
  test::TempDir repo;
  copy_input("bandit", "app.py", repo.path());
  test::write_file(repo.file("py2.py"), "print 'hello'\n");
  test::ProcessOutput run =
      test::run({"bandit", "-q", "-f", "json", "--", "app.py", "py2.py"}, repo.path());
  ASSERT_EQ(run.exit_code, 1) << run.err;
  ParseOutcome out = parse_output("bandit-json", run.out, repo_context(repo.path()));
  ASSERT_FALSE(out.error) << *out.error;  // the run is not failed for one unparseable file
  EXPECT_EQ(out.findings.size(), 4u);
  ASSERT_EQ(out.notes.size(), 1u);
  EXPECT_EQ(out.notes[0],
            "not scanned: 1 file(s) are not valid Python (Python could not run them either): "
            "py2.py: syntax error while parsing AST from file");
}

TEST(ParseBandit, UnscannedFileIsAnErrorDespiteExitZero) {
  if (!installed("bandit")) GTEST_SKIP() << "bandit is not installed";
  test::TempDir repo;
  test::ProcessOutput run = test::run({"bandit", "-q", "-f", "json", "gone.py"}, repo.path());
  ASSERT_EQ(run.exit_code, 0);
  ParseOutcome out = parse_output("bandit-json", run.out, repo_context(repo.path()));
  EXPECT_TRUE(out.findings.empty());
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->rfind("bandit-json: bandit could not scan 1 file(s): gone.py: ", 0), 0u)
      << *out.error;
}

void expect_flawfinder(const ParseOutcome& out) {
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 2u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.rule_id, "FF1013");
  EXPECT_EQ(f.rule_name, "buffer/char");
  EXPECT_EQ(f.help_uri, "https://cwe.mitre.org/data/definitions/119.html");
  EXPECT_EQ(f.tool_level, "note");
  EXPECT_EQ(f.location.path, "copy.c");
  EXPECT_EQ(f.location.region.start_line, 5u);
  EXPECT_EQ(f.location.region.start_column, 3u);
  EXPECT_EQ(f.location.region.end_column, 15u);
  EXPECT_EQ(out.findings[1].rule_id, "FF1001");
  EXPECT_EQ(out.findings[1].tool_level, "error");
  EXPECT_EQ(out.findings[1].location.region.start_line, 6u);
}

TEST(ParseFlawfinder, SarifFromInstalledTool) {
  if (!installed("flawfinder")) GTEST_SKIP() << "flawfinder is not installed";
  test::TempDir repo;
  copy_input("flawfinder", "copy.c", repo.path());
  test::ProcessOutput run = test::run({"flawfinder", "--sarif", "copy.c"}, repo.path());
  ASSERT_EQ(run.exit_code, 0);
  ParseContext ctx = repo_context(repo.path());
  ctx.uri_base_ids["SRCROOT"] = "file://" + repo.path() + "/";
  ParseOutcome out = parse_output("sarif", run.out, ctx);
  expect_flawfinder(out);
  EXPECT_TRUE(out.findings[0].notes.empty());
}

TEST(ParseFlawfinder, SarifCheckedInOutput) {
  ParseOutcome out =
      parse_output("sarif", checked_in_output("flawfinder/copy.sarif"), repo_context());
  expect_flawfinder(out);
  EXPECT_EQ(out.findings[0].notes,
            (std::vector<std::string>{
                "uriBaseId SRCROOT is not defined; \"copy.c\" resolved against the working "
                "directory"}));
}

}  // namespace
}  // namespace lamina
