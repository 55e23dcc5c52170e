// Hostile and broken scanner output: each case gives findings with the damage repaired and noted,
// or a parse error with the reason; never a crash, a hang or a silent drop.
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse/sarif.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::repo_context;

std::string sarif_with_results(const std::string& results) {
  return R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[)" + results +
         "]}]}";
}

std::string sarif_result(const std::string& uri, const std::string& message_json,
                         const std::string& region = R"({"startLine":3})") {
  return R"({"ruleId":"R","message":{"text":)" + message_json +
         R"(},"locations":[{"physicalLocation":{"artifactLocation":{"uri":")" + uri +
         R"("},"region":)" + region + "}}]}";
}

TEST(ParseBadInput, TruncatedSarifIsAnErrorAndKeepsEarlierFindings) {
  std::string whole =
      sarif_with_results(sarif_result("a.c", R"("one")") + "," + sarif_result("b.c", R"("two")"));
  std::string truncated = whole.substr(0, whole.find("b.c"));
  ParseOutcome out = parse_output("sarif", truncated, repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "a.c");
  // nlohmann counts the end of input as a byte read.
  std::string at = std::to_string(truncated.size() + 1);
  EXPECT_EQ(out.error, "sarif: not valid JSON at byte " + at +
                           ": [json.exception.parse_error.101] parse error at line 1, column " +
                           at +
                           ": syntax error while parsing value - invalid string: missing "
                           "closing quote; last read: '\"'");
}

TEST(ParseBadInput, TruncatedBanditJsonIsAnError) {
  ParseOutcome out =
      parse_output("bandit-json", R"({"results": [{"filename": "a.py")", repo_context());
  EXPECT_TRUE(out.findings.empty());
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->rfind("bandit-json: not valid JSON: [json.exception.parse_error.101]", 0),
            0u)
      << *out.error;
}

TEST(ParseBadInput, EmptySarifIsAnError) {
  ParseOutcome out = parse_output("sarif", "", repo_context());
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->rfind("sarif: not valid JSON at byte 1:", 0), 0u) << *out.error;
}

TEST(ParseBadInput, InvalidUtf8InSarifIsReplacedAndNoted) {
  std::string log = sarif_with_results(sarif_result("a.c", "\"bad \xff\xfe byte\""));
  ParseOutcome out = parse_output("sarif", log, repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  EXPECT_EQ(out.notes,
            (std::vector<std::string>{"2 invalid UTF-8 sequence(s) replaced by U+FFFD"}));
}

TEST(ParseBadInput, InvalidUtf8InStreamedSarifFileIsReplacedAndNoted) {
  test::TempDir dir;
  test::write_file(dir.file("x.sarif"),
                   sarif_with_results(sarif_result("a.c", "\"overlong \xC0\xAF slash\"")));
  std::vector<Finding> findings;
  ParseOutcome out = stream_sarif_file(dir.file("x.sarif"), repo_context(),
                                       [&](Finding&& f) { findings.push_back(std::move(f)); });
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "overlong \xEF\xBF\xBD\xEF\xBF\xBD slash");
}

TEST(ParseBadInput, InvalidUtf8InTextOutputIsReplaced) {
  ParseOutcome out = parse_output("gcc", "a.c:1:2: error: caf\xe9 [X]\n", repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, "caf\xEF\xBF\xBD");
  EXPECT_EQ(out.notes,
            (std::vector<std::string>{"1 invalid UTF-8 sequence(s) replaced by U+FFFD"}));
}

TEST(ParseBadInput, InvalidUtf8InXmlIsReplaced) {
  std::string xml =
      "<checkstyle><file name='a.sh'><error line='1' severity='info' message='x\xff'"
      " source='S'/></file></checkstyle>";
  ParseOutcome out = parse_output("checkstyle", xml, repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, "x\xEF\xBF\xBD");
}

std::string nested(size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

TEST(ParseBadInput, DeeplyNestedSarifStopsWithAnError) {
  std::string log = R"({"version":"2.1.0","runs":)" + nested(100000) + "}";
  ParseOutcome out = parse_output("sarif", log, repo_context());
  EXPECT_EQ(out.error, "sarif: SARIF nested deeper than 512 levels");
}

TEST(ParseBadInput, DeeplyNestedResultStopsWithAnError) {
  std::string result =
      R"({"ruleId":"R","message":{"text":"m"},"properties":{"x":)" + nested(100000) + "}}";
  ParseOutcome out = parse_output("sarif", sarif_with_results(result), repo_context());
  EXPECT_EQ(out.error, "sarif: SARIF nested deeper than 512 levels");
  EXPECT_TRUE(out.findings.empty());
}

TEST(ParseBadInput, DeeplyNestedJsonReportStopsWithAnError) {
  ParseOutcome out = parse_output("bandit-json", nested(100000), repo_context());
  EXPECT_EQ(out.error, "bandit-json: JSON nested deeper than 512 levels at byte 512");
}

TEST(ParseBadInput, BracketsInsideStringsDoNotCountAsNesting) {
  std::string report = R"({"comments":[{"file":"a.sh","line":1,"code":1,"message":")" +
                       std::string(100000, '[') + R"("}]})";
  ParseOutcome out = parse_output("shellcheck-json1", report, repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message.size(), 100000u);
}

TEST(ParseBadInput, TensOfMegabytesOnOneLineAreOneFinding) {
  std::string message(40u << 20, 'x');
  ParseOutcome out = parse_output("gcc", "a.c:7: warning: " + message, repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message.size(), message.size());
  EXPECT_EQ(out.findings[0].location.region.start_line, 7u);
}

TEST(ParseBadInput, TensOfMegabytesOfSarifOnOneLineStream) {
  std::string message(40u << 20, 'y');
  ParseOutcome out = parse_output(
      "sarif", sarif_with_results(sarif_result("a.c", "\"" + message + "\"")), repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message.size(), message.size());
}

TEST(ParseBadInput, LongUnreadableLineIsNotedShortened) {
  ParseOutcome out = parse_output("gcc", std::string(30u << 20, 'z'), repo_context());
  EXPECT_TRUE(out.findings.empty());
  EXPECT_EQ(out.notes, (std::vector<std::string>{"1 line(s) not in gcc format ignored, first: \"" +
                                                 std::string(200, 'z') + "\""}));
}

const char* const kBillionLaughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>)";

TEST(ParseBadInput, BillionLaughsInCheckstyleIsNotExpanded) {
  std::string xml = std::string(kBillionLaughs) +
                    "<checkstyle><file name='a.sh'><error line='1' severity='info' "
                    "message='&lol9;' source='S'/></file></checkstyle>";
  ParseOutcome out = parse_output("checkstyle", xml, repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, "&lol9;");
}

TEST(ParseBadInput, BillionLaughsInCppcheckXmlIsNotExpanded) {
  std::string xml = std::string(kBillionLaughs) +
                    "<results version='2'><errors><error id='x' severity='error' msg='&lol9;'>"
                    "<location file='a.c' line='2'/></error></errors></results>";
  ParseOutcome out = parse_output("cppcheck-xml", xml, repo_context());
  ASSERT_FALSE(out.error) << *out.error;
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, "&lol9;");
}

TEST(ParseBadInput, MalformedXmlIsAnErrorWithOffset) {
  ParseOutcome out = parse_output("checkstyle", "<checkstyle><file name='a'>", repo_context());
  EXPECT_EQ(out.error, "checkstyle: not valid XML at byte 26: Start-end tags mismatch");
}

TEST(ParseBadInput, ZeroAndNegativeLinesAreClampedAndNoted) {
  std::string report = R"({"comments":[{"file":"a.sh","line":0,"column":-3,"endLine":-1,
                           "code":2086,"level":"info","message":"m"}]})";
  ParseOutcome out = parse_output("shellcheck-json1", report, repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.location.region.start_line, 1u);
  EXPECT_EQ(f.location.region.start_column, 1u);
  EXPECT_EQ(f.location.region.end_line, 1u);
  EXPECT_EQ(f.notes,
            (std::vector<std::string>{"startLine 0 clamped to 1", "startColumn -3 clamped to 1",
                                      "endLine -1 clamped to 1"}));
}

TEST(ParseBadInput, HugeSarifLineIsClampedAndNoted) {
  ParseOutcome out = parse_output(
      "sarif",
      sarif_with_results(sarif_result("a.c", R"("m")", R"({"startLine":99999999999999999999})")),
      repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.region.start_line, 2147483647u);
  EXPECT_EQ(out.findings[0].notes,
            (std::vector<std::string>{"startLine 9223372036854775807 clamped to 2147483647"}));
}

TEST(ParseBadInput, NegativeLineInGccOutputIsClamped) {
  ParseOutcome out = parse_output("gcc", "a.c:-4:2: error: m\n", repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.region.start_line, 1u);
  EXPECT_EQ(out.findings[0].notes, (std::vector<std::string>{"startLine -4 clamped to 1"}));
}

// The finding of a path lamina cannot place is the tool's all the same: kept with no file, the
// location it named recorded, and counted, in every format (issue 13 item 8: never a silent drop).
void expect_kept_unmapped(const ParseOutcome& out, const std::string& location) {
  ASSERT_EQ(out.findings.size(), 1u) << location;
  EXPECT_EQ(out.refused_paths, 1u) << location;
  EXPECT_EQ(out.findings[0].location.path, "") << location;
  EXPECT_EQ(out.findings[0].location.region.start_line, 0u) << location;
  EXPECT_EQ(out.findings[0].unmapped_location, location);
}

TEST(ParseBadInput, AbsolutePathsOutsideTheWorkspaceAreKeptAtRepositoryLevelInEveryFormat) {
  ParseContext ctx = repo_context();
  expect_kept_unmapped(parse_output("gcc", "/etc/passwd:1: error: m\n", ctx), "/etc/passwd");
  expect_kept_unmapped(parse_output("codespell", "../x.txt:1: teh ==> the\n", ctx), "../x.txt");
  expect_kept_unmapped(parse_output("clamscan", "/tmp/e.com: Eicar FOUND\n", ctx), "/tmp/e.com");
  expect_kept_unmapped(
      parse_output("sarif", sarif_with_results(sarif_result("file:///etc/shadow", "\"m\"")), ctx),
      "file:///etc/shadow");
  expect_kept_unmapped(
      parse_output("checkstyle",
                   "<checkstyle><file name='/root/x'><error line='1'/></file></checkstyle>", ctx),
      "/root/x");
  ParseOutcome bandit = parse_output(
      "bandit-json", R"({"results":[{"filename":"src/../../etc/x.py","line_number":1}]})", ctx);
  expect_kept_unmapped(bandit, "src/../../etc/x.py");
  EXPECT_EQ(bandit.notes, (std::vector<std::string>{
                              "location \"src/../../etc/x.py\" could not be mapped into the "
                              "repository (outside the repository)"}));
  EXPECT_EQ(bandit.findings[0].notes.back(),
            "location \"src/../../etc/x.py\" could not be mapped into the repository (outside "
            "the repository); kept at repository level, counted by the gate");
}

TEST(ParseBadInput, NulByteInJsonPathKeepsTheFindingAtRepositoryLevel) {
  ParseOutcome out =
      parse_output("shellcheck-json1",
                   R"({"comments":[{"file":"a.sh\u0000/etc/passwd","line":1}]})", repo_context());
  expect_kept_unmapped(out, std::string("a.sh\0/etc/passwd", 16));
}

const char* const kHostileMessage =
    "::set-output name=x::y %0A::error::z <script>alert(1)</script> **bold** [l](http://e) "
    "\x1b[31mred\x1b[0m";

TEST(ParseBadInput, HostileMessageIsKeptRawInTextFormats) {
  ParseOutcome out =
      parse_output("gcc", std::string("a.c:1:1: error: ") + kHostileMessage + "\n", repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, kHostileMessage);
}

TEST(ParseBadInput, HostileMessageIsKeptRawInSarif) {
  std::string escaped = R"("::error file=a.c::pwned\n<img src=x onerror=alert(1)> \u001b[1m")";
  ParseOutcome out =
      parse_output("sarif", sarif_with_results(sarif_result("a.c", escaped)), repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message,
            "::error file=a.c::pwned\n<img src=x onerror=alert(1)> \x1b[1m");
}

TEST(ParseBadInput, WorkflowCommandLineIsNotAFindingButIsNoted) {
  ParseOutcome out = parse_output("gcc", "::error file=a.c,line=1::injected\n", repo_context());
  EXPECT_TRUE(out.findings.empty());
  EXPECT_EQ(out.notes,
            (std::vector<std::string>{"1 line(s) not in gcc format ignored, first: \"::error "
                                      "file=a.c,line=1::injected\""}));
}

TEST(ParseBadInput, UnknownFormatIsAnErrorListingTheKnownOnes) {
  ParseOutcome out = parse_output("pylint-json", "{}", repo_context());
  EXPECT_EQ(out.error,
            "unknown output format \"pylint-json\"; known formats: sarif, gcc, checkstyle, "
            "shellcheck-json1, cppcheck-xml, bandit-json, yamllint-parsable, codespell, "
            "clamscan, wapiti-json, gitleaks-json, trivy-json, zap-json, nuclei-jsonl, "
            "cyclonedx-json, npm-audit-json");
}

TEST(ParseBadInput, WrongDocumentShapeIsAnErrorNamingTheFix) {
  EXPECT_EQ(parse_output("shellcheck-json1", "[]", repo_context()).error,
            "shellcheck-json1: no \"comments\" array (was shellcheck run with -f json1?)");
  EXPECT_EQ(parse_output("sarif", "[]", repo_context()).error,
            "sarif: SARIF log must be a JSON object, found an array");
  EXPECT_EQ(parse_output("gitleaks-json", "{}", repo_context()).error,
            "gitleaks-json: expected a JSON array of leaks (--report-format json)");
}

// Issue 13 item 9: past the limit a parser only counts, for the line formats and SARIF alike.
TEST(ParseBadInput, FindingsPastTheLimitAreCountedNotKept) {
  std::string lines;
  std::string results;
  for (size_t i = 1; i <= kMaxFindingsPerScanner + 3; ++i) {
    lines += "README.md:" + std::to_string(i) + ": teh ==> the\n";
    results += (i > 1 ? "," : "") + sarif_result("a.c", R"("m")");
  }
  for (const auto& [format, bytes] : {std::pair<std::string, std::string>{"codespell", lines},
                                      {"sarif", sarif_with_results(results)}}) {
    ParseOutcome out = parse_output(format, bytes, repo_context());
    EXPECT_EQ(out.findings.size(), kMaxFindingsPerScanner) << format;
    EXPECT_EQ(out.findings.over_limit(), 3u) << format;
    EXPECT_FALSE(out.error) << format;
  }
}

}  // namespace
}  // namespace lamina
