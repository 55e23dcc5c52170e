// Inputs the fuzzers of fuzz/ found, each fed again to the function that failed on it, with the
// property that failed. The inputs live in tests/data/fuzz-regressions/<target>/.
#include <gtest/gtest.h>

#include "report/markdown.h"
#include "test_support.h"
#include "util/file_io.h"
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

}  // namespace
}  // namespace lamina
