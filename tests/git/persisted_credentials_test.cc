// The credentials a CI checkout persists in .git/config are out of the file while scanners run
// and back, byte for byte, afterwards (real repositories configured with the git CLI).
#include "git/persisted_credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_support.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina::git {
namespace {

TEST(WithoutCredentials, DropsEveryExtraheaderAndTheUserInformationOfEveryUrl) {
  std::string config =
      "[core]\n\trepositoryformatversion = 0\n"
      "[remote \"origin\"]\n"
      "\turl = https://gitlab-ci-token:glcbt-SECRET1@gitlab.example.com/g/p.git\n"
      "\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
      "[http \"https://github.com/\"]\n"
      "\textraheader = AUTHORIZATION: basic U0VDUkVUMg==\n"
      "[http]\n\tExtraHeader = \"Authorization: bearer SECRET3\"\n"
      "[url \"https://x-access-token:SECRET4@github.com/\"]\n"
      "\tinsteadOf = https://github.com/\n";
  EXPECT_EQ(without_credentials(config),
            "[core]\n\trepositoryformatversion = 0\n"
            "[remote \"origin\"]\n"
            "\turl = https://gitlab.example.com/g/p.git\n"
            "\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
            "[http \"https://github.com/\"]\n"
            "[http]\n"
            "[url \"https://github.com/\"]\n"
            "\tinsteadOf = https://github.com/\n");
}

TEST(WithoutCredentials, DropsAContinuedValueAndKeepsAHeaderOnTheSameLine) {
  EXPECT_EQ(without_credentials("[http] extraheader = AUTHORIZATION: \\\n  basic SECRET\n"
                                "[user]\n\tname = x\n"),
            "[http]\n[user]\n\tname = x\n");
}

TEST(WithoutCredentials, LeavesAConfigurationWithoutCredentialsAsItIs) {
  std::string config =
      "# a comment with https://example.com/x\n[remote \"o\"]\n\turl = git@github.com:o/r.git\n"
      "\tpushurl = https://github.com/o/r.git\n[http]\n\tsslVerify = true\n";
  EXPECT_EQ(without_credentials(config), config);
}

struct CheckoutWithCredentials {
  test::TempDir dir;
  std::string repo = dir.file("repo");
  std::string config = repo + "/.git/config";
  std::string original;

  CheckoutWithCredentials() {
    test::git(dir.path(), {"init", "-q", repo});
    test::git(repo, {"config", "--local", "http.https://github.com/.extraheader",
                     "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX1NFQ1JFVA=="});
    test::git(repo, {"remote", "add", "origin",
                     "https://gitlab-ci-token:glcbt-64_SECRET@gitlab.example.com/g/p.git"});
    original = read_file(config).value();
  }
};

TEST(HeldCredentials, TakesThemOutWhileHeldAndPutsTheFileBackByteForByte) {
  CheckoutWithCredentials c;
  ::chmod(c.config.c_str(), 0640);
  {
    HeldCredentials held(c.repo);
    ASSERT_EQ(held.files().size(), 1u);
    EXPECT_TRUE(held.files()[0].ends_with("/repo/.git/config")) << held.files()[0];
    std::string during = read_file(c.config).value();
    EXPECT_EQ(during.find("eC1hY2Nlc3M"), std::string::npos) << during;
    EXPECT_EQ(during.find("SECRET"), std::string::npos) << during;
    // git itself still reads the file: the remote is there, without its token.
    EXPECT_EQ(test::git(c.repo, {"remote", "get-url", "origin"}),
              "https://gitlab.example.com/g/p.git");
  }
  EXPECT_EQ(read_file(c.config).value(), c.original);
  struct stat st {};
  ASSERT_EQ(::stat(c.config.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

// actions/checkout v6 keeps the header in a file under $RUNNER_TEMP, included from .git/config.
TEST(HeldCredentials, AlsoHoldsAnIncludedCredentialsFile) {
  CheckoutWithCredentials c;
  std::string included = c.dir.file("runner-temp/git-credentials-1234.config");
  test::write_file(
      included, "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic SECRET5\n");
  test::git(c.repo, {"config", "--local", "includeIf.gitdir:" + c.repo + "/.git.path", included});
  std::string original_included = read_file(included).value();
  {
    HeldCredentials held(c.repo);
    EXPECT_EQ(held.files().size(), 2u);
    EXPECT_EQ(read_file(included).value().find("SECRET5"), std::string::npos);
  }
  EXPECT_EQ(read_file(included).value(), original_included);
}

TEST(HeldCredentials, WritesNothingWhenThereIsNothingToHold) {
  test::TempDir dir;
  std::string repo = dir.file("repo");
  test::git(dir.path(), {"init", "-q", repo});
  struct stat before {
  }, after{};
  ASSERT_EQ(::stat((repo + "/.git/config").c_str(), &before), 0);
  {
    HeldCredentials held(repo);
    EXPECT_TRUE(held.files().empty());
  }
  ASSERT_EQ(::stat((repo + "/.git/config").c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
}

}  // namespace
}  // namespace lamina::git
