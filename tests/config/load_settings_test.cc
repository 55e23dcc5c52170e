// Layering: defaults < .lamina.yml < LAMINA_* < command line, each value with its origin, and
// errors prefixed with the origin.
#include "config/load_settings.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "test_support.h"
#include "util/error.h"

namespace lamina {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

Settings load(const std::string& yaml, const EnvMap& env = {}, const SettingFlags& options = {}) {
  return load_settings(ConfigSource{".lamina.yml", yaml}, options, env);
}

std::string error_of(const std::string& yaml, const EnvMap& env = {},
                     const SettingFlags& options = {}) {
  try {
    load(yaml, env, options);
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    return e.what();
  }
  return "(no error)";
}

TEST(LoadSettingsTest, DefaultsSayTheyAreDefaults) {
  Settings s = load_settings(std::nullopt, SettingFlags{}, EnvMap{});
  EXPECT_EQ(s.timeout.value, minutes(5));
  EXPECT_EQ(s.timeout.origin, "default");
  EXPECT_EQ(s.fail_on.value, "sev2");  // as action.yml's and the GitLab templates' fail-on
  EXPECT_EQ(s.filter.value, "added");
  EXPECT_FALSE(s.fail_fast.value);
  EXPECT_TRUE(s.default_excludes.value);
  EXPECT_EQ(s.budget.value, std::nullopt);
  EXPECT_GE(s.jobs.value, 1);
  EXPECT_EQ(s.jobs.origin, "default (online CPUs)");
  EXPECT_EQ(s.config_file, "");
}

TEST(LoadSettingsTest, FileValuesRememberTheirLineAndColumn) {
  Settings s = load("jobs: 3\ntimeout: 90s\nfail_on: sev2\n");
  EXPECT_EQ(s.jobs.value, 3);
  EXPECT_EQ(s.jobs.origin, ".lamina.yml:1:7");
  EXPECT_EQ(s.timeout.value, seconds(90));
  EXPECT_EQ(s.timeout.origin, ".lamina.yml:2:10");
  EXPECT_EQ(s.fail_on.level, SettingLevel::config_file);
}

TEST(LoadSettingsTest, EnvironmentBeatsTheFile) {
  Settings s = load("timeout: 90s\n", {{"LAMINA_TIMEOUT", "2m"}});
  EXPECT_EQ(s.timeout.value, minutes(2));
  EXPECT_EQ(s.timeout.origin, "LAMINA_TIMEOUT");
  EXPECT_EQ(s.timeout.level, SettingLevel::environment);
}

TEST(LoadSettingsTest, CommandLineBeatsTheEnvironment) {
  SettingFlags options;
  options.timeout = "10s";
  options.fail_fast = false;
  Settings s = load("timeout: 90s\nfail_fast: true\n", {{"LAMINA_TIMEOUT", "2m"}}, options);
  EXPECT_EQ(s.timeout.value, seconds(10));
  EXPECT_EQ(s.timeout.origin, "--timeout");
  EXPECT_FALSE(s.fail_fast.value);
  EXPECT_EQ(s.fail_fast.origin, "--no-fail-fast");
}

TEST(LoadSettingsTest, EnvironmentErrorIsPrefixedWithTheVariable) {
  EXPECT_EQ(error_of("", {{"LAMINA_TIMEOUT", "5x"}}),
            "LAMINA_TIMEOUT: not a duration (write e.g. 30s, 5m): \"5x\"");
}

TEST(LoadSettingsTest, CommandLineErrorIsPrefixedWithTheFlag) {
  SettingFlags options;
  options.jobs = "0";
  EXPECT_EQ(error_of("", {}, options), "--jobs: not a number of jobs from 1 to 1024: \"0\"");
}

TEST(LoadSettingsTest, FileErrorIsPrefixedWithFileLineColumnAndKey) {
  EXPECT_EQ(error_of("budget: soon\n"),
            ".lamina.yml:1:9: budget: not a duration (write e.g. 10m, or none): \"soon\"");
}

TEST(LoadSettingsTest, UnknownKeyIsAnErrorWithSuggestion) {
  EXPECT_TRUE(error_of("jobs: 2\nfail_onn: sev2\n")
                  .starts_with(".lamina.yml:2:1: unknown key 'fail_onn' in the configuration (did "
                               "you mean 'fail_on'?); expected one of: jobs, timeout,"));
  EXPECT_NE(error_of("fail_onn: sev2\n").find("(did you mean 'fail_on'?)"), std::string::npos);
}

TEST(LoadSettingsTest, DuplicateKeyIsAnError) {
  EXPECT_EQ(error_of("jobs: 2\ntimeout: 1m\njobs: 3\n"),
            ".lamina.yml:3:1: duplicate key 'jobs' in the configuration (first given on line 1); "
            "YAML would silently keep only one");
}

TEST(LoadSettingsTest, WrongTypeSaysWhatWasGiven) {
  EXPECT_EQ(error_of("jobs: [1, 2]\n"),
            ".lamina.yml:1:7: jobs: expected a single value, got a list");
}

TEST(LoadSettingsTest, EnumeratedValueSuggestsTheNearMiss) {
  EXPECT_EQ(error_of("fail_on: sev4\n"),
            ".lamina.yml:1:10: fail_on: expected sev1 | sev2 | sev3 | never (did you mean "
            "'sev1'?), got: \"sev4\"");
}

TEST(LoadSettingsTest, YamlSyntaxErrorHasPosition) {
  EXPECT_EQ(error_of("jobs: 2\n  timeout: 5m\n"),
            ".lamina.yml:2:10: invalid YAML: illegal map value");
}

TEST(LoadSettingsTest, ExcludeFromFileAndFromEnvironment) {
  Settings s = load("exclude: [\"docs/**\", \"!docs/security/**\"]\n");
  EXPECT_EQ(s.exclude.value, (std::vector<std::string>{"docs/**", "!docs/security/**"}));
  EXPECT_EQ(s.exclude.origin, ".lamina.yml:1:10");
  Settings e = load("exclude: [docs]\n", {{"LAMINA_EXCLUDE", "a/**,b"}});
  EXPECT_EQ(e.exclude.value, (std::vector<std::string>{"a/**", "b"}));
  EXPECT_EQ(e.exclude.origin, "LAMINA_EXCLUDE");
}

TEST(LoadSettingsTest, BudgetNoneClearsIt) {
  Settings s = load("budget: 10m\n", {{"LAMINA_BUDGET", "none"}});
  EXPECT_EQ(s.budget.value, std::nullopt);
  EXPECT_EQ(s.budget.origin, "LAMINA_BUDGET");
}

TEST(LoadSettingsTest, EmptyFileConfiguresNothing) {
  Settings s = load("");
  EXPECT_EQ(s.config_file, ".lamina.yml");
  EXPECT_EQ(s.timeout.origin, "default");
}

TEST(LoadSettingsTest, ScannerEntriesAreKeptForTheCatalog) {
  Settings s = load("scanners:\n  bandit:\n    enabled: false\n");
  ASSERT_EQ(s.scanners.size(), 1u);
  EXPECT_EQ(s.scanners[0].id, "bandit");
  EXPECT_EQ(s.scanners[0].source.position(s.scanners[0].key), ".lamina.yml:2:3");
}

TEST(FindConfigFileTest, ReadsLaminaYmlAtTheRepositoryRoot) {
  test::TempDir repo;
  test::write_file(repo.file(".lamina.yml"), "jobs: 2\n");
  auto found = find_config_file(SettingFlags{}, EnvMap{}, repo.path());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, ".lamina.yml");
  EXPECT_EQ(found->text, "jobs: 2\n");
}

TEST(FindConfigFileTest, SymlinkedLaminaYmlIsRefused) {
  test::TempDir repo;
  test::write_file(repo.file("secret"), "token: abc\n");
  ASSERT_EQ(::symlink(repo.file("secret").c_str(), repo.file(".lamina.yml").c_str()), 0);
  try {
    find_config_file(SettingFlags{}, EnvMap{}, repo.path());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              ".lamina.yml"
              ": not a regular file (a symlink or special file); lamina reads only a regular "
              ".lamina.yml, or the file named by --config");
  }
}

TEST(LoadSettingsTest, ValuesInMessagesAreCutAndEscaped) {
  EXPECT_EQ(error_of("", {{"LAMINA_FILTER", std::string(70, 'a') + "\x1b[31m"}}),
            "LAMINA_FILTER: expected added | context | file | all, got: \"" + std::string(60, 'a') +
                "...\"");
  EXPECT_EQ(error_of("", {{"LAMINA_JOBS", "4\x1b"}}),
            "LAMINA_JOBS: not a number of jobs from 1 to 1024: \"4\\x1b\"");
}

TEST(FindConfigFileTest, NoFileIsNoConfiguration) {
  test::TempDir repo;
  EXPECT_EQ(find_config_file(SettingFlags{}, EnvMap{}, repo.path()), std::nullopt);
}

TEST(FindConfigFileTest, ConfigFlagBeatsTheEnvironmentAndMustExist) {
  test::TempDir repo;
  test::write_file(repo.file("a.yml"), "jobs: 1\n");
  SettingFlags options;
  options.config_path = repo.file("a.yml");
  auto found = find_config_file(options, {{"LAMINA_CONFIG", repo.file("b.yml")}}, repo.path());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, repo.file("a.yml"));
  try {
    find_config_file(SettingFlags{}, {{"LAMINA_CONFIG", repo.file("b.yml")}}, repo.path());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "LAMINA_CONFIG: cannot read " + repo.file("b.yml") + ": No such file or directory");
  }
}

}  // namespace
}  // namespace lamina

namespace lamina {
namespace {

TEST(RequireCoverageTest, FromTheFileWithItsPosition) {
  Settings s = load("require_coverage: [dependencies, secrets]\n");
  EXPECT_EQ(s.require_coverage.value, (std::vector<std::string>{"dependencies", "secrets"}));
  EXPECT_EQ(s.require_coverage.origin, ".lamina.yml:1:19");
}

TEST(RequireCoverageTest, AnUnknownKindIsNamedAtItsLineWithTheAllowedKindsAndTheNearMiss) {
  EXPECT_EQ(error_of("require_coverage:\n  - secrets\n  - depencies\n"),
            ".lamina.yml:3:5: require_coverage: unknown kind of check \"depencies\": expected "
            "secrets | dependencies | sast | iac | lint | container | sbom | malware | dast (did "
            "you mean 'dependencies'?)");
  EXPECT_EQ(error_of("require_coverage: {sast: true}\n"),
            ".lamina.yml:1:19: require_coverage: expected a list of strings, got a mapping");
  EXPECT_EQ(load("require_coverage: sast\n").require_coverage.value,
            std::vector<std::string>{"sast"});
}

TEST(RequireCoverageTest, EnvironmentAndCommandLineTakeCommaLists) {
  SettingFlags flags;
  flags.require_coverage = "sast,iac";
  Settings s = load("require_coverage: [secrets]\n", {{"LAMINA_REQUIRE_COVERAGE", "lint"}}, flags);
  EXPECT_EQ(s.require_coverage.value, (std::vector<std::string>{"sast", "iac"}));
  EXPECT_EQ(s.require_coverage.origin, "--require-coverage");
  EXPECT_EQ(load("", {{"LAMINA_REQUIRE_COVERAGE", "lint"}}).require_coverage.origin,
            "LAMINA_REQUIRE_COVERAGE");
  SettingFlags typo;
  typo.require_coverage = "secret";
  EXPECT_EQ(error_of("", {}, typo),
            "--require-coverage: unknown kind of check \"secret\": expected secrets | "
            "dependencies | sast | iac | lint | container | sbom | malware | dast (did you mean "
            "'secrets'?)");
}

}  // namespace
}  // namespace lamina
