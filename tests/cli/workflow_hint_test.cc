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

}  // namespace
}  // namespace lamina
