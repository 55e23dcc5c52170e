// Runs the inline GitLab template's job for real with gitlab-ci-local (shell executor) on a merge
// request of a repository the test makes, with the built lamina first on PATH.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "test_support.h"

namespace lamina {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string directory_of(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}

std::string read_text(const std::string& path) {
  return test::run({"cat", path}).out;
}

class IntegrationsGitlabCiLocal : public ::testing::Test {
 protected:
  void SetUp() override {
    tool = test::source_path("node_modules/.bin/gitlab-ci-local");
    if (::access(tool.c_str(), X_OK) != 0) GTEST_SKIP() << "gitlab-ci-local missing: run npm ci";
    if (test::run({"rsync", "--version"}).exit_code != 0)
      GTEST_SKIP() << "rsync missing (gitlab-ci-local needs it): run scripts/bootstrap --test";
    if (test::run({"shellcheck", "--version"}).exit_code != 0)
      GTEST_SKIP() << "shellcheck missing: run scripts/bootstrap";
    const std::string template_text =
        read_text(test::source_path("gitlab-templates/lamina-inline.yml"));
    test::write_file(repo.file("templates/lamina-inline.yml"), template_text);
    test::write_file(repo.file(".gitlab-ci.yml"),
                     "include:\n  - local: /templates/lamina-inline.yml\n"
                     "    inputs:\n      fail_on: sev3\n");
    test::write_file(repo.file("ok.sh"), "#!/bin/sh\necho hello\n");
    test::git(repo.path(), {"init", "-q", "-b", "main"});
    test::git(repo.path(), {"add", "-A"});
    test::git(repo.path(), {"commit", "-q", "-m", "base"});
    base = test::git(repo.path(), {"rev-parse", "HEAD"});
  }

  // The merge request adds `script` as bad.sh; the job runs as a merge request pipeline.
  test::ProcessOutput run_merge_request(const std::string& script) {
    test::write_file(repo.file("bad.sh"), script);
    test::git(repo.path(), {"add", "bad.sh"});
    test::git(repo.path(), {"commit", "-q", "-m", "add bad.sh"});
    const std::string path = directory_of(test::lamina_binary()) + ":" +
                             test::source_path("node_modules/.bin") + ":" + std::getenv("PATH");
    return test::run(
        {tool, "--force-shell-executor", "--variable", "GITLAB_CI=true", "--variable",
         "CI_PROJECT_DIR=" + repo.path(), "--variable", "CI_PIPELINE_SOURCE=merge_request_event",
         "--variable", "CI_MERGE_REQUEST_IID=1", "--variable",
         "CI_MERGE_REQUEST_DIFF_BASE_SHA=" + base, "lamina-inline"},
        repo.path(), {"PATH=" + path, "HOME=" + repo.path()});
  }

  std::string log() { return read_text(repo.file(".gitlab-ci-local/output/lamina-inline.log")); }

  test::TempDir repo;
  std::string tool;
  std::string base;
};

TEST_F(IntegrationsGitlabCiLocal, JobFailsOnAShellcheckFindingInTheMergeRequest) {
  test::ProcessOutput r = run_merge_request("#!/bin/sh\nrm -rf $1/*\n");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(log().find("bad.sh:2:8: sev3 [shellcheck/SC2086]"), std::string::npos) << log();
  EXPECT_NE(log().find("exit code 1: the gate failed"), std::string::npos) << log();
}

TEST_F(IntegrationsGitlabCiLocal, JobExportsEveryReportArtifactWhenTheGateFails) {
  run_merge_request("#!/bin/sh\nrm -rf $1/*\n");
  const std::string artifacts = repo.file(".gitlab-ci-local/artifacts/lamina-inline/lamina-out/");
  for (const char* name :
       {"lamina.sarif", "gl-code-quality-report.json", "gl-sast-report.json",
        "gl-secret-detection-report.json", "gl-dependency-scanning-report.json"}) {
    EXPECT_TRUE(exists(artifacts + name)) << name;
  }
}

TEST_F(IntegrationsGitlabCiLocal, JobPassesOnACleanMergeRequest) {
  test::ProcessOutput r = run_merge_request("#!/bin/sh\nrm -rf \"${1:?}\"/tmp\n");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << log();
  EXPECT_NE(log().find("exit code 0: passed"), std::string::npos) << log();
}

}  // namespace
}  // namespace lamina
