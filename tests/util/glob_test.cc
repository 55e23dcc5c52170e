// gitignore-style globs, one pattern at a time.
#include "util/glob.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

Glob compiled(const std::string& pattern) {
  Glob glob;
  std::string error;
  EXPECT_TRUE(compile_glob(pattern, &glob, &error)) << error;
  return glob;
}

TEST(GlobTest, PatternWithoutSlashMatchesNamesAtAnyDepth) {
  Glob glob = compiled("*.sh");
  EXPECT_EQ(glob.kind, GlobKind::name_extension);
  EXPECT_TRUE(glob_matches_name(glob, "run.sh"));
  EXPECT_FALSE(glob_matches_name(glob, "run.shx"));
  EXPECT_FALSE(glob_matches_name(glob, "runsh"));
}

TEST(GlobTest, LeadingDoubleStarSlashIsTheSameAsNoSlash) {
  Glob glob = compiled("**/*.py");
  EXPECT_EQ(glob.kind, GlobKind::name_extension);
  EXPECT_EQ(glob.body, "*.py");
}

TEST(GlobTest, PatternWithSlashIsAnchoredAtTheRoot) {
  Glob glob = compiled(".github/workflows/*.yml");
  EXPECT_EQ(glob.kind, GlobKind::path_generic);
  EXPECT_TRUE(glob_matches_path(glob, ".github/workflows/ci.yml"));
  EXPECT_FALSE(glob_matches_path(glob, "sub/.github/workflows/ci.yml"));
  EXPECT_FALSE(glob_matches_path(glob, ".github/workflows/deep/ci.yml"));
}

TEST(GlobTest, LeadingSlashAnchorsALiteralName) {
  Glob glob = compiled("/Makefile");
  EXPECT_EQ(glob.kind, GlobKind::path_literal);
  EXPECT_TRUE(glob_matches_path(glob, "Makefile"));
  EXPECT_FALSE(glob_matches_name(glob, "Makefile"));
}

TEST(GlobTest, DoubleStarSpansFolders) {
  EXPECT_TRUE(glob_body_matches("src/**/test_*.py", "src/test_a.py"));
  EXPECT_TRUE(glob_body_matches("src/**/test_*.py", "src/a/b/test_a.py"));
  EXPECT_FALSE(glob_body_matches("src/**/test_*.py", "srcx/test_a.py"));
  EXPECT_TRUE(glob_body_matches("k8s/**", "k8s/a/b.yaml"));
}

TEST(GlobTest, StarAndQuestionMarkStopAtSlashes) {
  EXPECT_FALSE(glob_body_matches("src/*.c", "src/a/b.c"));
  EXPECT_FALSE(glob_body_matches("a?b", "a/b"));
  EXPECT_TRUE(glob_body_matches("a?b", "axb"));
}

TEST(GlobTest, ClassesRangesNegationAndEscapes) {
  EXPECT_TRUE(glob_body_matches("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(glob_body_matches("file[!0-9].txt", "file7.txt"));
  EXPECT_TRUE(glob_body_matches("file[!0-9].txt", "fileX.txt"));
  EXPECT_TRUE(glob_body_matches("what\\?.md", "what?.md"));
  EXPECT_FALSE(glob_body_matches("what\\?.md", "whatX.md"));
}

TEST(GlobTest, NegationAndFolderOnlyAreRecorded) {
  Glob glob = compiled("!vendor/");
  EXPECT_TRUE(glob.negated);
  EXPECT_TRUE(glob.dir_only);
  EXPECT_EQ(glob.kind, GlobKind::name_literal);
  EXPECT_EQ(glob.text, "!vendor/");
}

TEST(GlobTest, MultiDotSuffixIsASuffixGlob) {
  Glob glob = compiled("*.tar.gz");
  EXPECT_EQ(glob.kind, GlobKind::name_suffix);
  EXPECT_TRUE(glob_matches_name(glob, "x.tar.gz"));
  EXPECT_FALSE(glob_matches_name(glob, "x.gz"));
}

TEST(GlobTest, GenericNameGlobUsesItsLiteralPrefixAndSuffix) {
  Glob glob = compiled("requirements*.txt");
  EXPECT_EQ(glob.kind, GlobKind::name_generic);
  EXPECT_EQ(glob.required_prefix, "requirements");
  EXPECT_EQ(glob.required_suffix, ".txt");
  EXPECT_TRUE(glob_matches_name(glob, "requirements-dev.txt"));
  EXPECT_FALSE(glob_matches_name(glob, "requirements-dev.in"));
}

TEST(GlobTest, UnclosedClassIsRejected) {
  Glob glob;
  std::string error;
  EXPECT_FALSE(compile_glob("src/[ab", &glob, &error));
  EXPECT_EQ(error, "unclosed '[' in pattern \"src/[ab\"");
}

TEST(GlobTest, EmptyPatternIsRejected) {
  Glob glob;
  std::string error;
  EXPECT_FALSE(compile_glob("!", &glob, &error));
  EXPECT_EQ(error, "empty pattern");
}

}  // namespace
}  // namespace lamina
