// The git commands lamina prints are pasted into shells: any branch name git accepts must come
// out as one word that the shell passes to git unchanged.
#include "git/fix_command.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace lamina::git {
namespace {

TEST(FixCommand, PlainArgumentsAreLeftAsTheyAre) {
  EXPECT_EQ(git_command_text({"fetch", "--no-tags", "--depth=1", "--", "origin",
                              branch_refspec("origin", "release/1.2")}),
            "git fetch --no-tags --depth=1 -- origin "
            "+refs/heads/release/1.2:refs/remotes/origin/release/1.2");
}

// The shell itself is the judge: the quoted command, echoed through sh, gives back the argument.
TEST(FixCommand, ShellCharactersInABranchNameAreQuotedSoTheShellPassesThemThrough) {
  for (std::string branch : {"a;touch /tmp/lamina-pwned", "it's", "$(id)", "a|b", "x`y`", "a&b"}) {
    std::string text = git_command_text({branch});
    std::string command = "printf %s " + text.substr(4);
    FILE* shell = ::popen(command.c_str(), "r");
    ASSERT_NE(shell, nullptr);
    char buffer[256] = {};
    size_t n = std::fread(buffer, 1, sizeof buffer - 1, shell);
    ::pclose(shell);
    EXPECT_EQ(std::string(buffer, n), branch) << text;
  }
}

}  // namespace
}  // namespace lamina::git
