// Code flows of real SARIF (CodeQL 2.5.4, Semgrep's dataflow traces; provenance in
// tests/data/scanner-outputs/SOURCES.md) survive parsing, their steps placed like the result.
#include "parse/sarif_code_flows.h"

#include <gtest/gtest.h>

#include "parse/parse.h"
#include "parse_testing.h"

namespace lamina {
namespace {

using test::checked_in_output;
using test::repo_context;

TEST(SarifCodeFlows, SemgrepTaintTraceKeepsEveryStepInOrder) {
  ParseOutcome out = parse_output(
      "sarif", checked_in_output("semgrep/e2e-dataflow-traces-codeflows.sarif"), repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  const std::vector<CodeFlow>& flows = out.findings[0].code_flows;
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].message,
            "Untrusted dataflow from targets/taint/taint.py:3 to targets/taint/taint.py:9");
  ASSERT_EQ(flows[0].thread_flows.size(), 1u);
  const std::vector<Location>& steps = flows[0].thread_flows[0];
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].path, "targets/taint/taint.py");
  EXPECT_EQ(steps[0].region.start_line, 3u);
  EXPECT_EQ(steps[0].region.start_column, 9u);
  EXPECT_EQ(steps[0].message, "Source: 'source1()' @ 'targets/taint/taint.py:3'");
  EXPECT_EQ(steps[3].region.start_line, 9u);
  EXPECT_EQ(steps[3].message, "Sink: 'sink1(b)' @ 'targets/taint/taint.py:9'");
}

TEST(SarifCodeFlows, CodeqlFlowsResolveSrcrootAndAreBounded) {
  ParseOutcome out = parse_output(
      "sarif", checked_in_output("codeql/codeql-2.5.4-codeflows-relatedlocations.sarif"),
      repo_context());
  ASSERT_EQ(out.findings.size(), 72u);
  size_t with_flows = 0;
  for (const Finding& f : out.findings) with_flows += !f.code_flows.empty();
  EXPECT_EQ(with_flows, 5u);
  const Finding& injection = out.findings[56];
  EXPECT_EQ(injection.rule_id, "py/path-injection");
  ASSERT_EQ(injection.code_flows.size(), 2u);
  ASSERT_EQ(injection.code_flows[0].thread_flows[0].size(), 5u);
  EXPECT_EQ(injection.code_flows[0].thread_flows[0][0].path, "bad/mod_api.py");
  EXPECT_EQ(injection.code_flows[0].thread_flows[0][0].message, "ControlFlowNode for request");
  // 33 flows in the log; lamina keeps the first ten.
  EXPECT_EQ(out.findings[59].code_flows.size(), kMaxCodeFlows);
}

TEST(SarifCodeFlows, AStepThatCannotBeMappedKeepsItsMessageAndNamesTheLocation) {
  std::string result = R"({"ruleId":"R","codeFlows":[{"threadFlows":[{"locations":[
      {"location":{"physicalLocation":{"artifactLocation":{"uri":"file:///usr/lib/x.py"}},
                   "message":{"text":"source"}}},
      {"location":{"physicalLocation":{"artifactLocation":{"uri":"a.py"},
                   "region":{"startLine":4}}}}]},
      {"locations":[]}]},
      {"threadFlows":[]}]})";
  std::vector<CodeFlow> flows = read_code_flows(result, [](const SarifLocation& step) {
    Location placed;
    placed.message = step.message;
    if (step.uri == "a.py") placed.path = "a.py";
    placed.region.start_line = static_cast<uint32_t>(step.region.start_line.value_or(0));
    return placed;
  });
  ASSERT_EQ(flows.size(), 1u);  // a flow with no steps is left out (SARIF needs one)
  ASSERT_EQ(flows[0].thread_flows.size(), 1u);
  ASSERT_EQ(flows[0].thread_flows[0].size(), 2u);
  EXPECT_EQ(flows[0].thread_flows[0][0].path, "");
  EXPECT_EQ(flows[0].thread_flows[0][0].message, "source");
  EXPECT_EQ(flows[0].thread_flows[0][1].path, "a.py");
  EXPECT_EQ(flows[0].thread_flows[0][1].region.start_line, 4u);
}

TEST(SarifCodeFlows, ParsedStepOutsideTheRepositoryIsNamed) {
  std::string log = R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[
      {"ruleId":"R","message":{"text":"m"},"locations":[{"physicalLocation":
        {"artifactLocation":{"uri":"a.py"},"region":{"startLine":2}}}],
       "codeFlows":[{"threadFlows":[{"locations":[{"location":{"physicalLocation":
        {"artifactLocation":{"uri":"file:///usr/lib/python3/x.py"}},"message":{"text":"in"}}}]}]}]}]}]})";
  ParseOutcome out = parse_output("sarif", log, repo_context());
  ASSERT_EQ(out.findings.size(), 1u);
  ASSERT_EQ(out.findings[0].code_flows.size(), 1u);
  const Location& step = out.findings[0].code_flows[0].thread_flows[0][0];
  EXPECT_EQ(step.path, "");
  EXPECT_EQ(step.message,
            "in (at \"file:///usr/lib/python3/x.py\", not mapped into the repository)");
  EXPECT_EQ(out.refused_paths, 0u);  // a step is not the result's location
}

TEST(SarifCodeFlows, NotJsonOrNoFlowsGivesNone) {
  const auto place = [](const SarifLocation&) { return Location{}; };
  EXPECT_TRUE(read_code_flows(R"({"ruleId":"R"})", place).empty());
  EXPECT_TRUE(read_code_flows(R"({"codeFlows": [truncated)", place).empty());
  EXPECT_TRUE(read_code_flows(R"({"codeFlows": {"not": "an array"}})", place).empty());
}

}  // namespace
}  // namespace lamina
