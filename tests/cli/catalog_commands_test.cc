// `lamina config` and `lamina scanners`, called the way the CLI calls them.
#include "cli/catalog_commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "util/error.h"
#include "util/spawn.h"

namespace lamina {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class CatalogCommandsTest : public ::testing::Test {
 protected:
  std::string run_config(Options options, const EnvMap& env = {}) {
    options.repo_dir = repo.path();
    ::testing::internal::CaptureStdout();
    int code = run_config_command(options, env);
    std::string out = ::testing::internal::GetCapturedStdout();
    EXPECT_EQ(code, 0);
    return out;
  }
  std::string run_scanners(Options options, const EnvMap& env) {
    options.repo_dir = repo.path();
    ::testing::internal::CaptureStdout();
    int code = run_scanners_command(options, env);
    std::string out = ::testing::internal::GetCapturedStdout();
    EXPECT_EQ(code, 0);
    return out;
  }
  // A stand-in tool on a private PATH that prints a version banner.
  void install(const std::string& name, const std::string& version_output) {
    test::write_file(bin.file(name), "#!/bin/sh\nprintf '" + version_output + "'\n");
    ::chmod(bin.file(name).c_str(), 0755);
  }
  test::TempDir repo;
  test::TempDir bin;
};

TEST_F(CatalogCommandsTest, ConfigJsonShowsEachValueWithItsOrigin) {
  test::write_file(repo.file(".lamina.yml"), "jobs: 3\nscanners:\n  bandit:\n    enabled: false\n");
  Options options;
  options.json = true;
  options.fail_on = "sev2";
  nlohmann::json out = nlohmann::json::parse(run_config(options, {{"LAMINA_TIMEOUT", "90s"}}));
  EXPECT_EQ(out["config_file"], ".lamina.yml");
  EXPECT_EQ(out["settings"]["jobs"], (nlohmann::json{{"value", 3}, {"origin", ".lamina.yml:1:7"}}));
  EXPECT_EQ(out["settings"]["timeout"],
            (nlohmann::json{{"value", "1m30s"}, {"origin", "LAMINA_TIMEOUT"}}));
  EXPECT_EQ(out["settings"]["fail_on"],
            (nlohmann::json{{"value", "sev2"}, {"origin", "--fail-on"}}));
  EXPECT_EQ(out["settings"]["filter"], (nlohmann::json{{"value", "added"}, {"origin", "default"}}));
  EXPECT_EQ(out["scanners"]["bandit"]["settings"], (nlohmann::json{{"enabled", "false"}}));
  EXPECT_EQ(out["scanners"]["bandit"]["origin"], ".lamina.yml:3:3");
}

TEST_F(CatalogCommandsTest, ConfigTextListsSettingsAndOrigins) {
  std::string out = run_config(Options{});
  EXPECT_THAT(out, HasSubstr("config file: (none)\n"));
  EXPECT_THAT(out, HasSubstr("timeout           5m                   default\n"));
}

TEST_F(CatalogCommandsTest, BadConfigurationIsAnErrorWithExitCode2) {
  test::write_file(repo.file(".lamina.yml"),
                   "scanners:\n  shellcheck:\n    command: shellcheck {files}\n");
  Options options;
  options.repo_dir = repo.path();
  try {
    run_config_command(options, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    EXPECT_THAT(std::string(e.what()),
                HasSubstr(".lamina.yml:3:14: scanners.shellcheck.command: "
                          "expected a list of arguments (argv), got a string"));
  }
}

TEST_F(CatalogCommandsTest, ScannersJsonGivesInstalledVersionAndInstallHint) {
  install("shellcheck", "ShellCheck - shell script analysis tool\\nversion: 0.9.0\\n");
  Options options;
  options.json = true;
  nlohmann::json out = nlohmann::json::parse(run_scanners(options, {{"PATH", bin.path()}}));
  nlohmann::json shellcheck, bandit;
  for (const nlohmann::json& s : out["scanners"]) {
    if (s["id"] == "shellcheck") shellcheck = s;
    if (s["id"] == "bandit") bandit = s;
  }
  EXPECT_EQ(shellcheck["installed"], true);
  EXPECT_EQ(shellcheck["path"], bin.file("shellcheck"));
  EXPECT_EQ(shellcheck["version"], "version: 0.9.0");
  EXPECT_EQ(shellcheck["layers"], (nlohmann::json{"inline", "continuous"}));
  EXPECT_EQ(bandit["installed"], false);
  EXPECT_EQ(bandit["version"], "");
  EXPECT_EQ(bandit["install"], "apt-get install bandit");
}

TEST_F(CatalogCommandsTest, ScannersListsCustomAndDisabledEntries) {
  test::write_file(
      repo.file(".lamina.yml"),
      "scanners:\n  codespell:\n    enabled: false\n  my-lint:\n    layer: inline\n"
      "    files: [\"*.x\"]\n    command: [my-lint, \"{files}\"]\n    output: {format: sarif}\n"
      "    install: make my-lint\n");
  std::string out = run_scanners(Options{}, {{"PATH", bin.path()}});
  EXPECT_THAT(out,
              MatchesRegex(
                  "(.|\n)*\ncodespell +lint +inline +\\*\\.md \\*\\.rst \\*\\.txt "
                  "\\+1 more +(yes|no) +no \\(install: apt-get install codespell\\) \\[disabled by "
                  "\\.lamina\\.yml line 3\\]\n(.|\n)*"));
  EXPECT_THAT(out, MatchesRegex("(.|\n)*\nmy-lint +lint +inline +\\*\\.x +no +no \\(install: make "
                                "my-lint\\)\n(.|\n)*"));
}

// Under GitHub Actions stdout is the job log: values from the change's .lamina.yml must not become
// workflow commands there, in text or in JSON (which must still read back the same).
TEST_F(CatalogCommandsTest, ConfigAndScannersOutputIsInertInAGithubLog) {
  test::write_file(repo.file(".lamina.yml"),
                   "scanners:\n  bandit:\n    files: [\"x\\n::error::pwned\", \"##[error]x\"]\n"
                   "  my-lint:\n    layer: inline\n    files: [\"*.x\"]\n"
                   "    command: [my-lint, \"{files}\"]\n    output: {format: sarif}\n"
                   "    install: \"##[group]g \\u00e9\\n::error::own\"\n");
  EnvMap github = {{"GITHUB_ACTIONS", "true"}, {"PATH", bin.path()}};
  Options worktree;
  worktree.config_from = "worktree";
  Options json = worktree;
  json.json = true;
  for (const std::string& out : {run_config(worktree, github), run_config(json, github),
                                 run_scanners(worktree, github), run_scanners(json, github)}) {
    EXPECT_EQ(out.find("##["), std::string::npos) << out;
    EXPECT_EQ(out.find("\n::"), std::string::npos) << out;
    EXPECT_NE(out.rfind("::", 0), 0u) << out;
  }
  nlohmann::json config = nlohmann::json::parse(run_config(json, github));
  EXPECT_EQ(config["scanners"]["bandit"]["settings"]["files"],
            (nlohmann::json{"x\n::error::pwned", "##[error]x"}));
  std::string scanners = run_scanners(json, github);
  EXPECT_THAT(scanners, HasSubstr(R"("install": "##\u005bgroup]g \u00e9\n::error::own")"));
  // The text table prints the hint as it is: its line starting "::" is what the filter defuses.
  EXPECT_THAT(run_scanners(worktree, {{"PATH", bin.path()}}), HasSubstr("\n::error::own"));
  // Outside GitHub the same output is left as it is.
  EXPECT_THAT(run_scanners(json, {{"PATH", bin.path()}}), HasSubstr("##[group]g \xC3\xA9"));
}

TEST_F(CatalogCommandsTest, ScannersAsksTheRealToolsForTheirVersion) {
  const char* path = std::getenv("PATH");
  std::string path_var = path ? path : "/usr/bin:/bin";
  if (find_executable("shellcheck", path_var).empty())
    GTEST_SKIP() << "shellcheck is not installed";
  Options options;
  options.json = true;
  nlohmann::json out = nlohmann::json::parse(run_scanners(options, {{"PATH", path_var}}));
  for (const nlohmann::json& s : out["scanners"]) {
    if (s["id"] != "shellcheck") continue;
    EXPECT_THAT(s["version"].get<std::string>(), ::testing::StartsWith("version: "));
  }
}

}  // namespace
}  // namespace lamina
