#include "model/paths.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

PathResolution resolve(std::string_view tool_path, std::string_view cwd = "/repo") {
  return repository_path(tool_path, "/repo", cwd);
}

TEST(ParsePaths, RelativePathResolvesAgainstWorkingDirectory) {
  EXPECT_EQ(resolve("src/a.c", "/repo/sub").path, "sub/src/a.c");
}

TEST(ParsePaths, DotSegmentsAreRemoved) {
  EXPECT_EQ(resolve("./src/../lib/./b.c").path, "lib/b.c");
}

TEST(ParsePaths, AbsolutePathInsideRepositoryBecomesRelative) {
  EXPECT_EQ(resolve("/repo/lib/b.c").path, "lib/b.c");
}

TEST(ParsePaths, AbsolutePathOutsideRepositoryIsRefused) {
  PathResolution r = resolve("/etc/passwd");
  EXPECT_FALSE(r.path);
  EXPECT_EQ(r.refusal, "outside the repository");
}

TEST(ParsePaths, SiblingDirectorySharingThePrefixIsRefused) {
  EXPECT_FALSE(resolve("/repository-other/x.c").path);
}

TEST(ParsePaths, EscapeThroughDotDotIsRefused) {
  EXPECT_FALSE(resolve("../outside.c").path);
  EXPECT_FALSE(resolve("src/../../outside.c").path);
  EXPECT_FALSE(resolve("/repo/../etc/passwd").path);
}

TEST(ParsePaths, RepositoryRootItselfIsNotAFile) {
  EXPECT_FALSE(resolve(".").path);
  EXPECT_FALSE(resolve("/repo/").path);
}

TEST(ParsePaths, FileUriIsPercentDecoded) {
  EXPECT_EQ(resolve("file:///repo/my%20dir/a%2Bb.c").path, "my dir/a+b.c");
  EXPECT_EQ(resolve("file://localhost/repo/a.c").path, "a.c");
  EXPECT_EQ(resolve("file:/repo/a.c").path, "a.c");
}

TEST(ParsePaths, FileUriOnAnotherHostIsRefused) {
  EXPECT_EQ(resolve("file://build-host/repo/a.c").refusal, "not a local file URI");
}

TEST(ParsePaths, MalformedPercentEscapeIsRefused) {
  EXPECT_EQ(resolve("file:///repo/a%2.c").refusal, "not a local file URI");
}

TEST(ParsePaths, WindowsFileUriIsOutsideRepository) {
  EXPECT_EQ(resolve("file:///C:/codeql/a.py").refusal, "outside the repository");
}

TEST(ParsePaths, HttpUriIsNotAFilePath) {
  EXPECT_EQ(resolve("http://example.com/a").refusal, "not a file path (URI scheme)");
}

TEST(ParsePaths, EmptyAndNulPathsAreRefused) {
  EXPECT_EQ(resolve("").refusal, "empty path");
  EXPECT_EQ(resolve(std::string_view("a\0b", 3)).refusal, "NUL byte in path");
}

// git allows them in names: a finding on "a\nb.sh" that a pull request adds must still gate.
TEST(ParsePaths, ControlCharactersInPathAreKept) {
  EXPECT_EQ(resolve("\x1b[01ma.c").path, "\x1b[01ma.c");
  EXPECT_EQ(resolve("a.c\n::error::x").path, "a.c\n::error::x");
  EXPECT_EQ(resolve("file:///repo/a%0Ab.c").path, "a\nb.c");
}

TEST(ParsePaths, PercentDecodeRejectsTruncatedEscape) {
  EXPECT_EQ(percent_decode("a%41"), "aA");
  EXPECT_FALSE(percent_decode("a%4"));
  EXPECT_FALSE(percent_decode("a%zz"));
}

TEST(ParsePaths, LexicallyNormalKeepsLeadingDotDotOfRelativePath) {
  EXPECT_EQ(lexically_normal("../a/./b/../c"), "../a/c");
  EXPECT_EQ(lexically_normal("/../a"), "/a");
}

TEST(ParseRegion, ValidRegionIsKeptWithoutNotes) {
  std::vector<std::string> notes;
  Region r = clamp_region({3, 5, 4, 9}, notes);
  EXPECT_EQ(r.start_line, 3u);
  EXPECT_EQ(r.start_column, 5u);
  EXPECT_EQ(r.end_line, 4u);
  EXPECT_EQ(r.end_column, 9u);
  EXPECT_TRUE(notes.empty());
}

TEST(ParseRegion, ZeroAndNegativeNumbersAreClampedToOneAndNoted) {
  std::vector<std::string> notes;
  Region r = clamp_region({0, -4, std::nullopt, std::nullopt}, notes);
  EXPECT_EQ(r.start_line, 1u);
  EXPECT_EQ(r.start_column, 1u);
  EXPECT_EQ(notes,
            (std::vector<std::string>{"startLine 0 clamped to 1", "startColumn -4 clamped to 1"}));
}

TEST(ParseRegion, HugeNumbersAreClampedToTheMaximum) {
  std::vector<std::string> notes;
  Region r = clamp_region({int64_t{1} << 40, std::nullopt, std::nullopt, std::nullopt}, notes);
  EXPECT_EQ(r.start_line, 2147483647u);
  EXPECT_EQ(notes, (std::vector<std::string>{"startLine 1099511627776 clamped to 2147483647"}));
}

TEST(ParseRegion, EndLineBeforeStartLineIsRaised) {
  std::vector<std::string> notes;
  Region r = clamp_region({7, std::nullopt, 3, std::nullopt}, notes);
  EXPECT_EQ(r.end_line, 7u);
  EXPECT_EQ(notes, (std::vector<std::string>{"endLine 3 before startLine 7 set to 7"}));
}

TEST(ParseRegion, RegionWithoutStartLineIsDroppedNotInvented) {
  std::vector<std::string> notes;
  Region r = clamp_region({std::nullopt, 4, 9, std::nullopt}, notes);
  EXPECT_EQ(r.start_line, 0u);
  EXPECT_EQ(r.end_line, 0u);
  EXPECT_EQ(notes, (std::vector<std::string>{"region without startLine ignored"}));
}

}  // namespace
}  // namespace lamina
