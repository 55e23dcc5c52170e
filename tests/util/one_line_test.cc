#include "util/text.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(Printable, KeepsPlainTextAndUtf8) {
  EXPECT_EQ(one_line("feature/ünïcode-✓"), "feature/ünïcode-✓");
}

TEST(Printable, ReplacesControlCharacters) {
  EXPECT_EQ(one_line("a\nb\r\tc\x1b[0m\x7f"), "a?b??c?[0m?");
}

TEST(Printable, ReplacesC1AndBidiAndLineSeparators) {
  EXPECT_EQ(one_line("x\u0085y\u202ez\u2066w\u2028v\u200f"), "x?y?z?w?v?");
}

TEST(Printable, ReplacesInvalidUtf8ByteByByte) {
  EXPECT_EQ(one_line("ok\xff\xc3x\xed\xa0\x80"), "ok??x???");
}

TEST(Printable, CutsLongTextAtACharacterBoundary) {
  EXPECT_EQ(one_line("abcdé", 5), "abcd...");
  EXPECT_EQ(one_line("abcde", 5), "abcde");
}

TEST(InQuotes, QuotesThePrintableText) {
  EXPECT_EQ(in_quotes("a\"b\n"), "\"a\"b?\"");
}

}  // namespace
}  // namespace lamina
