// `lamina action`: the GitHub runner's INPUT_* variables become a `lamina scan` argv, one element
// per value, with no shell in between; action.yml's inputs and runs.args agree with it.
#include "cli/action_inputs.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/options.h"
#include "test_support.h"

namespace lamina {
namespace {

using Args = std::vector<std::string>;

TEST(ActionInputs, NoInputsScanTheInlineLayerWithLaminasDefaults) {
  EXPECT_EQ(action_scan_argv({}, {}), (Args{"scan", "--layer", "inline"}));
  EXPECT_EQ(action_scan_argv({{"INPUT_LAYER", ""}, {"INPUT_FAIL-ON", ""}}, {}),
            (Args{"scan", "--layer", "inline"}));
}

TEST(ActionInputs, EachInputIsOneArgumentWhateverItHolds) {
  EnvMap env{{"INPUT_LAYER", "pre-deploy"},
             {"INPUT_FAIL-ON", "sev1"},
             {"INPUT_FILTER", "file"},
             {"INPUT_OUT", "out dir; rm -rf / $(id) `id`"},
             {"INPUT_CONFIG", "cfg/'lamina'.yml"},
             {"INPUT_CONFIG-FROM", "base"},
             {"INPUT_JOBS", "3"},
             {"INPUT_TARGET-URL", "https://staging.example.com/?a=1&b=$HOME"},
             {"INPUT_BASELINE", "*.sarif"},
             {"INPUT_REQUIRE-COVERAGE", "dependencies,secrets"},
             {"INPUT_GITHUB-TOKEN", "ghs_secret"}};
  EXPECT_EQ(action_scan_argv(env, {}), (Args{"scan",
                                             "--layer",
                                             "pre-deploy",
                                             "--fail-on",
                                             "sev1",
                                             "--filter",
                                             "file",
                                             "--out",
                                             "out dir; rm -rf / $(id) `id`",
                                             "--config",
                                             "cfg/'lamina'.yml",
                                             "--config-from",
                                             "base",
                                             "--jobs",
                                             "3",
                                             "--target-url",
                                             "https://staging.example.com/?a=1&b=$HOME",
                                             "--baseline",
                                             "*.sarif",
                                             "--require-coverage",
                                             "dependencies,secrets"}));
}

TEST(ActionInputs, TheTokenNeverReachesTheArgv) {
  Args argv = action_scan_argv({{"INPUT_GITHUB-TOKEN", "ghs_secret"}}, {});
  EXPECT_EQ(std::count(argv.begin(), argv.end(), "ghs_secret"), 0);
}

TEST(ActionInputs, ArtifactIsOnePathPerNonBlankLine) {
  EXPECT_EQ(
      action_scan_argv({{"INPUT_ARTIFACT", "dist/app.tar\n\n  image with space.tar  \r\n"}}, {}),
      (Args{"scan", "--layer", "inline", "--artifact", "dist/app.tar", "--artifact",
            "image with space.tar"}));
}

TEST(ActionInputs, ArgsSplitOnBlanksWithoutQuotingAndComeBeforeTheCommandLinesExtras) {
  EXPECT_EQ(action_scan_argv({{"INPUT_ARGS", "  --budget 10m\t--timings \"a b\"\n--no-fail-fast "}},
                             {"--json"}),
            (Args{"scan", "--layer", "inline", "--budget", "10m", "--timings", "\"a", "b\"",
                  "--no-fail-fast", "--json"}));
}

TEST(ActionInputs, UnderscoreNamesAreReadWhenTheHyphenatedOnesAreUnset) {
  EXPECT_EQ(action_scan_argv({{"INPUT_FAIL_ON", "sev3"}, {"INPUT_TARGET_URL", "http://h/"}}, {}),
            (Args{"scan", "--layer", "inline", "--fail-on", "sev3", "--target-url", "http://h/"}));
  EXPECT_EQ(action_scan_argv({{"INPUT_FAIL_ON", "sev3"}, {"INPUT_FAIL-ON", "sev1"}}, {}),
            (Args{"scan", "--layer", "inline", "--fail-on", "sev1"}));
}

TEST(ActionInputs, TheArgvParsesAsAScan) {
  Args args = action_scan_argv({{"INPUT_LAYER", "post-deploy"},
                                {"INPUT_TARGET-URL", "https://staging.example.com/"},
                                {"INPUT_ARTIFACT", "a.tar\nb.tar"},
                                {"INPUT_ARGS", "--budget 5m"}},
                               {});
  std::vector<const char*> argv{"lamina"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  CommandLine line = parse_command_line(static_cast<int>(argv.size()), argv.data());
  ASSERT_FALSE(line.exit_now) << line.output;
  EXPECT_EQ(line.options.command, "scan");
  EXPECT_EQ(line.options.layer, "post-deploy");
  EXPECT_EQ(line.options.target_url, "https://staging.example.com/");
  EXPECT_EQ(line.options.artifacts, (Args{"a.tar", "b.tar"}));
  EXPECT_EQ(line.options.budget, "5m");
}

// action.yml runs `lamina action` with no entrypoint override (no shell), and every input it
// declares except the token is one action_scan_argv reads.
TEST(ActionInputs, ActionYmlRunsLaminaActionAndDeclaresOnlyInputsItReads) {
  YAML::Node action = YAML::LoadFile(test::source_path("action.yml"));
  EXPECT_FALSE(action["runs"]["entrypoint"]) << "action.yml must not override the entrypoint";
  ASSERT_TRUE(action["runs"]["args"].IsSequence());
  ASSERT_EQ(action["runs"]["args"].size(), 1u);
  EXPECT_EQ(action["runs"]["args"][0].as<std::string>(), "action");
  for (const auto& entry : action["inputs"]) {
    std::string name = entry.first.as<std::string>();
    if (name == "github-token") continue;  // reaches lamina as GITHUB_TOKEN (runs.env)
    std::string upper = "INPUT_" + name;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    std::string value = name == "layer" ? "continuous" : "probe-value";
    Args argv = action_scan_argv({{upper, value}}, {});
    EXPECT_NE(std::find(argv.begin(), argv.end(), value), argv.end())
        << "action.yml declares input '" << name << "' but lamina action ignores " << upper;
  }
}

}  // namespace
}  // namespace lamina
