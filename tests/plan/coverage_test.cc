// Coverage gaps: a changed file that a kind of check (dependency, secret, static analysis) did
// not reach because every scanner of that kind that matches it is missing, or because no catalog
// entry reads its type; grouped by kind and file type.
#include "plan/coverage.h"

#include "plan/file_types.h"

#include "plan_fixture.h"

namespace lamina {
namespace {

using Strings = std::vector<std::string>;

class CoverageTest : public test::PlanFixture {};

const CoverageGap* gap_for(const Plan& plan, const std::string& kind, const std::string& type) {
  for (const CoverageGap& gap : plan.coverage_gaps) {
    if (gap.kind == kind && gap.file_type == type) return &gap;
  }
  return nullptr;
}

Strings ids(const CoverageGap& gap) {
  Strings out;
  for (const MissingScanner& s : gap.scanners) out.push_back(s.id);
  return out;
}

TEST_F(CoverageTest, ChangedLockfileWithNoDependencyScannerInstalledIsNotCovered) {
  install({"secretlint", "bandit"});
  change("package-lock.json", "{}\n");
  change("app.py", "print(1)\n");
  Plan p = plan();
  const CoverageGap* gap = gap_for(p, "dependencies", "package-lock.json");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->paths, Strings{"package-lock.json"});
  EXPECT_EQ(ids(*gap), (Strings{"osv-scanner", "trivy-fs"}));
  EXPECT_EQ(gap->text(),
            "not covered: 1 changed package-lock.json (package-lock.json) had no dependency "
            "check: no scanner installed: osv-scanner (install: go install "
            "github.com/google/osv-scanner/v2/cmd/osv-scanner@latest); trivy-fs (install: curl "
            "-sfL https://raw.githubusercontent.com/aquasecurity/trivy/main/contrib/install.sh | "
            "sh -s -- -b /usr/local/bin)");
  // secretlint is installed and gets every file, so secret detection has no gap; bandit covers
  // app.py for static analysis even though semgrep (also sast) is missing.
  for (const CoverageGap& g : p.coverage_gaps) {
    EXPECT_NE(g.kind, "secrets") << g.text();
    EXPECT_EQ(std::find(g.paths.begin(), g.paths.end(), "app.py"), g.paths.end()) << g.text();
  }
}

TEST_F(CoverageTest, OneInstalledScannerOfTheKindCoversTheFile) {
  install({"osv-scanner", "secretlint"});
  change("package-lock.json", "{}\n");
  Plan p = plan();
  EXPECT_EQ(gap_for(p, "dependencies", "package-lock.json"), nullptr);
}

TEST_F(CoverageTest, DisabledScannersAreTheUsersChoiceNotAGap) {
  install({"secretlint"});
  configure("scanners:\n  osv-scanner: {enabled: false}\n  trivy-fs: {enabled: false}\n");
  change("package-lock.json", "{}\n");
  Plan p = plan();
  EXPECT_TRUE(p.coverage_gaps.empty()) << p.coverage_gaps.front().text();
}

TEST_F(CoverageTest, ManyFilesAreCountedAndTheTextStaysShort) {
  install({});
  for (int i = 0; i < 5; ++i) change("svc" + std::to_string(i) + "/requirements.txt", "x==1\n");
  Plan p = plan();
  const CoverageGap* gap = gap_for(p, "dependencies", "requirements.txt");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->paths.size(), 5u);
  EXPECT_NE(gap->text().find("5 changed files named requirements.txt (svc0/requirements.txt, "
                             "svc1/requirements.txt, svc2/requirements.txt, and 2 more)"),
            std::string::npos)
      << gap->text();
}

TEST_F(CoverageTest, GoFilesWithNoGoScannerInstalledAreOneGroupNamingEachMissingScanner) {
  install({"secretlint"});
  change("go.mod", "module x\n");
  change("cmd/main.go", "package main\n");
  change("lib/util.go", "package lib\n");
  Plan p = plan();
  const CoverageGap* gap = gap_for(p, "sast", ".go");
  ASSERT_NE(gap, nullptr);
  EXPECT_TRUE(gap->in_catalog);
  EXPECT_EQ(gap->paths, (Strings{"cmd/main.go", "lib/util.go"}));
  EXPECT_EQ(ids(*gap), (Strings{"gosec", "semgrep"}));
  EXPECT_EQ(gap->text(),
            "not covered: 2 changed .go files (cmd/main.go, lib/util.go) had no static analysis: "
            "no scanner installed: gosec (install: go install "
            "github.com/securego/gosec/v2/cmd/gosec@latest); semgrep (install: pipx install "
            "semgrep)");
  // go.mod is a dependency manifest: its own gap, not mixed with the source files.
  ASSERT_NE(gap_for(p, "dependencies", "go.mod"), nullptr);
  EXPECT_EQ(gap_for(p, "dependencies", "go.mod")->paths, Strings{"go.mod"});
}

TEST_F(CoverageTest, SourceFilesNoCatalogEntryReadsAreListedByType) {
  install({"secretlint"});
  change("tools/build.lua", "print(1)\n");
  change("tools/gen.lua", "print(2)\n");
  change("infra/main.hcl", "x = 1\n");
  Plan p = plan();
  const CoverageGap* lua = gap_for(p, "sast", ".lua");
  ASSERT_NE(lua, nullptr);
  EXPECT_FALSE(lua->in_catalog);
  EXPECT_TRUE(lua->scanners.empty());
  EXPECT_EQ(lua->text(),
            "not covered: 2 changed .lua files (tools/build.lua, tools/gen.lua) had no static "
            "analysis: no scanner in the catalog reads them (add one under scanners: in "
            ".lamina.yml, or exclude them)");
  const CoverageGap* hcl = gap_for(p, "iac", ".hcl");
  ASSERT_NE(hcl, nullptr);
  EXPECT_EQ(hcl->check, "infrastructure-as-code check");
}

TEST_F(CoverageTest, ProseDataBinaryDeletedAndExcludedFilesAreNotListed) {
  install({"secretlint", "codespell"});
  configure("exclude: [\"gen/**\"]\n");
  change("config/settings.json", "{}\n");
  change("LICENSE", "MIT\n");
  change(".gitignore", "x\n");
  change("docs/guide.md", "hello\n");
  change("logo.png", "\x89PNG").binary = true;
  change("old.lua", "", ChangeStatus::deleted);
  change("gen/parser.lua", "print(1)\n");
  Plan p = plan();
  EXPECT_TRUE(p.coverage_gaps.empty()) << p.coverage_gaps.front().text();
}

TEST_F(CoverageTest, ASecretScannerReadingEveryFileDoesNotAccountForItsCode) {
  install({"secretlint", "gitleaks"});
  change("app.rb", "puts 1\n");  // semgrep reads .rb: a gap of the catalog's scanner
  change("x.lua", "print(1)\n");
  Plan p = plan();
  ASSERT_NE(gap_for(p, "sast", ".lua"), nullptr);
  EXPECT_FALSE(gap_for(p, "sast", ".lua")->in_catalog);
  ASSERT_NE(gap_for(p, "sast", ".rb"), nullptr);
  EXPECT_EQ(ids(*gap_for(p, "sast", ".rb")), Strings{"semgrep"});
}

TEST_F(CoverageTest, ScannersThatReadEveryFileMakeOneGroupNotOnePerType) {
  install({"shellcheck", "bandit"});
  configure("scanners:\n  secretlint: {enabled: false}\n");
  change("deploy.sh", "echo 1\n");
  change("app.py", "print(1)\n");
  change("notes.json", "{}\n");
  Plan p = plan();
  const CoverageGap* gap = gap_for(p, "secrets", "*");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->paths, (Strings{"app.py", "deploy.sh", "notes.json"}));
  EXPECT_EQ(ids(*gap), Strings{"gitleaks"});
  EXPECT_TRUE(gap->text().starts_with(
      "not covered: 3 changed files (app.py, deploy.sh, notes.json) had no secret detection: no "
      "scanner installed: gitleaks (install: "))
      << gap->text();
}

TEST_F(CoverageTest, LayersThatReadNoChangedFileListNothing) {
  install({});
  change("x.lua", "print(1)\n");
  EXPECT_TRUE(plan(Layer::pre_deploy).coverage_gaps.empty());
  EXPECT_TRUE(plan(Layer::post_deploy).coverage_gaps.empty());
}

TEST(FileTypes, WellKnownNamesThenTheExtensionInLowerCase) {
  EXPECT_EQ(file_type_of("pkg/package-lock.json"), "package-lock.json");
  EXPECT_EQ(file_type_of("deploy/Dockerfile.prod"), "Dockerfile");
  EXPECT_EQ(file_type_of("Dockerfile"), "Dockerfile");
  EXPECT_EQ(file_type_of("src/App.GO"), ".go");
  EXPECT_EQ(file_type_of("web/x.test.ts"), ".ts");
  EXPECT_EQ(file_type_of(".gitignore"), "");
  EXPECT_EQ(file_type_of("bin/run"), "");
}

TEST(FileTypes, SourceInfrastructureAndManifestsCountProseAndDataDoNot) {
  EXPECT_EQ(expected_check(".ts"), "sast");
  EXPECT_EQ(expected_check(".rb"), "sast");
  EXPECT_EQ(expected_check(".tf"), "iac");
  EXPECT_EQ(expected_check("Dockerfile"), "iac");
  EXPECT_EQ(expected_check("Cargo.lock"), "dependencies");
  EXPECT_EQ(expected_check(".json"), "");
  EXPECT_EQ(expected_check(".md"), "");
  EXPECT_EQ(expected_check(".png"), "");
  EXPECT_EQ(expected_check(""), "");
}

}  // namespace
}  // namespace lamina
