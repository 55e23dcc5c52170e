// .lamina.yml scanners.<id>: overriding built-in entries and adding custom scanners.
#include <gtest/gtest.h>

#include "config/load_settings.h"
#include "util/error.h"

namespace lamina {
namespace {

Catalog configured(const std::string& yaml) {
  Settings settings = load_settings(ConfigSource{".lamina.yml", yaml}, SettingFlags{}, EnvMap{});
  return effective_catalog(builtin_catalog(), settings);
}

std::string error_of(const std::string& yaml) {
  try {
    configured(yaml);
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 2);
    return e.what();
  }
  return "(no error)";
}

TEST(EffectiveCatalogTest, DisablingRemembersTheLine) {
  Catalog catalog = configured("jobs: 2\nscanners:\n  bandit:\n    enabled: false\n");
  const ScannerSpec* bandit = catalog.find("bandit");
  EXPECT_FALSE(bandit->enabled);
  EXPECT_EQ(bandit->disabled_by, ".lamina.yml line 4");
}

TEST(EffectiveCatalogTest, OverridesTuneOnlyTheFieldsGiven) {
  Catalog catalog = configured(
      "scanners:\n  shellcheck:\n    args: [--severity=warning]\n    timeout: 30s\n"
      "    severity: {SC2086: sev2}\n    exclude: [\"legacy/**\"]\n");
  const ScannerSpec* spec = catalog.find("shellcheck");
  EXPECT_EQ(spec->args, std::vector<std::string>{"--severity=warning"});
  EXPECT_EQ(spec->timeout, std::chrono::seconds(30));
  EXPECT_TRUE(spec->timeout_from_config);
  EXPECT_EQ(spec->severity.at("SC2086"), Severity::sev2);
  EXPECT_EQ(spec->severity.at("error"), Severity::sev2);  // kept from the catalog
  EXPECT_EQ(spec->exclude, std::vector<std::string>{"legacy/**"});
  EXPECT_EQ(spec->command, builtin_catalog().find("shellcheck")->command);
}

TEST(EffectiveCatalogTest, CustomScannerIsAddedAfterTheBuiltIns) {
  Catalog catalog = configured(
      "scanners:\n  my-lint:\n    layer: inline\n    files: [\"*.foo\"]\n"
      "    command: [my-lint, --sarif, \"{files}\"]\n    output: {format: sarif}\n");
  ASSERT_EQ(catalog.scanners.size(), builtin_catalog().scanners.size() + 1);
  const ScannerSpec& spec = catalog.scanners.back();
  EXPECT_EQ(spec.id, "my-lint");
  EXPECT_EQ(spec.name, "my-lint");
  EXPECT_EQ(spec.defined_at, ".lamina.yml:2:3");
}

TEST(EffectiveCatalogTest, MisspeltBuiltinIdSuggestsTheRealOne) {
  EXPECT_EQ(error_of("scanners:\n  shelcheck:\n    enabled: false\n"),
            ".lamina.yml:2:3: scanners.shelcheck: not a built-in scanner (did you mean "
            "'shellcheck'?); a custom scanner needs at least layer, files, command and "
            "output.format");
}

TEST(EffectiveCatalogTest, UnknownKeyInAnOverrideSuggestsTheNearestOne) {
  std::string error = error_of("scanners:\n  bandit:\n    enabeld: false\n");
  EXPECT_TRUE(error.starts_with(
      ".lamina.yml:3:5: unknown key 'enabeld' in scanners.bandit (did you mean 'enabled'?); "))
      << error;
}

TEST(EffectiveCatalogTest, CommandAsStringInACustomScannerIsRejected) {
  EXPECT_EQ(error_of("scanners:\n  my-lint:\n    layer: inline\n    files: [\"*.foo\"]\n"
                     "    command: my-lint {files}\n    output: {format: sarif}\n"),
            ".lamina.yml:5:14: scanners.my-lint.command: expected a list of arguments (argv), got "
            "a string; write it as [\"tool\", \"--flag\", \"{files}\"]: lamina never runs a shell");
}

TEST(EffectiveCatalogTest, UnknownOutputFormatInACustomScannerIsRejected) {
  std::string error = error_of(
      "scanners:\n  my-lint:\n    layer: inline\n    files: [\"*.foo\"]\n"
      "    command: [my-lint, \"{files}\"]\n    output: {format: junit}\n");
  EXPECT_TRUE(error.starts_with(
      ".lamina.yml:6:22: scanners.my-lint.output.format: unknown output format \"junit\"; expe"))
      << error;
}

TEST(EffectiveCatalogTest, OverrideThatBreaksTheEntryIsRejected) {
  EXPECT_EQ(error_of("scanners:\n  bandit:\n    command: [bandit, \"{target_url}\"]\n"),
            ".lamina.yml:3:14: scanners.bandit: placeholder {target_url} does not fit scope files");
}

}  // namespace
}  // namespace lamina
