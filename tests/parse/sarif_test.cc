// SARIF 2.1.0 features, each on a small log written for the case.
#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse/sarif.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::repo_context;

ParseOutcome parse(const std::string& sarif, const ParseContext& ctx = repo_context()) {
  return parse_output("sarif", sarif, ctx);
}

// A one-run log with `rules` (JSON array text) and `results` (JSON array text).
std::string log_with(const std::string& rules, const std::string& results,
                     const std::string& extra_run_members = "") {
  return R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t","rules":)" + rules + "}}," +
         extra_run_members + R"("results":)" + results + "}]}";
}

std::string result_at(const std::string& uri, const std::string& more = "") {
  return R"({"ruleId":"R1","message":{"text":"m"},"locations":[{"physicalLocation":)"
         R"({"artifactLocation":{"uri":")" +
         uri + R"("},"region":{"startLine":2}}}])" + more + "}";
}

TEST(ParseSarif, LevelFallsBackFromResultToRuleDefaultToWarning) {
  std::string rules = R"([{"id":"A","defaultConfiguration":{"level":"error"}},{"id":"B"}])";
  std::string results = R"([{"ruleId":"A","level":"note","message":{"text":"1"}},
                            {"ruleId":"A","message":{"text":"2"}},
                            {"ruleId":"B","message":{"text":"3"}}])";
  ParseOutcome out = parse(log_with(rules, results));
  ASSERT_EQ(out.findings.size(), 3u);
  EXPECT_EQ(out.findings[0].tool_level, "note");
  EXPECT_EQ(out.findings[1].tool_level, "error");
  EXPECT_EQ(out.findings[2].tool_level, "warning");
}

TEST(ParseSarif, PassingResultsAreSkippedAndCounted) {
  std::string results = R"([{"ruleId":"A","kind":"pass","message":{"text":"ok"}},
                            {"ruleId":"A","kind":"review","message":{"text":"look"}}])";
  ParseOutcome out = parse(log_with("[]", results));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].tool_level, "none");
  EXPECT_EQ(
      out.notes,
      (std::vector<std::string>{"run 1: 1 result(s) of kind pass/notApplicable are not findings"}));
}

TEST(ParseSarif, ResultSecuritySeverityOverridesRule) {
  std::string rules = R"([{"id":"R1","properties":{"security-severity":"5.0"}}])";
  std::string results = R"([{"ruleId":"R1","message":{"text":"a"}},
      {"ruleId":"R1","message":{"text":"b"},"properties":{"security-severity":"9.5"}}])";
  ParseOutcome out = parse(log_with(rules, results));
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].security_severity, 5.0);
  EXPECT_EQ(out.findings[1].security_severity, 9.5);
}

TEST(ParseSarif, RuleIndexIsPerRun) {
  std::string run1 = R"({"tool":{"driver":{"name":"a","rules":[{"id":"A0","name":"first"}]}},
      "results":[{"ruleIndex":0,"message":{"text":"x"}}]})";
  std::string run2 = R"({"tool":{"driver":{"name":"b","rules":[{"id":"B0","name":"second"}]}},
      "results":[{"ruleIndex":0,"message":{"text":"y"}}]})";
  ParseOutcome out = parse(R"({"version":"2.1.0","runs":[)" + run1 + "," + run2 + "]}");
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].rule_id, "A0");
  EXPECT_EQ(out.findings[0].rule_name, "first");
  EXPECT_EQ(out.findings[1].rule_id, "B0");
  EXPECT_EQ(out.findings[1].rule_name, "second");
}

TEST(ParseSarif, RuleIndexContradictingRuleIdLosesToTheId) {
  std::string rules = R"([{"id":"A","name":"a"},{"id":"B","name":"b"}])";
  ParseOutcome out =
      parse(log_with(rules, R"([{"ruleId":"B","ruleIndex":0,"message":{"text":"m"}}])"));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].rule_name, "b");
}

TEST(ParseSarif, ExtensionRuleIsFoundThroughToolComponentIndex) {
  std::string log = R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"codeql"},
      "extensions":[{"name":"pack","rules":[{"id":"js/xss","helpUri":"https://x/xss"}]}]},
      "results":[{"rule":{"id":"js/xss","index":0,"toolComponent":{"index":0}},
                  "message":{"text":"xss"}}]}]})";
  ParseOutcome out = parse(log);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].rule_id, "js/xss");
  EXPECT_EQ(out.findings[0].help_uri, "https://x/xss");
}

TEST(ParseSarif, MessageIdAndArgumentsUseRuleMessageStrings) {
  std::string rules =
      R"json([{"id":"R1","messageStrings":{"default":{"text":"{0} flows to {1} ({2})"}}}])json";
  std::string results =
      R"([{"ruleId":"R1","message":{"id":"default","arguments":["input","exec"]}}])";
  ParseOutcome out = parse(log_with(rules, results));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].message, "input flows to exec ({2})");
}

TEST(ParseSarif, OriginalUriBaseIdsResolveThroughParents) {
  std::string bases = R"("originalUriBaseIds":{"ROOT":{"uri":"file:///repo/"},
      "SRC":{"uri":"src/","uriBaseId":"ROOT"}},)";
  std::string results = R"([{"ruleId":"R1","message":{"text":"m"},"locations":[{
      "physicalLocation":{"artifactLocation":{"uri":"a%20b.c","uriBaseId":"SRC"}}}]}])";
  ParseOutcome out = parse(log_with("[]", results, bases));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "src/a b.c");
  EXPECT_TRUE(out.findings[0].notes.empty());
}

TEST(ParseSarif, BaseIdOutsideRepositoryKeepsTheFindingAtRepositoryLevel) {
  std::string bases = R"("originalUriBaseIds":{"ROOT":{"uri":"file:///home/ci/other/"}},)";
  std::string results = R"([{"ruleId":"R1","message":{"text":"m"},"locations":[{
      "physicalLocation":{"artifactLocation":{"uri":"a.c","uriBaseId":"ROOT"}}}]}])";
  ParseOutcome out = parse(log_with("[]", results, bases));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "");
  EXPECT_EQ(out.findings[0].unmapped_location, "/home/ci/other/a.c");
  EXPECT_EQ(out.refused_paths, 1u);
}

TEST(ParseSarif, UrisArePercentDecodedWithOrWithoutABaseId) {
  std::string bases = R"("originalUriBaseIds":{"SRC":{"uri":"file:///repo/src/"}},)";
  std::string results = "[" + result_at("100%25%20done.c") + "," +
                        R"({"ruleId":"R1","message":{"text":"m"},"locations":[{"physicalLocation":
                           {"artifactLocation":{"uri":"a%2Bb.c","uriBaseId":"SRC"}}}]}])";
  ParseOutcome out = parse(log_with("[]", results, bases));
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].location.path, "100% done.c");
  EXPECT_EQ(out.findings[1].location.path, "src/a+b.c");
}

// A container's scanner writes %SRCROOT% as /github/workspace, and SRC chains to it.
TEST(ParseSarif, ChainedBaseIdsUnderAContainerWorkspaceMapIntoTheRepository) {
  std::string bases = R"("originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///github/workspace/"},
      "SRC":{"uri":"lib/","uriBaseId":"%SRCROOT%"}},)";
  std::string results = R"([{"ruleId":"R1","message":{"text":"m"},"locations":[{
      "physicalLocation":{"artifactLocation":{"uri":"x.js","uriBaseId":"SRC"},
      "region":{"startLine":5}}}]}])";
  ParseContext ctx = repo_context();
  ctx.workspace = default_workspace_hints("");
  ParseOutcome out = parse(log_with("[]", results, bases), ctx);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "lib/x.js");
  EXPECT_EQ(out.findings[0].location.region.start_line, 5u);
  EXPECT_EQ(out.refused_paths, 0u);
  EXPECT_EQ(out.findings[0].notes,
            (std::vector<std::string>{
                "\"/github/workspace/lib/x.js\" mapped under the workspace /github/workspace"}));
}

// SARIF §3.14.23: no "results" means the tool did not run to completion; [] means it found
// nothing. Only the first is a scanner failure.
TEST(ParseSarif, RunWithoutResultsIsAToolFailureEmptyResultsIsClean) {
  ParseOutcome clean = parse(log_with("[]", "[]"));
  EXPECT_FALSE(clean.tool_failure);
  EXPECT_FALSE(clean.error);
  std::string no_results =
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[]},)"
      R"({"tool":{"driver":{"name":"Crashed \u001b[31m"}}},{"tool":{"driver":{"name":"n"}},)"
      R"("results":null}]})";
  std::vector<SarifRunSummary> runs;
  ParseOutcome out = stream_sarif(
      no_results, repo_context(), [](Finding&&) {},
      [&](SarifRunSummary&& run) { runs.push_back(std::move(run)); });
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_TRUE(runs[0].has_results);
  EXPECT_FALSE(runs[1].has_results);
  EXPECT_FALSE(runs[2].has_results);
  EXPECT_EQ(runs[1].number, 2u);
  EXPECT_EQ(runs[1].tool_name, "Crashed \x1b[31m");
  EXPECT_EQ(out.tool_failure,
            "run 2 (Crashed ?[31m) has no \"results\" array: the tool did not run to "
            "completion; run 3 (n) has no \"results\" array: the tool did not run to completion");
}

TEST(ParseSarif, BaseIdsDefinedAfterTheResultsStillApply) {
  std::string log = R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},
      "results":[{"ruleId":"R1","message":{"text":"m"},"locations":[{"physicalLocation":
        {"artifactLocation":{"uri":"a.c","uriBaseId":"SRC"}}}]},
        {"ruleId":"R2","message":{"text":"n"},"locations":[{"physicalLocation":
        {"artifactLocation":{"index":0}}}]}],
      "originalUriBaseIds":{"SRC":{"uri":"file:///repo/src/"}},
      "artifacts":[{"location":{"uri":"lib/b.c"}}]}]})";
  ParseOutcome out = parse(log);
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].location.path, "src/a.c");
  EXPECT_EQ(out.findings[1].location.path, "lib/b.c");
  EXPECT_TRUE(out.findings[0].notes.empty());
}

TEST(ParseSarif, ArtifactIndexGivesTheUri) {
  std::string artifacts = R"("artifacts":[{"location":{"uri":"lib/x.py"}}],)";
  std::string results = R"([{"ruleId":"R1","message":{"text":"m"},"locations":[{
      "physicalLocation":{"artifactLocation":{"index":0},"region":{"startLine":4}}}]}])";
  ParseOutcome out = parse(log_with("[]", results, artifacts));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "lib/x.py");
  EXPECT_EQ(out.findings[0].location.region.start_line, 4u);
}

TEST(ParseSarif, ResultWithoutLocationsHasNoPath) {
  ParseOutcome out = parse(log_with("[]", R"([{"ruleId":"R1","message":{"text":"global"}}])"));
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].location.path, "");
  EXPECT_EQ(out.findings[0].location.region.start_line, 0u);
}

TEST(ParseSarif, RelatedLocationOutsideRepositoryIsDroppedAndCounted) {
  std::string related = R"(,"relatedLocations":[
      {"physicalLocation":{"artifactLocation":{"uri":"src/b.c"},"region":{"startLine":7}},
       "message":{"text":"source"}},
      {"physicalLocation":{"artifactLocation":{"uri":"/usr/include/stdio.h"}}}])";
  ParseOutcome out = parse(log_with("[]", "[" + result_at("src/a.c", related) + "]"));
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  ASSERT_EQ(f.related.size(), 1u);
  EXPECT_EQ(f.related[0].path, "src/b.c");
  EXPECT_EQ(f.related[0].region.start_line, 7u);
  EXPECT_EQ(f.related[0].message, "source");
  EXPECT_EQ(out.refused_paths, 1u);
}

TEST(ParseSarif, OriginalRecordIsTheResultAsWritten) {
  std::string result =
      "{\"ruleId\": \"R1\",\n  \"message\": {\"text\": \"m\"},\n"
      "  \"codeFlows\": [{\"threadFlows\": [{\"locations\": []}]}]}";
  ParseOutcome out = parse(log_with("[]", "[ " + result + " ,\n" + result + "]"));
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].original, result);
  EXPECT_EQ(out.findings[1].original, result);
}

TEST(ParseSarif, OriginalRecordSpansFileChunks) {
  test::TempDir dir;
  std::string message(3u << 20, 'x');  // one result larger than the 1 MiB read chunk
  std::string result = R"({"ruleId":"R1","message":{"text":")" + message + R"("}})";
  test::write_file(dir.file("big.sarif"), log_with("[]", "[" + result + "]"));
  std::vector<Finding> findings;
  ParseOutcome out = stream_sarif_file(dir.file("big.sarif"), repo_context(),
                                       [&](Finding&& f) { findings.push_back(std::move(f)); });
  ASSERT_FALSE(out.error);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].original, result);
  EXPECT_EQ(findings[0].message, message);
}

TEST(ParseSarif, ResultsOfARunWithoutToolAreStillReported) {
  ParseOutcome out =
      parse(R"({"version":"2.1.0","runs":[{"results":[)" + result_at("a.c") + "]}]}");
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.notes, (std::vector<std::string>{"run 1 has no \"tool\"; rules unknown for its "
                                                 "results"}));
}

TEST(ParseSarif, LogWithoutRunsIsAnError) {
  ParseOutcome out = parse(R"({"version":"2.1.0"})");
  EXPECT_EQ(out.error, "sarif: SARIF log has no \"runs\" array");
}

TEST(ParseSarif, StreamingSinkReceivesEachFindingInOrder) {
  std::string results = "[" + result_at("a.c") + "," + result_at("b.c") + "]";
  std::vector<std::string> paths;
  ParseOutcome out = stream_sarif(log_with("[]", results), repo_context(),
                                  [&](Finding&& f) { paths.push_back(f.location.path); });
  EXPECT_TRUE(out.findings.empty());
  EXPECT_EQ(paths, (std::vector<std::string>{"a.c", "b.c"}));
}

TEST(ParseSarif, FileStreamGivesTheSameFindingsAsBytes) {
  test::TempDir dir;
  std::string sarif = test::source_path(
      "tests/data/scanner-outputs/codeql/codeql-2.5.4-codeflows-relatedlocations.sarif");
  std::vector<Finding> streamed;
  ParseOutcome out = stream_sarif_file(sarif, repo_context(),
                                       [&](Finding&& f) { streamed.push_back(std::move(f)); });
  ASSERT_FALSE(out.error);
  ParseOutcome whole = parse(test::read_or_fail(sarif));
  ASSERT_EQ(streamed.size(), whole.findings.size());
  for (size_t i = 0; i < streamed.size(); ++i) {
    EXPECT_EQ(streamed[i].original, whole.findings[i].original);
  }
}

TEST(ParseSarif, MissingFileIsAnErrorNamingIt) {
  ParseOutcome out = stream_sarif_file("/nonexistent/x.sarif", repo_context(), [](Finding&&) {});
  EXPECT_EQ(out.error, "sarif: cannot open /nonexistent/x.sarif: No such file or directory");
}

}  // namespace
}  // namespace lamina
