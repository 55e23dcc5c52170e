// --config-from: the configuration read from the base commit of the change set (real
// repositories made by the test), so a pull request cannot configure its own gate.
#include "cli/config_choice.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "util/error.h"

namespace lamina {
namespace {

using nlohmann::json;

// main has a trusted .lamina.yml; the branch `pr` rewrites it and is checked out.
struct ConfigRepo {
  test::TempDir dir;
  std::string repo = dir.file("repo");
  std::string base;

  explicit ConfigRepo(const std::string& base_config = "fail_on: sev3\n") {
    test::git(dir.path(), {"init", "-q", repo});
    if (!base_config.empty()) test::write_file(repo + "/.lamina.yml", base_config);
    test::write_file(repo + "/README", "base\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "base"});
    base = test::git(repo, {"rev-parse", "HEAD"});
    test::git(repo, {"checkout", "-qb", "pr"});
    test::write_file(repo + "/.lamina.yml", "fail_on: never\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "pr"});
  }
};

Options from(const std::string& value) {
  Options options;
  options.config_from = value;
  return options;
}

TEST(ConfigFrom, WorktreeUnlessAskedAndAutoIsBaseOnlyOnPullRequestTarget) {
  EXPECT_EQ(resolve_config_from(std::nullopt, {}), ConfigFrom::worktree);
  EXPECT_EQ(resolve_config_from("base", {}), ConfigFrom::base);
  EXPECT_EQ(resolve_config_from("auto", {{"GITHUB_EVENT_NAME", "pull_request_target"}}),
            ConfigFrom::base);
  EXPECT_EQ(resolve_config_from("auto", {{"GITHUB_EVENT_NAME", "pull_request"}}),
            ConfigFrom::worktree);
  EXPECT_EQ(resolve_config_from("auto", {}), ConfigFrom::worktree);
}

TEST(ConfigFrom, UnknownValueIsAUsageErrorNamingTheChoices) {
  try {
    resolve_config_from("head", {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_STREQ(e.what(),
                 "--config-from \"head\": expected worktree, base or auto (auto = base "
                 "on pull_request_target)");
  }
}

TEST(ConfigChoice, BaseReadsTheFileInTheBaseCommitNotTheWorkingTree) {
  ConfigRepo r;
  test::write_file(r.repo + "/.lamina.yml", "fail_on: sev1\n");  // uncommitted, ignored too
  ConfigChoice choice = choose_config(from("base"), {}, r.repo, r.base);
  ASSERT_TRUE(choice.file);
  EXPECT_EQ(choice.file->name, ".lamina.yml@" + r.base.substr(0, 12));
  EXPECT_EQ(choice.file->text, "fail_on: sev3\n");
  EXPECT_EQ(config_file_text(choice), ".lamina.yml@" + r.base.substr(0, 12));
}

TEST(ConfigChoice, WorktreeReadsTheCheckedOutFile) {
  ConfigRepo r;
  ConfigChoice choice = choose_config(from("worktree"), {}, r.repo, r.base);
  ASSERT_TRUE(choice.file);
  EXPECT_EQ(choice.file->name, ".lamina.yml");
  EXPECT_EQ(choice.file->text, "fail_on: never\n");
}

TEST(ConfigChoice, BaseWithoutAConfigurationMeansBuiltInDefaults) {
  ConfigRepo r("");
  ConfigChoice choice = choose_config(from("base"), {}, r.repo, r.base);
  EXPECT_FALSE(choice.file);
  EXPECT_EQ(config_file_text(choice),
            "(none at base " + r.base.substr(0, 12) + ": built-in defaults)");
}

TEST(ConfigChoice, BaseWithoutABaseCommitIsExitTwoWithTheFix) {
  ConfigRepo r;
  try {
    choose_config(from("base"), {}, r.repo, "");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("no base commit"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--base REV"), std::string::npos) << e.what();
  }
}

TEST(ConfigChoice, NamedFileIsARepositoryPathInTheBase) {
  ConfigRepo r;
  test::write_file(r.repo + "/ci/lamina.yml", "jobs: 2\n");
  test::git(r.repo, {"add", "-A"});
  test::git(r.repo, {"commit", "-qm", "named config on the branch only"});
  Options options = from("base");
  options.config_path = r.repo + "/ci/lamina.yml";
  EXPECT_THROW(choose_config(options, {}, r.repo, r.base), Error);  // not in the base commit
  std::string head = test::git(r.repo, {"rev-parse", "HEAD"});
  ConfigChoice choice = choose_config(options, {}, r.repo, head);
  ASSERT_TRUE(choice.file);
  EXPECT_EQ(choice.file->name, "ci/lamina.yml@" + head.substr(0, 12));
  EXPECT_EQ(choice.file->text, "jobs: 2\n");
  choice = choose_config(from("base"), {{"LAMINA_CONFIG", "./ci//lamina.yml"}}, r.repo, head);
  EXPECT_EQ(choice.file->name, "ci/lamina.yml@" + head.substr(0, 12));
}

TEST(ConfigChoice, NamedFileOutsideTheRepositoryIsRefused) {
  ConfigRepo r;
  for (const std::string& path : {std::string("../outside.yml"), std::string("/etc/passwd")}) {
    Options options = from("base");
    options.config_path = path;
    try {
      choose_config(options, {}, r.repo, r.base);
      FAIL() << path;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("inside the repository"), std::string::npos) << e.what();
    }
  }
}

TEST(ConfigChoice, SymlinkInTheBaseIsRefused) {
  ConfigRepo r("");
  test::git(r.repo, {"checkout", "-q", "main"});
  ASSERT_EQ(::symlink("/etc/passwd", (r.repo + "/.lamina.yml").c_str()), 0);
  test::git(r.repo, {"add", "-A"});
  test::git(r.repo, {"commit", "-qm", "symlinked config"});
  std::string linked = test::git(r.repo, {"rev-parse", "HEAD"});
  try {
    choose_config(from("base"), {}, r.repo, linked);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
}

// The attack --config-from base exists for: on pull_request_target the workflow checks out the
// pull request, whose .lamina.yml adds a scanner that runs a command of the author's choosing.
struct HostileConfigPullRequest {
  test::TempDir dir;
  std::string repo = dir.file("repo");
  std::string marker = dir.file("pwned");
  std::string base, head;

  HostileConfigPullRequest() {
    test::git(dir.path(), {"init", "-q", repo});
    test::write_file(repo + "/.lamina.yml",
                     "fail_on: sev1\nscanners:\n  secretlint: {enabled: false}\n");
    test::write_file(repo + "/app.py", "print('base')\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "base"});
    base = test::git(repo, {"rev-parse", "HEAD"});
    test::git(repo, {"checkout", "-qb", "attack"});
    test::write_file(repo + "/.lamina.yml",
                     "fail_on: never\n"
                     "scanners:\n"
                     "  secretlint: {enabled: false}\n"
                     "  helpful:\n"
                     "    name: Helpful\n"
                     "    layer: [inline]\n"
                     "    files: ['*']\n"
                     "    command: [touch, '" +
                         marker +
                         "', '{files}']\n"
                         "    output: {from: stdout, format: gcc}\n");
    test::write_file(repo + "/app.py", "print('pr')\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "attack"});
    head = test::git(repo, {"rev-parse", "HEAD"});
    json event = {{"number", 9},
                  {"pull_request",
                   {{"number", 9},
                    {"base", {{"sha", base}, {"ref", "main"}}},
                    {"head", {{"sha", head}, {"ref", "attack"}}}}},
                  {"repository", {{"full_name", "o/r"}, {"default_branch", "main"}}}};
    test::write_file(dir.file("event.json"), event.dump());
  }

  std::vector<std::string> env() const {
    return {"PATH=" + std::string(std::getenv("PATH")),
            "HOME=" + dir.path(),
            "GITHUB_ACTIONS=true",
            "GITHUB_EVENT_NAME=pull_request_target",
            "GITHUB_EVENT_PATH=" + dir.file("event.json"),
            "GITHUB_SHA=" + base,
            "GITHUB_WORKSPACE=" + repo,
            "GITHUB_REPOSITORY=o/r",
            "GITHUB_STEP_SUMMARY=" + dir.file("summary.md"),
            "GITHUB_OUTPUT=" + dir.file("output")};
  }
  bool pwned() const { return ::access(marker.c_str(), F_OK) == 0; }
};

TEST(ConfigFromBaseEndToEnd, PullRequestScannerNeverRunsWithConfigFromBaseOrAuto) {
  HostileConfigPullRequest pr;
  for (const char* mode : {"base", "auto"}) {
    test::ProcessOutput out = test::run_lamina(
        {"scan", "--config-from", mode, "--out", pr.dir.file("out")}, pr.repo, pr.env());
    EXPECT_NE(out.exit_code, 2) << out.out << out.err;
    EXPECT_FALSE(pr.pwned()) << mode << ": the pull request's scanner ran\n" << out.out;
    EXPECT_EQ(out.out.find("helpful"), std::string::npos) << out.out;
  }
  test::ProcessOutput plan =
      test::run_lamina({"config", "--config-from", "auto", "--json"}, pr.repo, pr.env());
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  json config = json::parse(plan.out);
  EXPECT_EQ(config["config_file"], ".lamina.yml@" + pr.base.substr(0, 12));
  EXPECT_EQ(config["settings"]["fail_on"]["value"], "sev1");
  EXPECT_EQ(config["scanners"].count("helpful"), 0u);
}

// --baseline and --timings inside the checkout: the pull request could rewrite them (a baseline
// that lists its own findings hides them), so under --config-from base they come from the base.
struct BaselineRepo : ConfigRepo {
  BaselineRepo() {
    test::git(repo, {"checkout", "-q", "main"});
    test::write_file(repo + "/ci/baseline.sarif", "base baseline\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "baseline"});
    base = test::git(repo, {"rev-parse", "HEAD"});
    test::git(repo, {"checkout", "-q", "pr"});
    test::git(repo, {"merge", "-q", "--no-edit", "main"});
    test::write_file(repo + "/ci/baseline.sarif", "pull request baseline\n");
    test::git(repo, {"commit", "-qam", "pr rewrites the baseline"});
  }
};

TEST(BaseCopyOfInput, APathInsideTheCheckoutIsReadFromTheBaseCommit) {
  BaselineRepo r;
  ConfigChoice choice = choose_config(from("base"), {}, r.repo, r.base);
  for (const std::string& given :
       {r.repo + "/ci/baseline.sarif", r.repo + "/ci/../ci/baseline.sarif"}) {
    std::optional<ConfigSource> copy = base_copy_of_input(choice, "--baseline", given, r.repo);
    ASSERT_TRUE(copy) << given;
    EXPECT_EQ(copy->text, "base baseline\n");
    EXPECT_EQ(copy->name, "ci/baseline.sarif@" + r.base.substr(0, 12));
  }
}

TEST(BaseCopyOfInput, ASymlinkIntoTheCheckoutIsInsideToo) {
  BaselineRepo r;
  std::string link = r.dir.file("outside-link.sarif");
  ASSERT_EQ(::symlink((r.repo + "/ci/baseline.sarif").c_str(), link.c_str()), 0);
  ConfigChoice choice = choose_config(from("base"), {}, r.repo, r.base);
  std::optional<ConfigSource> copy = base_copy_of_input(choice, "--timings", link, r.repo);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->text, "base baseline\n");
}

TEST(BaseCopyOfInput, OutsideTheCheckoutOrInWorktreeModeTheFileIsReadAsItIs) {
  BaselineRepo r;
  test::write_file(r.dir.file("downloaded.sarif"), "{}");
  ConfigChoice base = choose_config(from("base"), {}, r.repo, r.base);
  EXPECT_FALSE(base_copy_of_input(base, "--baseline", r.dir.file("downloaded.sarif"), r.repo));
  ConfigChoice worktree = choose_config(from("worktree"), {}, r.repo, r.base);
  EXPECT_FALSE(base_copy_of_input(worktree, "--baseline", r.repo + "/ci/baseline.sarif", r.repo));
}

TEST(BaseCopyOfInput, AFileTheBaseDoesNotHaveIsRefusedWithTheFix) {
  BaselineRepo r;
  test::write_file(r.repo + "/pr-only.sarif", "{}");
  ConfigChoice choice = choose_config(from("base"), {}, r.repo, r.base);
  try {
    base_copy_of_input(choice, "--baseline", r.repo + "/pr-only.sarif", r.repo);
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("--baseline \"" + r.repo +
                                         "/pr-only.sarif\": with --config-from base a file "
                                         "inside the checkout is read from the base commit"),
              std::string::npos)
        << e.what();
  }
}

// The same run reading the working tree does run it: the test above proves something.
TEST(ConfigFromBaseEndToEnd, WorktreeConfigurationIsWhatThePullRequestWrote) {
  HostileConfigPullRequest pr;
  test::ProcessOutput out = test::run_lamina(
      {"scan", "--config-from", "worktree", "--out", pr.dir.file("out")}, pr.repo, pr.env());
  EXPECT_TRUE(pr.pwned()) << out.out << out.err;
}

}  // namespace
}  // namespace lamina
