// The coverage account as a scanner outcome: skipped (informational) unless a required kind of
// check has a gap, then failed, which the gate counts like any scanner failure (exit code 3).
#include "outcome/coverage_outcome.h"

#include <gtest/gtest.h>

#include "outcome/gate.h"

namespace lamina {
namespace {

CoverageGap go_gap() {
  return {"sast",
          "static analysis",
          ".go",
          true,
          {"cmd/main.go", "lib/util.go"},
          {{"gosec", "go install gosec"}, {"semgrep", "pipx install semgrep"}}};
}

CoverageGap lua_gap() {
  return {"sast", "static analysis", ".lua", false, {"x.lua"}, {}};
}

CoverageGap lock_gap() {
  return {"dependencies", "dependency check",    "package-lock.json",
          true,           {"package-lock.json"}, {{"osv-scanner", "go install osv-scanner"}}};
}

TEST(CoverageOutcome, NotRequiredIsSkippedAndCountsEachFileOnce) {
  CoverageGap lint = go_gap();
  lint.kind = "lint";
  ScannerOutcome o = coverage_outcome({go_gap(), lint, lock_gap()}, {}, "default");
  EXPECT_EQ(o.scanner_id, kCoverageScannerId);
  EXPECT_EQ(o.state, ScannerState::skipped);
  EXPECT_EQ(o.detail,
            "3 changed files not covered by some kind of check (not required: require_coverage "
            "makes it a failure)");
}

TEST(CoverageOutcome, ARequiredKindWithAGapIsAScannerFailureNamingFilesAndOrigin) {
  ScannerOutcome o =
      coverage_outcome({lock_gap(), go_gap(), lua_gap()}, {"sast"}, "--require-coverage");
  EXPECT_EQ(o.state, ScannerState::failed);
  EXPECT_TRUE(is_failure(o.state));
  EXPECT_EQ(o.detail,
            "required coverage (--require-coverage: sast) not met: 2 changed .go files had no "
            "static analysis (gosec, semgrep are not installed); 1 changed .lua file had no "
            "static analysis (no scanner in the catalog)");
}

TEST(CoverageOutcome, ARequiredKindEveryFileGotDoesNotFail) {
  ScannerOutcome o = coverage_outcome({go_gap()}, {"dependencies", "secrets"}, ".lamina.yml:1:19");
  EXPECT_EQ(o.state, ScannerState::skipped);
}

TEST(CoverageOutcome, TheGateCountsTheFailureLikeAnyScannerFailure) {
  ScannerOutcome o = coverage_outcome({lock_gap()}, {"dependencies"}, ".lamina.yml:1:19");
  GateResult g = decide_gate({}, FilterMode::added, FailOn{Severity::sev1}, is_failure(o.state));
  EXPECT_TRUE(g.passed);
  EXPECT_EQ(g.exit_code, 3);
}

}  // namespace
}  // namespace lamina
