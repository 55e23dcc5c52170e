#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace lamina {
namespace {

TEST(Version, PrintsVersionCommitAndLibgit2) {
  test::ProcessOutput out = test::run_lamina({"--version"});
  EXPECT_EQ(out.exit_code, 0);
  EXPECT_THAT(out.out,
              ::testing::MatchesRegex(
                  "lamina [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit ([0-9a-f]+(-dirty)?|unknown), "
                  "libgit2 1\\.[0-9]+\\.[0-9]+\\)\n"));
}

TEST(Version, UnknownFlagIsAUsageError) {
  test::ProcessOutput out = test::run_lamina({"--no-such-flag"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.err.find("--no-such-flag"), std::string::npos);
}

}  // namespace
}  // namespace lamina
