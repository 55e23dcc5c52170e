// Longest-first order and the critical path, computed from plain values.
#include "exec/schedule.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lamina {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::ElementsAre;

Invocation invocation(const std::string& id, seconds expected) {
  Invocation inv;
  inv.scanner_id = id;
  inv.expected_duration = expected;
  return inv;
}

RunResult result(const std::string& id, int start_s, int end_s, size_t started_after) {
  RunResult r;
  r.invocation.scanner_id = id;
  r.start_time = std::chrono::system_clock::time_point(seconds(start_s));
  r.end_time = std::chrono::system_clock::time_point(seconds(end_s));
  r.started_after = started_after;
  return r;
}

TEST(LongestFirst, OrdersByExpectedDurationKeepingPlanOrderForTies) {
  EXPECT_THAT(longest_first({invocation("a", seconds(1)), invocation("b", seconds(9)),
                             invocation("c", seconds(1)), invocation("d", seconds(5))},
                            {}),
              ElementsAre(1u, 3u, 0u, 2u));
}

TEST(LongestFirst, MeasuredTimingsReplaceTheEstimate) {
  EXPECT_THAT(longest_first({invocation("a", seconds(1)), invocation("b", seconds(9))},
                            {{"a", seconds(20)}}),
              ElementsAre(0u, 1u));
  EXPECT_EQ(expected_duration(invocation("b", seconds(9)), {{"a", seconds(20)}}), seconds(9));
}

TEST(CriticalPath, ChainOfSlotsBackFromTheLastToEnd) {
  // Two slots: a (0-10) and b (0-3) start at once; c takes b's slot (3-6), d takes c's (6-12).
  std::vector<RunResult> results{result("a", 0, 10, kNoInvocation),
                                 result("b", 0, 3, kNoInvocation), result("c", 3, 6, 1),
                                 result("d", 6, 12, 2)};
  EXPECT_THAT(critical_path(results), ElementsAre(1u, 2u, 3u));
  EXPECT_EQ(describe_critical_path(results), "b (3.0s) -> c (3.0s) -> d (6.0s)");
}

TEST(CriticalPath, NothingRanNothingToSay) {
  EXPECT_TRUE(critical_path({}).empty());
  EXPECT_EQ(describe_critical_path({}), "");
}

}  // namespace
}  // namespace lamina
