// Every action, workflow and GitLab template the project ships, checked by the validators the
// platforms' own tooling uses: SchemaStore's JSON schemas, GitLab's CI schema and action-validator.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "test_support.h"
#include "util/file_io.h"

namespace lamina {
namespace {

bool executable(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0;
}

// Converts YAML document `index` of `yaml_file` to JSON with Debian's python3-yaml.
std::string to_json(const test::TempDir& dir, const std::string& yaml_file, int index) {
  std::string out = dir.file("doc.json");
  test::ProcessOutput r =
      test::run({"/usr/bin/python3", test::source_path("tests/integrations/yaml_to_json.py"),
                 test::source_path(yaml_file), std::to_string(index), out});
  EXPECT_EQ(r.exit_code, 0) << yaml_file << ": " << r.err;
  return out;
}

test::ProcessOutput validate(const std::string& schema, const std::string& json) {
  return test::run({"/usr/bin/python3", test::source_path("tests/tools/validate_json_schema.py"),
                    test::data_path("schemas/" + schema), json});
}

test::ProcessOutput action_validator(const std::string& file) {
  return test::run({test::source_path("node_modules/.bin/action-validator"), file});
}

void require_tools() {
  if (test::run({"/usr/bin/python3", "-c", "import yaml, jsonschema"}).exit_code != 0)
    GTEST_SKIP() << "python3-yaml or python3-jsonschema missing: run scripts/bootstrap --test";
}

void require_action_validator() {
  if (!executable(test::source_path("node_modules/.bin/action-validator")))
    GTEST_SKIP() << "@action-validator/cli missing: run npm ci";
}

class ActionFile : public ::testing::TestWithParam<std::string> {};

TEST_P(ActionFile, MatchesTheActionSchema) {
  require_tools();
  test::TempDir dir;
  test::ProcessOutput r = validate("schemastore-github-action.json", to_json(dir, GetParam(), 0));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_P(ActionFile, PassesActionValidator) {
  require_action_validator();
  test::ProcessOutput r = action_validator(test::source_path(GetParam()));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(Integrations, ActionFile,
                         ::testing::Values("action.yml", "actions/inline/action.yml",
                                           "actions/pre-deploy/action.yml",
                                           "actions/post-deploy/action.yml",
                                           "actions/continuous/action.yml",
                                           "actions/setup/action.yml"));

class WorkflowFile : public ::testing::TestWithParam<std::string> {};

TEST_P(WorkflowFile, MatchesTheWorkflowSchema) {
  require_tools();
  test::TempDir dir;
  test::ProcessOutput r = validate("schemastore-github-workflow.json", to_json(dir, GetParam(), 0));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_P(WorkflowFile, PassesActionValidator) {
  require_action_validator();
  std::string file = test::source_path(GetParam());
  // action-validator 0.6.0's schema predates the `attestations` permission that
  // actions/attest-build-provenance needs (SchemaStore's, checked above, has it): that one line
  // is left out of the copy it validates, and everything else is checked as written.
  test::TempDir dir;
  std::string text = *read_file(file);
  const std::string line = "      attestations: write\n";
  if (size_t at = text.find(line); at != std::string::npos) {
    text.erase(at, line.size());
    file = dir.file("workflow.yml");
    test::write_file(file, text);
  }
  test::ProcessOutput r = action_validator(file);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Integrations, WorkflowFile,
    ::testing::Values("examples/github/pr-gate.yml", "examples/github/pre-deploy.yml",
                      "examples/github/post-deploy.yml", "examples/github/nightly-continuous.yml",
                      "examples/github/pr-gate-forks.yml", "examples/github/lamina-publish.yml",
                      "examples/github/sharded.yml", ".github/workflows/ci.yml",
                      ".github/workflows/release.yml", ".github/workflows/lamina.yml"));

// Templates are two YAML documents: the `spec:` header, then the jobs. Both must satisfy the
// schema.
class GitlabTemplate : public ::testing::TestWithParam<std::string> {};

TEST_P(GitlabTemplate, HeaderAndJobsMatchTheGitlabCiSchema) {
  require_tools();
  for (int doc : {0, 1}) {
    test::TempDir dir;
    test::ProcessOutput r = validate("gitlab-ci.json", to_json(dir, GetParam(), doc));
    EXPECT_EQ(r.exit_code, 0) << GetParam() << " document " << doc << ": " << r.out << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Integrations, GitlabTemplate,
                         ::testing::Values("gitlab-templates/lamina-inline.yml",
                                           "gitlab-templates/lamina-pre-deploy.yml",
                                           "gitlab-templates/lamina-post-deploy.yml",
                                           "gitlab-templates/lamina-continuous.yml",
                                           "gitlab-templates/lamina-sharded.yml"));

TEST(IntegrationsGitlabExample, MatchesTheGitlabCiSchema) {
  require_tools();
  test::TempDir dir;
  test::ProcessOutput r =
      validate("gitlab-ci.json", to_json(dir, "examples/gitlab/.gitlab-ci.yml", 0));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// The validators must be able to say no, or the tests above prove nothing.
TEST(IntegrationsValidators, RejectAnActionWithoutRuns) {
  require_tools();
  require_action_validator();
  test::TempDir dir;
  test::write_file(dir.file("action.yml"), "name: x\ndescription: y\n");
  test::write_file(dir.file("action.json"), R"({"name": "x", "description": "y"})");
  EXPECT_NE(action_validator(dir.file("action.yml")).exit_code, 0);
  EXPECT_EQ(validate("schemastore-github-action.json", dir.file("action.json")).exit_code, 1);
}

TEST(IntegrationsValidators, KeepTheWorkflowKeyOnAsAString) {
  require_tools();
  test::TempDir dir;
  test::write_file(dir.file("w.yml"), "on: push\njobs: {}\n");
  test::ProcessOutput r =
      test::run({"/usr/bin/python3", test::source_path("tests/integrations/yaml_to_json.py"),
                 dir.file("w.yml"), "0", dir.file("w.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::run({"cat", dir.file("w.json")}).out, R"({"on": "push", "jobs": {}})");
}

TEST(IntegrationsPreCommit, HookManifestPassesPreCommitsValidator) {
  if (test::run({"pre-commit", "--version"}).exit_code != 0)
    GTEST_SKIP() << "pre-commit missing: run scripts/bootstrap --test";
  test::ProcessOutput r =
      test::run({"pre-commit", "validate-manifest", test::source_path(".pre-commit-hooks.yaml")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace lamina
