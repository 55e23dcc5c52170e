#include "outcome/gate.h"

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

TEST(Gate, StandingSaysWhyAFindingDoesNotGateFirstMatchWinning) {
  FailOn sev2 = *parse_fail_on("sev2");
  Finding f = of(Severity::sev1);
  EXPECT_EQ(gate_standing(f, FilterMode::added, sev2), GateStanding::gating);
  EXPECT_EQ(gate_standing(f, FilterMode::added, *parse_fail_on("never")), GateStanding::counted);
  f.in_baseline = true;
  EXPECT_EQ(gate_standing(f, FilterMode::added, sev2), GateStanding::in_baseline);
  f.suppressions = {{"inSource", "accepted", "reviewed"}};
  EXPECT_EQ(gate_standing(f, FilterMode::added, sev2), GateStanding::suppressed);
  f.diff_position = DiffPosition::outside_diff;
  EXPECT_EQ(gate_standing(f, FilterMode::added, sev2), GateStanding::filtered_out);
  EXPECT_EQ(gate_standing(of(Severity::sev3), FilterMode::added, sev2), GateStanding::counted);
}

// SARIF §3.27.23 as the SARIF SDK and GitLab read it: suppressed when some suppression is
// accepted (or has no status) and none is under review or rejected.
TEST(Gate, SuppressedFindingsDoNotGateUnlessUnderReviewOrRejected) {
  auto with = [](std::vector<Suppression> list) {
    Finding f = of(Severity::sev1);
    f.suppressions = std::move(list);
    return f;
  };
  std::vector<Finding> findings = {
      with({{"inSource", "", ""}}),                                   // eslint-disable: suppressed
      with({{"external", "accepted", "false positive"}}),             // suppressed
      with({{"external", "underReview", ""}}),                        // still counts
      with({{"inSource", "rejected", ""}}),                           // counts
      with({{"inSource", "", ""}, {"external", "underReview", ""}}),  // counts: under review
      with({}),
  };
  GateResult g = decide_gate(findings, FilterMode::added, *parse_fail_on("sev1"), 0);
  EXPECT_EQ(g.suppressed, 2u);
  EXPECT_EQ(g.gating, 4u);
  EXPECT_EQ(g.counted_by_severity[0], 4u);
  EXPECT_EQ(g.by_severity[0], 6u);
  EXPECT_FALSE(g.passed);
  GateResult only_suppressed =
      decide_gate({findings[0], findings[1]}, FilterMode::added, *parse_fail_on("sev3"), 0);
  EXPECT_TRUE(only_suppressed.passed);
  EXPECT_EQ(only_suppressed.exit_code, 0);
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

TEST(ByAttention, GatingThenCountedThenTheRestEachBySeverityThenNearestTheChange) {
  std::vector<Finding> f(5);
  f[0].severity = Severity::sev2;
  f[0].diff_position = DiffPosition::added_lines;  // gating at sev2
  f[1].severity = Severity::sev1;
  f[1].diff_position = DiffPosition::outside_diff;  // filtered out under "added"
  f[2].severity = Severity::sev1;
  f[2].diff_position = DiffPosition::in_hunk_context;
  f[2].in_baseline = true;
  f[3].severity = Severity::sev3;
  f[3].diff_position = DiffPosition::added_lines;  // counted, below fail-on
  f[4].severity = Severity::sev2;
  f[4].diff_position = DiffPosition::in_hunk_context;
  f[4].suppressions = {{"inSource", "", ""}};
  std::vector<const Finding*> order = by_attention(f, FilterMode::context, *parse_fail_on("sev2"));
  ASSERT_EQ(order.size(), 5u);
  EXPECT_EQ(order[0], &f[0]);  // the only one that fails the gate, though not the most severe
  EXPECT_EQ(order[1], &f[3]);  // counted
  EXPECT_EQ(order[2], &f[2]);  // sev1, nearer the change than f[1]
  EXPECT_EQ(order[3], &f[1]);
  EXPECT_EQ(order[4], &f[4]);  // sev2
}

}  // namespace
}  // namespace lamina
