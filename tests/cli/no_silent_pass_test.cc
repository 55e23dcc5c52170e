// No silent pass: a layer without the input it exists for is a usage error, and a changed file
// that a kind of check did not reach is said on the console, in the summary and in SARIF.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "util/file_io.h"
#include "util/spawn.h"

namespace lamina {
namespace {

struct Repo {
  test::TempDir dir;
  // secretlint is required by default (a missing one fails the scan); switched off here, so no
  // check of its kind is reported missing.
  std::string config = dir.file("lamina.yml");
  std::string repo = dir.file("repo");
  std::string bin = dir.file("bin");  // PATH with git only: no scanner is installed
  Repo() {
    test::git(dir.path(), {"init", "-q", repo});
    test::write_file(repo + "/README.md", "hello\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "base"});
    test::write_file(repo + "/package-lock.json", "{\"lockfileVersion\": 3}\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "add a lockfile"});
    ::mkdir(bin.c_str(), 0755);
    std::string git = find_executable("git", std::getenv("PATH"));
    EXPECT_EQ(::symlink(git.c_str(), (bin + "/git").c_str()), 0);
    test::write_file(config, "scanners:\n  secretlint: {enabled: false}\n");
  }
  std::vector<std::string> env() const {
    return {"PATH=" + bin,
            "HOME=" + dir.path(),
            "GITHUB_STEP_SUMMARY=" + dir.file("summary.md"),
            "GITHUB_ACTIONS=true",
            "GITHUB_EVENT_NAME=workflow_dispatch",
            "GITHUB_WORKSPACE=" + repo,
            "GITHUB_SHA=" + test::git(repo, {"rev-parse", "HEAD"}),
            "GITHUB_REPOSITORY=o/r"};
  }
};

TEST(NoSilentPass, PreDeployWithoutArtifactIsAUsageError) {
  Repo r;
  test::ProcessOutput out = test::run_lamina(
      {"scan", "--layer", "pre-deploy", "--base", "HEAD~1", "--out", r.dir.file("out")}, r.repo,
      r.env());
  EXPECT_EQ(out.exit_code, 2) << out.err;
  EXPECT_NE(out.err.find("--layer pre-deploy scans build artifacts, and no --artifact was given: "
                         "pass --artifact PATH"),
            std::string::npos)
      << out.err;
  EXPECT_NE(::access(r.dir.file("out/lamina.sarif").c_str(), F_OK), 0)
      << "no report that looks complete";
}

TEST(NoSilentPass, PostDeployWithoutTargetUrlIsAUsageError) {
  Repo r;
  test::ProcessOutput out = test::run_lamina(
      {"scan", "--layer", "post-deploy", "--base", "HEAD~1", "--out", r.dir.file("out")}, r.repo,
      r.env());
  EXPECT_EQ(out.exit_code, 2) << out.err;
  EXPECT_NE(out.err.find("no --target-url was given: pass --target-url"), std::string::npos)
      << out.err;
  EXPECT_NE(::access(r.dir.file("out/lamina.sarif").c_str(), F_OK), 0);
}

TEST(NoSilentPass, ChangedLockfileNoScannerCanCheckIsNotCoveredEverywhere) {
  Repo r;
  test::ProcessOutput out = test::run_lamina(
      {"scan", "--config", r.config, "--base", "HEAD~1", "--out", r.dir.file("out")}, r.repo,
      r.env());
  ASSERT_EQ(out.exit_code, 0) << out.err;
  const std::string line =
      "not covered: 1 changed package-lock.json (package-lock.json) had no dependency check: no "
      "scanner installed: osv-scanner (install: go install "
      "github.com/google/osv-scanner/v2/cmd/osv-scanner@latest); trivy-fs (install: curl "
      "-sfL https://raw.githubusercontent.com/aquasecurity/trivy/main/contrib/install.sh | sh -s "
      "-- -b /usr/local/bin)";
  std::string console = out.out + out.err;
  EXPECT_NE(console.find(line), std::string::npos) << console;
  EXPECT_NE(console.find("1 changed file(s) not covered by some kind of check"), std::string::npos)
      << console;
  std::string summary = read_file(r.dir.file("summary.md")).value_or("");
  EXPECT_NE(
      summary.find(
          "> ⚠️ not covered\\: 1 changed package\\-lock\\.json \\(package\\-lock\\.json\\) "
          "had no dependency check\\: no scanner installed\\: osv\\-scanner \\(install\\: "
          "go install"),
      std::string::npos)
      << summary;
  nlohmann::json sarif =
      nlohmann::json::parse(read_file(r.dir.file("out/lamina.sarif")).value_or("{}"));
  bool in_sarif = false;
  for (const auto& run : sarif["runs"]) {
    for (const auto& inv : run["invocations"]) {
      for (const auto& n : inv.value("toolExecutionNotifications", nlohmann::json::array()))
        in_sarif = in_sarif || n["message"]["text"] == line;
    }
  }
  EXPECT_TRUE(in_sarif) << sarif.dump(1);
}

}  // namespace
}  // namespace lamina
