// The command line's own rules: --on-fail takes the rest of argv, --target-url must be http(s),
// an absent --fail-fast flag leaves the layer's default.
#include "cli/options.h"

#include <gtest/gtest.h>

#include <vector>

namespace lamina {
namespace {

using Args = std::vector<std::string>;

CommandLine parse(std::vector<const char*> argv) {
  argv.insert(argv.begin(), "lamina");
  return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

TEST(OnFailOption, TakesEveryArgumentAfterItDashesIncluded) {
  CommandLine c = parse({"scan", "--layer", "post-deploy", "--on-fail", "kubectl", "rollout",
                         "undo", "-n", "prod", "--fail-on", "sev2"});
  ASSERT_FALSE(c.exit_now) << c.output;
  EXPECT_EQ(c.options.on_fail,
            (Args{"kubectl", "rollout", "undo", "-n", "prod", "--fail-on", "sev2"}));
  EXPECT_EQ(c.options.layer, "post-deploy");
  EXPECT_FALSE(c.options.fail_on);  // after --on-fail: the command's, not lamina's
}

TEST(OnFailOption, EqualsFormAndDoubleDash) {
  EXPECT_EQ(parse({"scan", "--on-fail=./rollback.sh", "-x"}).options.on_fail,
            (Args{"./rollback.sh", "-x"}));
  EXPECT_EQ(parse({"scan", "--on-fail", "--", "--weird-name", "a"}).options.on_fail,
            (Args{"--weird-name", "a"}));
}

TEST(OnFailOption, WithoutACommandIsAUsageError) {
  CommandLine c = parse({"scan", "--on-fail"});
  EXPECT_EQ(c.exit_now, 2);
  EXPECT_EQ(c.output,
            "lamina: --on-fail: no command given; write it last, e.g. --on-fail ./rollback.sh "
            "staging\n");
}

TEST(OnFailOption, OnlyScanHasIt) {
  CommandLine c = parse({"plan", "--on-fail", "x"});
  EXPECT_EQ(c.exit_now, 2);
  EXPECT_EQ(c.output, "lamina: --on-fail is an option of lamina scan only\n");
}

TEST(OnFailOption, AfterDoubleDashItIsNotLaminasOption) {
  CommandLine c = parse({"scan", "--", "--on-fail", "x"});
  EXPECT_TRUE(c.options.on_fail.empty());
}

TEST(TargetUrlOption, NotHttpIsAUsageErrorNamingTheOption) {
  CommandLine c = parse({"scan", "--layer", "post-deploy", "--target-url", "file:///etc/passwd"});
  EXPECT_EQ(c.exit_now, 2);
  EXPECT_EQ(c.output,
            "lamina: --target-url \"file:///etc/passwd\": the scheme must be http:// or https://; "
            "give the URL of the deployed service, e.g. --target-url "
            "https://staging.example.com/\n");
  EXPECT_FALSE(parse({"scan", "--target-url", "https://staging.example.com/"}).exit_now);
}

TEST(FailFastOption, AbsentLeavesTheDefaultAndFlagsSetIt) {
  EXPECT_EQ(parse({"scan"}).options.fail_fast, std::nullopt);
  EXPECT_EQ(parse({"scan", "--fail-fast"}).options.fail_fast, true);
  EXPECT_EQ(parse({"scan", "--no-fail-fast"}).options.fail_fast, false);
}

}  // namespace
}  // namespace lamina

namespace lamina {
namespace {

CommandLine parse_words(std::vector<std::string> words) {
  std::vector<const char*> argv{"lamina"};
  for (const std::string& w : words) argv.push_back(w.c_str());
  return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

TEST(NearMisses, AnUnknownFlagOrCommandNamesTheClosestOne) {
  CommandLine flag = parse_words({"scan", "--fial-on", "sev2"});
  ASSERT_TRUE(flag.exit_now);
  EXPECT_EQ(*flag.exit_now, 2);
  EXPECT_NE(flag.output.find("--fial-on: did you mean --fail-on?"), std::string::npos)
      << flag.output;
  CommandLine command = parse_words({"scna"});
  EXPECT_NE(command.output.find("scna: did you mean scan?"), std::string::npos) << command.output;
  CommandLine plan = parse_words({"plan", "--publish", "check"});  // a flag of another command
  EXPECT_EQ(plan.output.find("did you mean --publish"), std::string::npos) << plan.output;
  CommandLine nothing_close = parse_words({"scan", "--bogus-thing"});
  EXPECT_EQ(nothing_close.output.find("did you mean"), std::string::npos) << nothing_close.output;
}

}  // namespace
}  // namespace lamina
