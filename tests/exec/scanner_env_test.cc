// What a scanner sees of lamina's environment.
#include "exec/scanner_env.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "scanner_scripts.h"

namespace lamina {
namespace {

using ::testing::ElementsAre;

const EnvMap kCiEnvironment = {
    {"PATH", "/usr/bin:/bin"},
    {"HOME", "/home/runner"},
    {"LANG", "C.UTF-8"},
    {"LC_ALL", "C.UTF-8"},
    {"GITHUB_TOKEN", "ghs_secret"},
    {"CI_JOB_TOKEN", "glcbt-secret"},
    {"ACTIONS_RUNTIME_TOKEN", "runtime"},
    {"ACTIONS_CACHE_URL", "https://cache"},
    {"NPM_TOKEN", "npm"},
    {"AWS_SECRET", "aws"},
    {"DB_PASSWORD", "hunter2"},
    {"SSH_PRIVATE_KEY", "key"},
    {"SEMGREP_APP_TOKEN", "allowed"},
    {"GITHUB_SHA", "abc"},
    {"TMPDIR", "/var/tmp"},
};

TEST(ScannerEnvironment, KeepsTheBaselinePlusAllowedNamesAndDropsCredentials) {
  EXPECT_THAT(scanner_environment(kCiEnvironment, {"SEMGREP_APP_TOKEN"}, "/run/tmp"),
              ElementsAre("HOME=/home/runner", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
                          "PATH=/usr/bin:/bin", "SEMGREP_APP_TOKEN=allowed", "TMPDIR=/run/tmp"));
}

TEST(ScannerEnvironment, CredentialPassesOnlyWhenNamedExactly) {
  auto env = scanner_environment(kCiEnvironment, {"GITHUB_TOKEN", "ACTIONS_*"}, "/t");
  EXPECT_THAT(env, ::testing::Contains("GITHUB_TOKEN=ghs_secret"));
  EXPECT_THAT(env, ::testing::Not(::testing::Contains("ACTIONS_RUNTIME_TOKEN=runtime")));
}

TEST(ScannerEnvironment, AllowedNameMissingFromLaminaIsSimplyAbsent) {
  EXPECT_THAT(scanner_environment({}, {"SNYK_TOKEN"}, "/t"),
              ElementsAre("LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin", "TMPDIR=/t"));
}

// ShellCheck without a locale prints "ü.sh" as U+FFFD characters: the finding would miss the diff.
TEST(ScannerEnvironment, Utf8LocaleWhenLaminaHasNone) {
  EXPECT_THAT(scanner_environment({{"PATH", "/bin"}}, {}, "/t"),
              ElementsAre("LANG=C.UTF-8", "PATH=/bin", "TMPDIR=/t"));
  EXPECT_THAT(scanner_environment({{"PATH", "/bin"}, {"LC_ALL", "C"}}, {}, "/t"),
              ElementsAre("LC_ALL=C", "PATH=/bin", "TMPDIR=/t"));
}

TEST(ScannerEnvironment, LocaleVariableWithCredentialSuffixIsDropped) {
  EXPECT_THAT(scanner_environment({{"LC_API_KEY", "k"}, {"LC_CTYPE", "C"}}, {}, "/t"),
              ElementsAre("LC_CTYPE=C", "PATH=/usr/local/bin:/usr/bin:/bin", "TMPDIR=/t"));
}

TEST(ScannerEnvironment, CredentialNames) {
  for (const char* name : {"GITHUB_TOKEN", "CI_JOB_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL",
                           "X_TOKEN", "X_SECRET", "X_PASSWORD", "X_KEY"}) {
    EXPECT_TRUE(is_credential_name(name)) << name;
  }
  for (const char* name : {"TOKEN", "KEYBOARD", "HOME", "GITHUB_SHA", "X_KEYS"}) {
    EXPECT_FALSE(is_credential_name(name)) << name;
  }
}

class ScannerEnvironmentInProcess : public test::ScannerScripts {};

TEST_F(ScannerEnvironmentInProcess, ScannerThatDumpsItsEnvironmentSeesOnlyTheScrubbedSet) {
  std::string dump = dir_.file("bin/dump-env");
  test::write_file(dump,
                   "#!/usr/bin/python3\nimport os\n"
                   "for k, v in sorted(os.environ.items()):\n    print(f'{k}={v}')\n");
  ::chmod(dump.c_str(), 0755);
  Invocation invocation;
  invocation.scanner_id = "dump-env";
  invocation.argv = {dump};
  invocation.cwd = dir_.path();
  invocation.env_passthrough = {"SEMGREP_APP_TOKEN"};
  RunOptions opts = options();
  opts.environment = kCiEnvironment;
  auto results = run({invocation}, opts);
  ASSERT_EQ(results[0].status, RunStatus::exited) << results[0].stderr_data;
  EXPECT_THAT(results[0].stdout_data,
              ::testing::MatchesRegex("HOME=/home/runner\nLANG=C.UTF-8\nLC_ALL=C.UTF-8\n"
                                      "PATH=/usr/bin:/bin\nSEMGREP_APP_TOKEN=allowed\n"
                                      "TMPDIR=" +
                                      dir_.path() + "/lamina-run-[A-Za-z0-9]+/tmp\n"));
}

}  // namespace
}  // namespace lamina
