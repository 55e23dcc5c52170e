// Runs the root action's container command the way the runner does: the image's entrypoint
// (lamina) with runs.args of action.yml, and each input as an INPUT_<NAME> variable holding the
// `with:` value or the input's default. No shell is involved anywhere.
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace lamina {
namespace {

YAML::Node action_yml() {
  return YAML::LoadFile(test::source_path("action.yml"));
}

class IntegrationsActionEntrypoint : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_file(repo.file("ok.sh"), "#!/bin/sh\necho hello\n");
    test::git(repo.path(), {"init", "-q", "-b", "main"});
    test::git(repo.path(), {"add", "-A"});
    test::git(repo.path(), {"commit", "-q", "-m", "base"});
  }
  // The runner's view: every declared input set, `with:` values over defaults; `${{ }}`
  // defaults (the token) are expressions the runner evaluates, here "".
  test::ProcessOutput run_action(const std::map<std::string, std::string>& with) {
    YAML::Node action = action_yml();
    std::string lamina_dir = test::lamina_binary();
    lamina_dir.resize(lamina_dir.rfind('/'));
    std::vector<std::string> env{"PATH=" + lamina_dir + ":" +
                                     test::source_path("node_modules/.bin") + ":" +
                                     std::getenv("PATH"),
                                 "HOME=" + repo.path()};
    for (const auto& input : action["inputs"]) {
      std::string name = input.first.as<std::string>();
      std::string value = input.second["default"] ? input.second["default"].as<std::string>() : "";
      if (value.find("${{") != std::string::npos) value = "";
      if (auto given = with.find(name); given != with.end()) value = given->second;
      std::transform(name.begin(), name.end(), name.begin(), ::toupper);
      env.push_back("INPUT_" + name + "=" + value);
    }
    for (const auto& [name, value] : with)
      EXPECT_TRUE(action["inputs"][name]) << "action.yml has no input " << name;
    std::vector<std::string> argv{test::lamina_binary()};
    for (const auto& arg : action["runs"]["args"]) argv.push_back(arg.as<std::string>());
    return test::run(argv, repo.path(), env);
  }
  test::TempDir repo;
};

TEST_F(IntegrationsActionEntrypoint, TheContainerRunsLaminaActionWithNoShell) {
  YAML::Node runs = action_yml()["runs"];
  EXPECT_FALSE(runs["entrypoint"]) << "an entrypoint override would replace lamina (e.g. a shell)";
  ASSERT_TRUE(runs["args"].IsSequence());
  for (const auto& arg : runs["args"])
    EXPECT_EQ(arg.as<std::string>().find("${{"), std::string::npos)
        << "inputs must arrive as INPUT_* variables, never inside args";
}

TEST_F(IntegrationsActionEntrypoint, UnknownLayerInputExitsTwoNamingTheFlagAndTheChoices) {
  test::ProcessOutput r = run_action({{"layer", "nightly"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(
      r.err.find("--layer \"nightly\": expected inline, pre-deploy, post-deploy or continuous"),
      std::string::npos)
      << r.err;
}

TEST_F(IntegrationsActionEntrypoint, UnknownFailOnInputExitsTwoNamingTheFlag) {
  test::ProcessOutput r = run_action({{"fail-on", "high"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--fail-on"), std::string::npos) << r.err;
}

TEST_F(IntegrationsActionEntrypoint, UnknownConfigFromInputExitsTwoNamingTheChoices) {
  test::ProcessOutput r = run_action({{"config-from", "head"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--config-from \"head\": expected worktree, base or auto"),
            std::string::npos)
      << r.err;
}

TEST_F(IntegrationsActionEntrypoint, DefaultsScanTheRepositoryAndWriteTheReportsToOut) {
  test::ProcessOutput r = run_action({{"out", "reports"}, {"args", "--all"}});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(::access(repo.file("reports/lamina.sarif").c_str(), R_OK), 0) << r.err;
}

TEST_F(IntegrationsActionEntrypoint, InputValuesReachLaminaAsOneArgumentNeverAsShellText) {
  // Hostile values: if a shell parsed them, `touch` would create the file `pwned`.
  test::ProcessOutput r =
      run_action({{"config", "x.yml; touch pwned"}, {"out", "$(touch pwned)`touch pwned`"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("x.yml; touch pwned"), std::string::npos) << r.err;
  EXPECT_NE(::access(repo.file("pwned").c_str(), F_OK), 0);
}

TEST_F(IntegrationsActionEntrypoint, ArtifactLinesAndArgsReachTheScan) {
  // Two artifact lines, one missing: the error names the second path whole, spaces included.
  test::write_file(repo.file("dist/.keep"), "");
  ASSERT_EQ(
      test::run({"tar", "-cf", repo.file("dist/app.tar"), "-C", repo.path(), "ok.sh"}).exit_code,
      0);
  test::ProcessOutput r = run_action({{"layer", "pre-deploy"},
                                      {"artifact", "dist/app.tar\n\ndist/my image.tar\n"},
                                      {"args", "--budget 10m"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("dist/my image.tar"), std::string::npos) << r.err;
  // A bad `args` word is reported as lamina scan's own usage error.
  r = run_action({{"args", "--budget"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--budget"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lamina
