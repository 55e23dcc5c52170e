// Replacing the report-file placeholder.
#include "exec/out_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lamina {
namespace {

using ::testing::ElementsAre;

TEST(OutToken, ReplacedAloneAndInsideArguments) {
  EXPECT_THAT(replace_out_token({"tool", "{out}", "--sarif={out}", "x{out}{out}"}, "/r/1.out"),
              ElementsAre("tool", "/r/1.out", "--sarif=/r/1.out", "x/r/1.out/r/1.out"));
}

TEST(OutToken, PathContainingTheTokenIsNotExpandedAgain) {
  EXPECT_THAT(replace_out_token({"{out}"}, "/tmp/{out}"), ElementsAre("/tmp/{out}"));
}

TEST(OutToken, Detection) {
  EXPECT_TRUE(has_out_token({"a", "--output={out}"}));
  EXPECT_FALSE(has_out_token({"a", "{ out }", "{OUT}"}));
}

}  // namespace
}  // namespace lamina
