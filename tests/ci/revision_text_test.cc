#include "ci/revision_text.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(RevisionText, CommitShaIsFortyOrSixtyFourHexDigits) {
  EXPECT_TRUE(is_commit_sha("f95f852bd8fca8fcc58a9a2d6c842781e32a215e"));
  EXPECT_TRUE(is_commit_sha(std::string(64, 'A')));
  EXPECT_FALSE(is_commit_sha("f95f852"));
  EXPECT_FALSE(is_commit_sha(std::string(41, 'a')));
  EXPECT_FALSE(is_commit_sha(std::string(39, 'a') + "g"));
}

TEST(RevisionText, NullShaIsAllZeros) {
  EXPECT_TRUE(is_null_sha(std::string(40, '0')));
  EXPECT_TRUE(is_null_sha(std::string(64, '0')));
  EXPECT_FALSE(is_null_sha(std::string(39, '0') + "1"));
  EXPECT_FALSE(is_null_sha("0"));
}

TEST(RevisionText, ShortShaIsSevenDigits) {
  EXPECT_EQ(short_sha("f95f852bd8fca8fc"), "f95f852");
}

TEST(RevisionText, BranchNamesFollowGitRules) {
  for (const char* good : {"main", "feature/x-1", "release/v1.2", "ünïcode"}) {
    EXPECT_TRUE(is_branch_name(good)) << good;
  }
  for (const char* bad : {"",       "-x",        "--upload-pack=evil",
                          "a..b",   "a b",       "a\nb",
                          "a~1",    "a^",        "a:b",
                          "a?",     "a*",        "a[",
                          "a\\b",   "a@{1}",     "@",
                          "a/",     "/a",        "a//b",
                          "a.",     ".a",        "a/.b",
                          "a.lock", "a/b.lock/c"}) {
    EXPECT_FALSE(is_branch_name(bad)) << bad;
  }
}

TEST(RevisionText, CommandLineRevisionsCannotLookLikeOptions) {
  EXPECT_TRUE(is_revision_text("origin/main"));
  EXPECT_TRUE(is_revision_text("HEAD~3"));
  EXPECT_TRUE(is_revision_text("HEAD@{2 days ago}"));
  EXPECT_FALSE(is_revision_text(""));
  EXPECT_FALSE(is_revision_text("--output=x"));
  EXPECT_FALSE(is_revision_text("main\n"));
}

TEST(RevisionText, RequestNumbersArePositiveDecimals) {
  EXPECT_EQ(parse_request_number("42"), 42);
  EXPECT_EQ(parse_request_number("0"), std::nullopt);
  EXPECT_EQ(parse_request_number("-3"), std::nullopt);
  EXPECT_EQ(parse_request_number("+3"), std::nullopt);
  EXPECT_EQ(parse_request_number("4a"), std::nullopt);
  EXPECT_EQ(parse_request_number(""), std::nullopt);
  EXPECT_EQ(parse_request_number("99999999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace lamina
