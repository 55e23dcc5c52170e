#include "util/text.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(Utf8, AcceptsAsciiAndMultibyte) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xBC\xF0\x9F\x98\x80"));  // ü😀
}

TEST(Utf8, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(is_valid_utf8("a\xFF"));
}

TEST(Utf8, ReplacesEachInvalidByteWithReplacementCharacter) {
  EXPECT_EQ(to_valid_utf8("a\xFF"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(to_valid_utf8("\xC3\xBC"), "\xC3\xBC");
}

TEST(Printable, EscapesControlsBackslashAndInvalidBytesButKeepsUnicode) {
  EXPECT_EQ(printable("a\nb.sh"), "a\\nb.sh");
  EXPECT_EQ(printable("\x1b[31mred\r"), "\\x1b[31mred\\r");
  EXPECT_EQ(printable("x\\y\x7f\xFF"), "x\\\\y\\x7f\\xff");
  EXPECT_EQ(printable("\xC3\xBC\xF0\x9F\x98\x80.sh"), "\xC3\xBC\xF0\x9F\x98\x80.sh");
}

TEST(Printable, EscapesBidiOverridesAndLineSeparators) {
  EXPECT_EQ(printable("a\xE2\x80\xAE"
                      "b"),
            "a\\xe2\\x80\\xaeb");  // U+202E
  EXPECT_EQ(printable("a\xE2\x80\xA8"
                      "b"),
            "a\\xe2\\x80\\xa8b");  // U+2028
}

TEST(PrintableLines, KeepsLinesAndTabsAndShowsEscapesAsText) {
  EXPECT_EQ(printable_lines("a\tb\n\x1b[31mred\r\n\x07"), "a\tb\n\\x1b[31mred\\r\n\\x07");
  EXPECT_EQ(printable_lines(""), "");
}

TEST(WithoutControls, ReplacesTerminalControlsAndKeepsLineEnds) {
  EXPECT_EQ(without_controls("a\x1b[31mb\x07\x7f\r\n\tc"),
            "a\xEF\xBF\xBD[31mb\xEF\xBF\xBD\xEF\xBF\xBD\r\n\tc");
  EXPECT_EQ(without_controls("\xC2\x9B"
                             "1m \xE2\x80\xAE \xFF ü😀"),  // C1 CSI, U+202E, bad byte
            "\xEF\xBF\xBD"
            "1m \xEF\xBF\xBD \xEF\xBF\xBD ü😀");
}

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

}  // namespace
}  // namespace lamina
