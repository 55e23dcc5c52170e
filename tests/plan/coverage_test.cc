// Coverage gaps: a changed file that a kind of check (dependency, secret, static analysis) did
// not reach because every scanner of that kind that matches it is missing.
#include "plan/coverage.h"

#include "plan_fixture.h"

namespace lamina {
namespace {

using Strings = std::vector<std::string>;

class CoverageTest : public test::PlanFixture {};

const CoverageGap* gap_for(const Plan& plan, const std::string& check) {
  for (const CoverageGap& gap : plan.coverage_gaps) {
    if (gap.check == check) return &gap;
  }
  return nullptr;
}

TEST_F(CoverageTest, ChangedLockfileWithNoDependencyScannerInstalledIsNotCovered) {
  install({"secretlint", "bandit"});
  change("package-lock.json", "{}\n");
  change("app.py", "print(1)\n");
  Plan p = plan();
  const CoverageGap* gap = gap_for(p, "dependency check");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->paths, Strings{"package-lock.json"});
  EXPECT_EQ(gap->scanners, (Strings{"osv-scanner", "trivy-fs"}));
  EXPECT_EQ(gap->text(),
            "not covered: 1 changed file (package-lock.json) had no dependency check: "
            "osv-scanner, trivy-fs are not installed");
  // secretlint is installed and gets every file, so secret detection has no gap; bandit covers
  // app.py for static analysis even though semgrep (also sast) is missing.
  EXPECT_EQ(gap_for(p, "secret detection"), nullptr);
  const CoverageGap* sast = gap_for(p, "static analysis");
  if (sast != nullptr) {
    EXPECT_EQ(std::find(sast->paths.begin(), sast->paths.end(), "app.py"), sast->paths.end());
  }
}

TEST_F(CoverageTest, OneInstalledScannerOfTheKindCoversTheFile) {
  install({"osv-scanner", "secretlint"});
  change("package-lock.json", "{}\n");
  Plan p = plan();
  EXPECT_EQ(gap_for(p, "dependency check"), nullptr);
}

TEST_F(CoverageTest, DisabledScannersAreTheUsersChoiceNotAGap) {
  install({"secretlint"});
  configure("scanners:\n  osv-scanner: {enabled: false}\n  trivy-fs: {enabled: false}\n");
  change("package-lock.json", "{}\n");
  Plan p = plan();
  EXPECT_EQ(gap_for(p, "dependency check"), nullptr);
}

TEST_F(CoverageTest, ManyFilesAreCountedAndTheTextStaysShort) {
  install({});
  for (int i = 0; i < 5; ++i) change("svc" + std::to_string(i) + "/requirements.txt", "x==1\n");
  Plan p = plan();
  const CoverageGap* gap = gap_for(p, "dependency check");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->paths.size(), 5u);
  EXPECT_NE(gap->text().find("5 changed files (svc0/requirements.txt, svc1/requirements.txt, "
                             "svc2/requirements.txt, and 2 more)"),
            std::string::npos)
      << gap->text();
}

}  // namespace
}  // namespace lamina
