// Runs the root action's container command (runs.entrypoint + runs.args of action.yml) the way the
// runner does: `${{ inputs.x }}` replaced by the input's value, each list item one argument.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace lamina {
namespace {

// The action's entrypoint and args, read with python3-yaml and printed NUL-separated.
std::vector<std::string> action_args() {
  test::ProcessOutput r =
      test::run({"/usr/bin/python3", "-c",
                 "import sys,yaml\n"
                 "a=yaml.safe_load(open(sys.argv[1]))['runs']\n"
                 "sys.stdout.write(''.join(x+chr(0) for x in [a['entrypoint']]+a['args']))",
                 test::source_path("action.yml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> argv;
  size_t start = 0;
  for (size_t end; (end = r.out.find('\0', start)) != std::string::npos; start = end + 1)
    argv.push_back(r.out.substr(start, end - start));
  return argv;
}

// The input defaults of action.yml, overridden by `inputs`, substituted as the runner does.
std::vector<std::string> command_for(const std::map<std::string, std::string>& inputs) {
  const std::map<std::string, std::string> defaults{
      {"layer", "inline"},   {"config", ""}, {"fail-on", "sev2"},    {"filter", "added"},
      {"out", "lamina-out"}, {"jobs", ""},   {"artifact", ""},       {"target-url", ""},
      {"baseline", ""},      {"args", ""},   {"config-from", "auto"}};
  std::vector<std::string> argv;
  for (std::string arg : action_args()) {
    for (const auto& [name, value] : defaults) {
      const std::string expression = "${{ inputs." + name + " }}";
      if (arg != expression) continue;
      auto given = inputs.find(name);
      arg = given == inputs.end() ? value : given->second;
    }
    argv.push_back(arg);
  }
  return argv;
}

class IntegrationsActionEntrypoint : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::run({"/usr/bin/python3", "-c", "import yaml"}).exit_code != 0)
      GTEST_SKIP() << "python3-yaml missing: run scripts/bootstrap --test";
    test::write_file(repo.file("ok.sh"), "#!/bin/sh\necho hello\n");
    test::git(repo.path(), {"init", "-q", "-b", "main"});
    test::git(repo.path(), {"add", "-A"});
    test::git(repo.path(), {"commit", "-q", "-m", "base"});
  }
  test::ProcessOutput run_action(const std::map<std::string, std::string>& inputs) {
    std::string lamina_dir = std::string(LAMINA_BINARY);
    lamina_dir.resize(lamina_dir.rfind('/'));
    return test::run(command_for(inputs), repo.path(),
                     {"PATH=" + lamina_dir + ":" + test::source_path("node_modules/.bin") + ":" +
                          std::getenv("PATH"),
                      "HOME=" + repo.path()});
  }
  test::TempDir repo;
};

TEST_F(IntegrationsActionEntrypoint, EveryInputIsAnExpressionTheTestKnows) {
  const std::vector<std::string> argv = command_for({});
  for (const std::string& arg : argv) EXPECT_EQ(arg.find("${{"), std::string::npos) << arg;
  ASSERT_GE(argv.size(), 3u);
  EXPECT_EQ(argv[0], "/bin/sh");
  EXPECT_EQ(argv[1], "-c");
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
  // A hostile config path: if the shell parsed it, `touch` would create the file `pwned`.
  test::ProcessOutput r = run_action({{"config", "x.yml; touch pwned"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("x.yml; touch pwned"), std::string::npos) << r.err;
  EXPECT_NE(::access(repo.file("pwned").c_str(), F_OK), 0);
}

// A stand-in `lamina` first on PATH records the exact argv the action builds, one per line.
TEST_F(IntegrationsActionEntrypoint, InputsBecomeExactlyTheseLaminaArguments) {
  test::TempDir bin;
  test::write_file(bin.file("lamina"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$HOME/argv\"\n");
  ASSERT_EQ(::chmod(bin.file("lamina").c_str(), 0755), 0);
  test::ProcessOutput r =
      test::run(command_for({{"layer", "pre-deploy"},
                             {"jobs", "4"},
                             {"artifact", "dist/app.tar.gz\ndist/my image.tar\n"},
                             {"args", "--budget 10m"}}),
                repo.path(), {"PATH=" + bin.path() + ":/usr/bin:/bin", "HOME=" + repo.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      test::run({"cat", repo.file("argv")}).out,
      "scan\n--layer\npre-deploy\n--fail-on\nsev2\n--filter\nadded\n--out\nlamina-out\n"
      "--config-from\nauto\n--jobs\n4\n--artifact\ndist/app.tar.gz\n--artifact\ndist/my image.tar\n"
      "--budget\n10m\n");
}

}  // namespace
}  // namespace lamina
