#include "util/duration.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

using std::chrono::milliseconds;

TEST(DurationTest, ParsesUnitsAndCombinations) {
  EXPECT_EQ(parse_duration("30s"), milliseconds(30000));
  EXPECT_EQ(parse_duration("5m"), milliseconds(300000));
  EXPECT_EQ(parse_duration("1h30m"), milliseconds(5400000));
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
}

TEST(DurationTest, RejectsBareNumbersUnknownUnitsAndJunk) {
  EXPECT_EQ(parse_duration("30"), std::nullopt);
  EXPECT_EQ(parse_duration("5x"), std::nullopt);
  EXPECT_EQ(parse_duration("m"), std::nullopt);
  EXPECT_EQ(parse_duration(""), std::nullopt);
  EXPECT_EQ(parse_duration("-5s"), std::nullopt);
  EXPECT_EQ(parse_duration("5 s"), std::nullopt);
}

TEST(DurationTest, FormatsTheShortestExactSpelling) {
  EXPECT_EQ(duration_text(milliseconds(300000)), "5m");
  EXPECT_EQ(duration_text(milliseconds(90000)), "1m30s");
  EXPECT_EQ(duration_text(milliseconds(1500)), "1s500ms");
  EXPECT_EQ(duration_text(milliseconds(0)), "0s");
}

}  // namespace
}  // namespace lamina
