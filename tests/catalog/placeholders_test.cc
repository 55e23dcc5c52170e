// Placeholders in command templates.
#include "catalog/placeholders.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

using Unfilled = std::vector<std::pair<size_t, std::string>>;

TEST(Placeholders, NamesInOrderAndDoubledBracesAreLiteral) {
  EXPECT_EQ(placeholders_in("{repo}/x/{out}"), (std::vector<std::string>{"repo", "out"}));
  EXPECT_TRUE(placeholders_in("{{json .}}").empty());
}

TEST(Placeholders, FillsKnownNamesAndMarksWhereTheOthersWereKept) {
  FilledArgument a = fill_placeholders("--root={root},--sarif={out}", {{"root", "/r"}});
  EXPECT_EQ(a.text, "--root=/r,--sarif={out}");
  EXPECT_EQ(a.unfilled, (Unfilled{{18, "out"}}));
}

TEST(Placeholders, AFilledValueHoldingAPlaceholderIsTextNotAPlaceholder) {
  FilledArgument a = fill_placeholders("{root}/{out}", {{"root", "/r/x{out}{files}"}});
  EXPECT_EQ(a.text, "/r/x{out}{files}/{out}");
  EXPECT_EQ(a.unfilled, (Unfilled{{17, "out"}}));
}

}  // namespace
}  // namespace lamina
