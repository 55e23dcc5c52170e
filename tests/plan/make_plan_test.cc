// Selection: which scanners run on a change, on which files, with which argv, and why.
#include "plan/make_plan.h"

#include <sstream>

#include "plan_fixture.h"

namespace lamina {
namespace {

using Strings = std::vector<std::string>;
using Views = std::vector<std::string_view>;

class MakePlanTest : public test::PlanFixture {};

TEST_F(MakePlanTest, FilesScopePassesMatchingFilesWithTheDecidingGlob) {
  install({"shellcheck"});
  change("deploy/run.sh");
  change("README.md");
  Plan p = plan();
  const ScannerDecision& d = decision(p, "shellcheck");
  EXPECT_TRUE(d.selected);
  EXPECT_EQ(d.reason, "1 matching changed file");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].path, "deploy/run.sh");
  EXPECT_EQ(*d.files[0].rule, "glob *.sh");
  ASSERT_EQ(d.invocations.size(), 1u);
  EXPECT_EQ(d.invocations[0].argv,
            (Strings{"shellcheck", "--norc", "--format=json1", "--", "deploy/run.sh"}));
  EXPECT_EQ(d.invocations[0].cwd, repo.path());
  EXPECT_EQ(d.invocations[0].format, "shellcheck-json1");
  EXPECT_EQ(d.invocations[0].ok_exit_codes, (std::vector<int>{0, 1}));
  EXPECT_EQ(d.installed_path, bin.file("shellcheck"));
}

TEST_F(MakePlanTest, ExtensionlessScriptIsSelectedByItsShebang) {
  install({"shellcheck", "bandit"});
  change("bin/deploy", "#!/usr/bin/env bash\nset -e\n");
  change("bin/tool", "#!/usr/bin/python3.11 -u\n");
  change("bin/notes", "just text\n");
  Plan p = plan();
  EXPECT_EQ(*decision(p, "shellcheck").files.at(0).rule, "shebang bash");
  EXPECT_EQ(paths(decision(p, "shellcheck")), Strings{"bin/deploy"});
  EXPECT_EQ(*decision(p, "bandit").files.at(0).rule, "shebang python3.11");
  EXPECT_EQ(paths(decision(p, "bandit")), Strings{"bin/tool"});
}

TEST_F(MakePlanTest, FileNameStartingWithDashCanNeverBeAnOption) {
  install({"shellcheck", "cppcheck"});
  change("-rf.sh");
  change("-x.c");
  Plan p = plan();
  EXPECT_EQ(decision(p, "shellcheck").invocations.at(0).argv.back(), "./-rf.sh");
  EXPECT_EQ(decision(p, "shellcheck").files.at(0).path, "-rf.sh");
  EXPECT_EQ(decision(p, "cppcheck").invocations.at(0).argv.back(), "./-x.c");
}

TEST_F(MakePlanTest, DeletedSubmoduleAndSymlinkEntriesAreNeverPassed) {
  install({"shellcheck"});
  change("gone.sh", "", ChangeStatus::deleted);
  change("lib.sh").submodule = true;
  change("link.sh").symlink = true;
  change("kept.sh");
  Plan p = plan();
  EXPECT_EQ(paths(decision(p, "shellcheck")), Strings{"kept.sh"});
  EXPECT_EQ(p.notes, (Strings{"1 deleted path is never passed to scanners",
                              "1 submodule is never passed to scanners",
                              "1 symlink is never passed to scanners"}));
}

// Issue 13 item 4: one NUL byte must not hide a file from the secret scanner; code scanners still
// get no binary file (they would misparse it), and the plan says so.
TEST_F(MakePlanTest, SecretScannerGetsEveryFileBinaryOnesTooCodeScannersNone) {
  install({"secretlint", "eslint"});
  change("config/settings.ini");
  change("Makefile");
  change("logo.png").binary = true;
  change("app.js").binary = true;
  Plan p = plan();
  const ScannerDecision& d = decision(p, "secretlint");
  EXPECT_EQ(paths(d), (Strings{"Makefile", "app.js", "config/settings.ini", "logo.png"}));
  EXPECT_EQ(*d.files[0].rule, "glob *");
  EXPECT_FALSE(decision(p, "eslint").selected);
  EXPECT_EQ(p.notes, (Strings{"2 binary files are passed only to scanners that read any content "
                              "(secret scanners), not to code scanners"}));
}

TEST_F(MakePlanTest, BinaryFilesNoSecretScannerReadsAreReportedNotSecretScanned) {
  install({"eslint"});  // secretlint and gitleaks are not installed
  change("app.js").binary = true;
  change("b.js");
  std::ostringstream console;
  inputs.console = &console;
  Plan p = plan();
  std::string unscanned =
      "1 changed binary file not secret-scanned (no secret scanner that reads binary content "
      "runs on it): \"app.js\"";
  EXPECT_EQ(p.notes, (Strings{"1 binary file is passed only to scanners that read any content "
                              "(secret scanners), not to code scanners",
                              unscanned}));
  EXPECT_EQ(console.str(), "lamina: warning: " + unscanned + "\n");  // a scan's console
}

// Issue 14 item 9: a Git LFS pointer is not source; the plan explains where it went.
TEST_F(MakePlanTest, GitLfsPointerGoesOnlyToContentScannersAndThePlanSaysWhy) {
  install({"bandit", "secretlint"});
  change("model.py", "version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 1\n")
      .lfs_pointer = true;
  change("train.py");
  Plan p = plan();
  EXPECT_EQ(paths(decision(p, "bandit")), Strings{"train.py"});
  EXPECT_EQ(paths(decision(p, "secretlint")), (Strings{"model.py", "train.py"}));
  EXPECT_EQ(p.notes, (Strings{"1 Git LFS pointer file is passed only to scanners that read any "
                              "content (secret scanners), not to code scanners: the file's real "
                              "content is stored outside git, so a code scanner would read only "
                              "the pointer"}));
}

TEST_F(MakePlanTest, VendoredFoldersAreExcludedVisibly) {
  install({"eslint", "secretlint"});
  change("web/node_modules/left-pad/index.js");
  change("web/app.js");
  Plan p = plan();
  ASSERT_EQ(p.exclusions.size(), 1u);
  EXPECT_EQ(p.exclusions[0].path, "web/node_modules/left-pad/index.js");
  EXPECT_EQ(p.exclusions[0].rule,
            "node_modules/ (vendored or generated; default_excludes: false keeps it)");
  EXPECT_EQ(p.excluded, Strings{"web/node_modules/left-pad/index.js: " + p.exclusions[0].rule});
  EXPECT_EQ(paths(decision(p, "secretlint")), Strings{"web/app.js"});
}

TEST_F(MakePlanTest, DefaultExcludesFalseKeepsVendoredFiles) {
  install({"secretlint"});
  configure("default_excludes: false\n");
  change("vendor/lib.go");
  Plan p = plan();
  EXPECT_TRUE(p.exclusions.empty());
  EXPECT_EQ(paths(decision(p, "secretlint")), Strings{"vendor/lib.go"});
}

TEST_F(MakePlanTest, GitattributesLinguistGeneratedAndVendoredOfTheBaseCommitAreExcluded) {
  install({"secretlint"});
  test::git(repo.path(), {"init", "-q"});
  test::write_file(
      repo.file(".gitattributes"),
      "# generated code\napi/*.pb.go linguist-generated\nvendor/ours/** -linguist-vendored\n"
      "deps/** linguist-vendored=true\n");
  test::git(repo.path(), {"add", "-A"});
  test::git(repo.path(), {"commit", "-q", "-m", "base"});
  changes.base = test::git(repo.path(), {"rev-parse", "HEAD"});
  change("api/user.pb.go");
  change("deps/x.c");
  change("vendor/ours/keep.go");
  change("api/user.go");
  Plan p = plan();
  std::string at = ".gitattributes at " + changes.base.substr(0, 7);
  ASSERT_EQ(p.exclusions.size(), 2u);
  EXPECT_EQ(p.exclusions[0].path, "api/user.pb.go");
  EXPECT_EQ(p.exclusions[0].rule, "api/*.pb.go (" + at + ":2 linguist-generated)");
  EXPECT_EQ(p.exclusions[1].rule, "deps/** (" + at + ":4 linguist-vendored=true)");
  EXPECT_EQ(paths(decision(p, "secretlint")), (Strings{"api/user.go", "vendor/ours/keep.go"}));
}

// Issue 13 item 4: the change's own .gitattributes (`* linguist-generated`) excluded every file
// it added. Only the base commit's count.
TEST_F(MakePlanTest, TheChangesOwnGitattributesExcludeNothing) {
  install({"secretlint", "bandit"});
  test::git(repo.path(), {"init", "-q"});
  test::write_file(repo.file("README.md"), "base\n");
  test::git(repo.path(), {"add", "-A"});
  test::git(repo.path(), {"commit", "-q", "-m", "base"});
  changes.base = test::git(repo.path(), {"rev-parse", "HEAD"});
  change(".gitattributes", "* linguist-generated\n*.py -diff linguist-vendored\n* binary\n");
  change("app.py");
  test::git(repo.path(), {"add", "-A"});
  test::git(repo.path(), {"commit", "-q", "-m", "hide"});
  changes.head = test::git(repo.path(), {"rev-parse", "HEAD"});
  Plan p = plan();
  EXPECT_TRUE(p.exclusions.empty());
  EXPECT_EQ(paths(decision(p, "secretlint")), (Strings{".gitattributes", "app.py"}));
  EXPECT_EQ(paths(decision(p, "bandit")), Strings{"app.py"});
}

TEST_F(MakePlanTest, ConfiguredExcludeNamesItsOrigin) {
  install({"shellcheck"});
  configure("exclude: [\"legacy/**\"]\n");
  change("legacy/old.sh");
  Plan p = plan();
  ASSERT_EQ(p.exclusions.size(), 1u);
  EXPECT_EQ(p.exclusions[0].rule, "legacy/** (exclude in .lamina.yml:1:10)");
  EXPECT_EQ(decision(p, "shellcheck").reason, "no matching files");
}

TEST_F(MakePlanTest, ScannerExcludeDropsOnlyThatScannersFiles) {
  install({"shellcheck", "secretlint"});
  configure("scanners:\n  shellcheck:\n    exclude: [\"tests/**\"]\n");
  change("tests/t.sh");
  Plan p = plan();
  EXPECT_FALSE(decision(p, "shellcheck").selected);
  EXPECT_EQ(paths(decision(p, "secretlint")), Strings{"tests/t.sh"});
}

TEST_F(MakePlanTest, DisabledScannerSaysWhichLineDisabledIt) {
  install({"bandit"});
  configure("jobs: 2\nscanners:\n  bandit:\n    enabled: false\n");
  change("app.py");
  Plan p = plan();
  EXPECT_FALSE(decision(p, "bandit").selected);
  EXPECT_EQ(decision(p, "bandit").reason, "disabled by .lamina.yml line 4");
  EXPECT_TRUE(decision(p, "bandit").files.empty());
}

TEST_F(MakePlanTest, OptionalScannerNotInstalledIsSkippedWithItsInstallHint) {
  change("run.sh");
  Plan p = plan();
  const ScannerDecision& d = decision(p, "shellcheck");
  EXPECT_FALSE(d.selected);
  EXPECT_FALSE(d.installed);
  EXPECT_EQ(d.reason,
            "not installed (shellcheck not on PATH); install: apt-get install shellcheck");
  EXPECT_TRUE(d.invocations.empty());
  EXPECT_EQ(paths(d), Strings{"run.sh"});
}

TEST_F(MakePlanTest, RequiredScannerNotInstalledStaysSelectedSoTheRunFails) {
  change("run.sh");
  Plan p = plan();
  const ScannerDecision& d = decision(p, "secretlint");
  EXPECT_TRUE(d.selected);
  EXPECT_TRUE(d.required);
  EXPECT_FALSE(d.installed);
  EXPECT_TRUE(
      d.reason.starts_with("required but not installed (secretlint not on PATH); install: npm"))
      << d.reason;
  EXPECT_EQ(d.invocations.size(), 1u);
}

TEST_F(MakePlanTest, ProjectScopeRunsOncePerNearestRootFromThatRoot) {
  install({"eslint"});
  change("web/package.json", "{}\n");
  change("web/src/a.js");
  change("api/package.json", "{}\n");
  change("api/b.js");
  change("api/sub/package.json", "{}\n");
  change("api/sub/c.mjs");
  change("tools/d.js");  // no package.json above it
  Plan p = plan();
  const ScannerDecision& d = decision(p, "eslint");
  EXPECT_TRUE(d.selected);
  EXPECT_EQ(d.reason, "3 matching changed files in 3 projects");
  EXPECT_EQ(paths(d), (Strings{"api/b.js", "api/sub/c.mjs", "web/src/a.js"}));
  EXPECT_EQ(*d.files[2].rule, "glob *.js, marker web/package.json");
  ASSERT_EQ(d.invocations.size(), 3u);
  EXPECT_EQ(d.invocations[0].cwd, repo.file("api"));
  EXPECT_EQ(d.invocations[0].argv.back(), "b.js");
  EXPECT_EQ(d.invocations[1].cwd, repo.file("api/sub"));
  EXPECT_EQ(d.invocations[1].argv.back(), "c.mjs");
  EXPECT_EQ(d.invocations[2].cwd, repo.file("web"));
  EXPECT_EQ(d.invocations[2].argv.back(), "src/a.js");
  EXPECT_EQ(d.invocations[2].files, Views{"web/src/a.js"});
  EXPECT_EQ(d.invocations[2].env_passthrough, Strings{"NODE_PATH"});
}

TEST_F(MakePlanTest, ProjectScopeWithoutAnyMarkerDoesNotRun) {
  install({"eslint"});
  change("static/site.js");
  Plan p = plan();
  EXPECT_FALSE(decision(p, "eslint").selected);
  EXPECT_EQ(decision(p, "eslint").reason, "no matching file has package.json in a folder above it");
}

TEST_F(MakePlanTest, RepoScopeDependencyScannerRunsWhenALockfileChanged) {
  install({"osv-scanner"});
  change("services/api/package-lock.json", "{}\n");
  Plan p = plan();
  const ScannerDecision& d = decision(p, "osv-scanner");
  EXPECT_TRUE(d.selected);
  EXPECT_EQ(d.reason, "1 matching changed file; scans the repository once");
  ASSERT_EQ(d.invocations.size(), 1u);
  EXPECT_EQ(d.invocations[0].argv, (Strings{"osv-scanner", "scan", "source", "--format", "sarif",
                                            "--recursive", repo.path()}));
}

TEST_F(MakePlanTest, NothingMatchingMeansNoMatchingFiles) {
  install({"bandit"});
  change("docs/guide.md");
  EXPECT_EQ(decision(plan(), "bandit").reason, "no matching files");
}

TEST_F(MakePlanTest, LongFileListsAreSplitUnderTheArgumentLimit) {
  install({"shellcheck"});
  for (int i = 0; i < 40; ++i) change("scripts/script_number_" + std::to_string(100 + i) + ".sh");
  inputs.arg_space = 600;
  Plan p = plan();
  const ScannerDecision& d = decision(p, "shellcheck");
  ASSERT_GT(d.invocations.size(), 1u);
  Strings covered;
  for (const Invocation& inv : d.invocations) {
    size_t bytes = 0;
    for (const std::string& arg : inv.argv) bytes += arg.size() + 1 + sizeof(char*);
    EXPECT_LE(bytes, 600u);
    EXPECT_EQ(Strings(inv.argv.begin(), inv.argv.begin() + 4),
              (Strings{"shellcheck", "--norc", "--format=json1", "--"}));
    covered.insert(covered.end(), inv.files.begin(), inv.files.end());
  }
  EXPECT_EQ(covered, paths(d));
}

TEST_F(MakePlanTest, ExtraArgsGoBeforeThePositionalArguments) {
  install({"shellcheck"});
  configure("scanners:\n  shellcheck:\n    args: [--severity, warning]\n");
  change("a.sh");
  EXPECT_EQ(
      decision(plan(), "shellcheck").invocations.at(0).argv,
      (Strings{"shellcheck", "--norc", "--format=json1", "--severity", "warning", "--", "a.sh"}));
}

TEST_F(MakePlanTest, TimeoutPrecedenceScannerConfigThenGlobalThenCatalog) {
  install({"shellcheck", "bandit", "yamllint"});
  SettingFlags options;
  options.timeout = "45s";
  configure("scanners:\n  bandit:\n    timeout: 7s\n", options);
  change("a.sh");
  change("a.py");
  Plan p = plan();
  EXPECT_EQ(decision(p, "bandit").invocations.at(0).timeout, std::chrono::seconds(7));
  EXPECT_EQ(decision(p, "shellcheck").invocations.at(0).timeout, std::chrono::seconds(45));
  configure("");
  EXPECT_EQ(decision(plan(), "shellcheck").invocations.at(0).timeout, std::chrono::minutes(2));
}

TEST_F(MakePlanTest, ArtifactScannersRunOncePerArtifact) {
  install({"clamscan"});
  inputs.artifacts = {"dist/app.tar", "-odd.bin"};
  Plan p = plan(Layer::pre_deploy);
  const ScannerDecision& d = decision(p, "clamscan");
  EXPECT_TRUE(d.selected);
  EXPECT_EQ(d.reason, "2 artifacts: dist/app.tar; -odd.bin");
  ASSERT_EQ(d.invocations.size(), 2u);
  EXPECT_EQ(d.invocations[0].argv,
            (Strings{"clamscan", "--infected", "--recursive", "--", "dist/app.tar"}));
  EXPECT_EQ(d.invocations[1].argv.back(), "./-odd.bin");
  EXPECT_TRUE(d.invocations[0].files.empty());  // the artifact is not a changed file
  EXPECT_EQ(d.invocations[1].artifact, 1u);
}

TEST_F(MakePlanTest, BoundArtifactsGiveTheUnpackedTreeAsTheArgument) {
  install({"clamscan"});
  inputs.artifacts = {"dist/app.tar"};
  inputs.artifact_arguments = {"/tmp/lamina-artifact-x1"};
  inputs.artifact_descriptions = {"archive, unpacked before scanning"};
  Plan p = plan(Layer::pre_deploy);
  const ScannerDecision& d = decision(p, "clamscan");
  EXPECT_EQ(d.reason, "1 artifact: dist/app.tar (archive, unpacked before scanning)");
  EXPECT_EQ(d.invocations.at(0).argv.back(), "/tmp/lamina-artifact-x1");
  EXPECT_EQ(d.invocations.at(0).artifact, 0u);
}

TEST_F(MakePlanTest, ArtifactScannerWithoutArtifactSaysSo) {
  install({"clamscan"});
  EXPECT_EQ(decision(plan(Layer::pre_deploy), "clamscan").reason, "no artifact given (--artifact)");
}

TEST_F(MakePlanTest, UrlScannerTargetsTheUrlAndReadsItsReportFromOut) {
  install({"wapiti"});
  inputs.target_url = "http://127.0.0.1:8080/app/";
  Plan p = plan(Layer::post_deploy);
  const ScannerDecision& d = decision(p, "wapiti");
  EXPECT_EQ(d.reason, "target http://127.0.0.1:8080/app/");
  const Strings& argv = d.invocations.at(0).argv;
  EXPECT_EQ(Strings(argv.begin(), argv.begin() + 3),
            (Strings{"wapiti", "-u", "http://127.0.0.1:8080/app/"}));
  EXPECT_EQ(argv.back(), "{out}");
  EXPECT_EQ(d.invocations[0].output_from, OutputSource::out_file);
}

TEST_F(MakePlanTest, PlanListsOnlyTheLayersScanners) {
  Plan p = plan(Layer::post_deploy);
  Strings ids;
  for (const ScannerDecision& d : p.scanners) ids.push_back(d.scanner_id);
  EXPECT_EQ(ids, (Strings{"wapiti", "zap-baseline", "nuclei"}));
}

// A large change is decided on several threads; the plan is the one a single thread makes.
TEST_F(MakePlanTest, ThreadsDecideALargeChangeExactlyAsOneThreadDoes) {
  install({"shellcheck", "bandit", "cppcheck", "flawfinder", "yamllint", "secretlint"});
  const char* names[] = {"run.sh", "app.py", "main.c", "values.yaml", "README.md", "-dash.sh"};
  for (int i = 0; i < 60000; ++i) {
    FileChange& file = changes.files.emplace_back();  // not on disk: no shebang or marker read
    file.path = "svc" + std::to_string(i % 97) + "/f" + std::to_string(i) + "_" + names[i % 6];
    file.status = ChangeStatus::added;
  }
  inputs.arg_space = 20000;  // many batches per scanner
  inputs.max_threads = 1;
  Plan one = plan();
  inputs.max_threads = 4;
  Plan four = plan();
  ASSERT_EQ(one.scanners.size(), four.scanners.size());
  size_t invocations = 0;
  for (size_t i = 0; i < one.scanners.size(); ++i) {
    const ScannerDecision &a = one.scanners[i], &b = four.scanners[i];
    EXPECT_EQ(a.scanner_id, b.scanner_id);
    EXPECT_EQ(a.selected, b.selected) << a.scanner_id;
    EXPECT_EQ(a.reason, b.reason) << a.scanner_id;
    EXPECT_EQ(paths(a), paths(b)) << a.scanner_id;
    ASSERT_EQ(a.invocations.size(), b.invocations.size()) << a.scanner_id;
    for (size_t k = 0; k < a.invocations.size(); ++k) {
      EXPECT_EQ(a.invocations[k].argv, b.invocations[k].argv) << a.scanner_id << " #" << k;
      EXPECT_EQ(a.invocations[k].files, b.invocations[k].files) << a.scanner_id << " #" << k;
    }
    invocations += a.invocations.size();
  }
  EXPECT_EQ(paths(decision(four, "shellcheck")).size(), 20000u);
  EXPECT_EQ(decision(four, "shellcheck").reason, "20000 matching changed files");
  EXPECT_GT(invocations, 20u);
}

}  // namespace
}  // namespace lamina
