// Which lamina jobs each kind of GitLab pipeline gets, as gitlab-ci-local evaluates the templates'
// `rules:` (the four templates included together, as in examples/gitlab/.gitlab-ci.yml).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace lamina {
namespace {

using Jobs = std::vector<std::string>;

class IntegrationsGitlabRules : public ::testing::Test {
 protected:
  void SetUp() override {
    tool = test::source_path("node_modules/.bin/gitlab-ci-local");
    if (::access(tool.c_str(), X_OK) != 0) GTEST_SKIP() << "gitlab-ci-local missing: run npm ci";
    std::string ci = "include:\n";
    for (const char* layer : {"inline", "pre-deploy", "post-deploy", "continuous"}) {
      const std::string name = std::string("lamina-") + layer + ".yml";
      test::write_file(repo.file("templates/" + name),
                       test::run({"cat", test::source_path("gitlab-templates/" + name)}).out);
      ci += "  - local: /templates/" + name + "\n";
      if (std::string(layer) == "post-deploy")
        ci += "    inputs:\n      target_url: https://staging.example.com\n";
    }
    test::write_file(repo.file(".gitlab-ci.yml"), ci);
    test::git(repo.path(), {"init", "-q", "-b", "main"});
    test::git(repo.path(), {"add", "-A"});
    test::git(repo.path(), {"commit", "-q", "-m", "pipeline"});
  }

  // The jobs that run (when != never) with the predefined variables set to `variables`.
  Jobs jobs_for(const std::vector<std::pair<std::string, std::string>>& variables) {
    std::vector<std::string> argv{tool, "--list-json"};
    std::string names;
    for (const auto& [name, value] : variables) {
      argv.insert(argv.end(), {"--variable", name + "=" + value});
      names += (names.empty() ? "" : ",") + name;
    }
    argv.insert(argv.end(), {"--ignore-predefined-vars", names});
    test::ProcessOutput r = test::run(
        argv, repo.path(), {"PATH=" + std::string(std::getenv("PATH")), "HOME=" + repo.path()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    // Progress lines come before the JSON array on stdout.
    const size_t start = r.out.rfind("\n[") == std::string::npos ? 0 : r.out.rfind("\n[") + 1;
    Jobs running;
    for (const auto& job : nlohmann::json::parse(r.out.substr(start)))
      if (job.at("when") != "never") running.push_back(job.at("name"));
    return running;
  }

  test::TempDir repo;
  std::string tool;
};

TEST_F(IntegrationsGitlabRules, FeatureBranchPushRunsOnlyInline) {
  EXPECT_EQ(jobs_for({{"CI_PIPELINE_SOURCE", "push"}, {"CI_COMMIT_BRANCH", "feature"}}),
            Jobs{"lamina-inline"});
}

TEST_F(IntegrationsGitlabRules, MergeRequestRunsInlineAndPreDeploy) {
  EXPECT_EQ(jobs_for({{"CI_PIPELINE_SOURCE", "merge_request_event"}, {"CI_COMMIT_BRANCH", ""}}),
            (Jobs{"lamina-inline", "lamina-pre-deploy"}));
}

TEST_F(IntegrationsGitlabRules, DefaultBranchPushRunsEveryLayerButContinuous) {
  EXPECT_EQ(jobs_for({{"CI_PIPELINE_SOURCE", "push"}, {"CI_COMMIT_BRANCH", "main"}}),
            (Jobs{"lamina-inline", "lamina-pre-deploy", "lamina-post-deploy"}));
}

TEST_F(IntegrationsGitlabRules, ScheduleRunsOnlyContinuous) {
  EXPECT_EQ(jobs_for({{"CI_PIPELINE_SOURCE", "schedule"}, {"CI_COMMIT_BRANCH", "main"}}),
            Jobs{"lamina-continuous"});
}

TEST_F(IntegrationsGitlabRules, TagRunsPreDeployAndPostDeploy) {
  EXPECT_EQ(
      jobs_for(
          {{"CI_PIPELINE_SOURCE", "push"}, {"CI_COMMIT_BRANCH", ""}, {"CI_COMMIT_TAG", "v1.0.0"}}),
      (Jobs{"lamina-pre-deploy", "lamina-post-deploy"}));
}

}  // namespace
}  // namespace lamina
