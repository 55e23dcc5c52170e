#include "findings/gate.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

Finding of(Severity s, DiffPosition pos = DiffPosition::added_lines, bool baseline = false) {
  Finding f;
  f.severity = s;
  f.diff_position = pos;
  f.in_baseline = baseline;
  return f;
}

TEST(Gate, FailsOnAFindingAtTheThreshold) {
  GateResult g = decide_gate({of(Severity::sev1)}, FilterMode::added, *parse_fail_on("sev1"), 0);
  EXPECT_FALSE(g.passed);
  EXPECT_EQ(g.gating, 1u);
  EXPECT_EQ(g.exit_code, 1);
}

TEST(Gate, PassesBelowTheThreshold) {
  GateResult g = decide_gate({of(Severity::sev2)}, FilterMode::added, *parse_fail_on("sev1"), 0);
  EXPECT_TRUE(g.passed);
  EXPECT_EQ(g.exit_code, 0);
  EXPECT_EQ(g.by_severity[1], 1u);
}

TEST(Gate, FilteredAndBaselineFindingsNeverGate) {
  GateResult g = decide_gate({of(Severity::sev1, DiffPosition::outside_diff),
                              of(Severity::sev1, DiffPosition::added_lines, true)},
                             FilterMode::added, *parse_fail_on("sev3"), 0);
  EXPECT_TRUE(g.passed);
  EXPECT_EQ(g.filtered_out, 1u);
  EXPECT_EQ(g.in_baseline, 1u);
}

TEST(Gate, ScannerFailureGivesExitThreeOnlyWhenTheGatePassed) {
  EXPECT_EQ(decide_gate({}, FilterMode::added, *parse_fail_on("sev1"), 1).exit_code, 3);
  EXPECT_EQ(
      decide_gate({of(Severity::sev1)}, FilterMode::added, *parse_fail_on("sev1"), 1).exit_code, 1);
}

TEST(Gate, NeverIgnoresSeverityButStillReportsFailures) {
  GateResult g = decide_gate({of(Severity::sev1)}, FilterMode::all, *parse_fail_on("never"), 0);
  EXPECT_TRUE(g.passed);
  EXPECT_EQ(g.counted_by_severity[0], 1u);
  EXPECT_FALSE(parse_fail_on("critical").has_value());
}

}  // namespace
}  // namespace lamina

namespace lamina {
namespace {

TEST(ByAttention, SeverityThenCountingThenNearestTheChange) {
  std::vector<Finding> f(4);
  f[0].severity = Severity::sev2;
  f[0].diff_position = DiffPosition::added_lines;
  f[1].severity = Severity::sev1;
  f[1].diff_position = DiffPosition::outside_diff;  // filtered out under "added"
  f[2].severity = Severity::sev1;
  f[2].diff_position = DiffPosition::in_hunk_context;
  f[2].in_baseline = true;
  f[3].severity = Severity::sev1;
  f[3].diff_position = DiffPosition::added_lines;
  std::vector<const Finding*> order = by_attention(f, FilterMode::added);
  EXPECT_EQ(order[0], &f[3]);
  EXPECT_EQ(order[1], &f[2]);  // not counted either, but nearer the change than f[1]
  EXPECT_EQ(order[2], &f[1]);
  EXPECT_EQ(order[3], &f[0]);
  EXPECT_FALSE(counts_for_gate(f[2], FilterMode::added));
  EXPECT_TRUE(counts_for_gate(f[3], FilterMode::added));
}

}  // namespace
}  // namespace lamina
