#include "cli/workflow_hint.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(WorkflowHint, OutsideCiIsEmpty) {
  EXPECT_EQ(workflow_hint({{"CI", "true"}}, WorkflowFix::checkout), "");
}

TEST(WorkflowHint, GithubNamesTheCheckoutStep) {
  std::string hint = workflow_hint({{"GITHUB_ACTIONS", "true"}}, WorkflowFix::checkout);
  EXPECT_EQ(hint.rfind("; in the workflow file, ", 0), 0u);
  EXPECT_NE(hint.find("- uses: actions/checkout@v4"), std::string::npos);
}

TEST(WorkflowHint, GithubNamesTheActionInput) {
  EXPECT_NE(workflow_hint({{"GITHUB_ACTIONS", "true"}}, WorkflowFix::layer).find("`with: layer:`"),
            std::string::npos);
  EXPECT_NE(
      workflow_hint({{"GITHUB_ACTIONS", "true"}}, WorkflowFix::report_dir).find("`with: out:`"),
      std::string::npos);
}

TEST(WorkflowHint, GitlabNamesGitlabCiYml) {
  std::string hint = workflow_hint({{"GITLAB_CI", "true"}}, WorkflowFix::checkout);
  EXPECT_EQ(hint.rfind("; in .gitlab-ci.yml, ", 0), 0u);
  EXPECT_NE(hint.find("GIT_STRATEGY: none"), std::string::npos);
}

TEST(InputHint, GithubNamesTheStepsWithInput) {
  EnvMap gh{{"GITHUB_ACTIONS", "true"}};
  EXPECT_EQ(input_hint(gh, "--fail-on: expected sev1 | sev2 | sev3 | never, got: \"high\""),
            "; in the workflow file, fix the lamina step's `with: fail-on:`");
  EXPECT_EQ(input_hint(gh, "--config-from \"head\": expected worktree, base or auto"),
            "; in the workflow file, fix the lamina step's `with: config-from:`");
  EXPECT_EQ(input_hint(gh, "--config: cannot read x.yml"),
            "; in the workflow file, fix the lamina step's `with: config:`");
  EXPECT_EQ(input_hint(gh, ".lamina.yml:3:10: fail_on: expected sev1"), "");
  EXPECT_EQ(input_hint(gh, "LAMINA_FAIL_ON: expected sev1"), "");
}

TEST(InputHint, GitlabNamesTheIncludesInputOrItsArgs) {
  EnvMap gl{{"GITLAB_CI", "true"}};
  EXPECT_EQ(input_hint(gl, "--filter: expected added | context | file | all, got: \"x\""),
            "; in .gitlab-ci.yml, fix the lamina include's `inputs: filter:`");
  EXPECT_EQ(input_hint(gl, "--jobs: not a number of jobs from 1 to 1024: \"abc\""),
            "; in .gitlab-ci.yml, fix --jobs in the lamina include's `inputs: args:` or the job's "
            "script");
}

TEST(InputHint, NothingOutsideCi) {
  EXPECT_EQ(input_hint({}, "--fail-on: expected sev1 | sev2 | sev3 | never, got: \"high\""), "");
}

}  // namespace
}  // namespace lamina
