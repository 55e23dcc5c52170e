// Replacing the report-file placeholder.
#include "exec/out_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lamina {
namespace {

using ::testing::ElementsAre;

TEST(OutToken, ReplacedAloneAndInsideArguments) {
  EXPECT_THAT(replace_out_token({"tool", "{out}", "--sarif={out}", "x{out}{out}"},
                                {{1, 0}, {2, 8}, {3, 1}, {3, 6}}, "/r/1.out"),
              ElementsAre("tool", "/r/1.out", "--sarif=/r/1.out", "x/r/1.out/r/1.out"));
}

TEST(OutToken, PathContainingTheTokenIsNotExpandedAgain) {
  EXPECT_THAT(replace_out_token({"{out}"}, {{0, 0}}, "/tmp/{out}"), ElementsAre("/tmp/{out}"));
}

TEST(OutToken, OnlyTheMarkedSlotsAreReplacedNeverAFileNamedLikeTheToken) {
  EXPECT_THAT(
      replace_out_token({"tool", "-o", "{out}", "config{out}.js", "{out}"}, {{2, 0}}, "/r/1.out"),
      ElementsAre("tool", "-o", "/r/1.out", "config{out}.js", "{out}"));
}

TEST(OutToken, ASlotThatNoLongerHoldsTheTokenChangesNothing) {
  EXPECT_THAT(replace_out_token({"tool", "abc"}, {{1, 0}, {5, 0}}, "/r/1.out"),
              ElementsAre("tool", "abc"));
}

}  // namespace
}  // namespace lamina
