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
