// Inputs the fuzzers of fuzz/ found, each fed again to the function that failed on it, with the
// property that failed. The inputs live in tests/data/fuzz-regressions/<target>/.
#include <gtest/gtest.h>

#include "test_support.h"
#include "util/file_io.h"
#include "util/glob.h"
#include "util/glob_set.h"
#include "util/markdown.h"
#include "util/text.h"

namespace lamina {
namespace {

std::string regression(const std::string& name) {
  std::optional<std::string> bytes =
      read_file(test::source_path("tests/data/fuzz-regressions/" + name));
  EXPECT_TRUE(bytes) << name;
  return bytes.value_or("");
}

// fuzz_markdown: a right-to-left override (U+202E) and a C1 control (U+0085) passed through to
// the job summary, where they reorder or break what the reader sees.
TEST(FuzzRegressions, MarkdownDropsBidiOverridesAndC1Controls) {
  std::string input = regression("markdown/bidi-override-and-c1-control");
  ASSERT_NE(input.find("\xE2\x80\xAE"), std::string::npos);
  std::string out = markdown_inert(input);
  EXPECT_EQ(out.find("\xE2\x80\xAE"), std::string::npos) << out;
  EXPECT_EQ(out.find("\xC2\x85"), std::string::npos) << out;
  EXPECT_EQ(replace_invisible_controls(out, "?"), out);
  EXPECT_EQ(out, "&#xFFFD;\\[31mred\xEF\xBF\xBD bidi \xEF\xBF\xBD nel\xEF\xBF\xBD");
}

// Splits off the text before the first `separator`, as fuzz/fuzz_check.h's take_part does.
std::string_view take(std::string_view& input, char separator) {
  size_t at = input.find(separator);
  std::string_view part = input.substr(0, at);
  input.remove_prefix(at == std::string_view::npos ? input.size() : at + 1);
  return part;
}

// fuzz_glob: 27 stars in a row made the backtracking matcher try ~|text|^27 splits of each path
// (a timeout; a .lamina.yml `exclude` could hang the plan). The input is read as the target
// reads it: tab-separated patterns, then one path per line.
TEST(FuzzRegressions, GlobWithManyStarsMatchesInPolynomialSteps) {
  std::string input = regression("glob/many-stars-backtracking");
  std::string_view rest = input;
  std::string_view patterns = take(rest, '\n');
  GlobSet set;
  uint32_t group = 0, id = 0;
  std::string error;
  while (!patterns.empty()) set.add(take(patterns, '\t'), group++, &id, &error);
  std::vector<std::string> matched;
  std::vector<GlobHit> hits;
  while (!rest.empty()) {
    std::string_view path = take(rest, '\n');
    set.match(path, &hits);
    for (const GlobHit& hit : hits)
      matched.push_back(std::string(path) + " " + set.glob(hit.glob).text);
  }
  EXPECT_EQ(matched, std::vector<std::string>({}));
}

TEST(FuzzRegressions, GlobStarRunsStillMatchLikeOneStar) {
  const std::string stars = "**/" + std::string(30, '*') + "t";
  Glob glob;
  std::string error;
  ASSERT_TRUE(compile_glob(stars, &glob, &error)) << error;
  const std::string long_name(60, 'a');
  EXPECT_FALSE(glob_body_matches(glob.body, long_name + "/" + long_name + "x"));
  EXPECT_TRUE(glob_body_matches(glob.body, long_name + "/" + long_name + "t"));
  EXPECT_TRUE(glob_body_matches("*a*a*a*a*a*a*a*a*a*a*b", std::string(80, 'a') + "b"));
  EXPECT_FALSE(glob_body_matches("*a*a*a*a*a*a*a*a*a*a*b", std::string(80, 'a')));
}

}  // namespace
}  // namespace lamina
