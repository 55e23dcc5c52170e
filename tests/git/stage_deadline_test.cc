// A planning stage that overruns its deadline ends the process with exit 3 and says which stage;
// one that finishes in time is not disturbed (issue 13 item 9).
#include "git/stage_deadline.h"

#include <gtest/gtest.h>

#include <thread>

namespace lamina {
namespace {

TEST(StageDeadlineDeathTest, AStageStillRunningAtTheDeadlineExitsThreeNamingIt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        StageDeadline deadline("computing the change set", std::chrono::milliseconds(200));
        std::this_thread::sleep_for(std::chrono::seconds(30));  // a hang in a library call
      },
      ::testing::ExitedWithCode(3),
      "lamina: computing the change set did not finish within 0.2 s; stopping \\(exit 3\\)");
}

TEST(StageDeadline, AStageThatFinishesInTimeIsNotDisturbed) {
  auto start = std::chrono::steady_clock::now();
  {
    StageDeadline deadline("planning", std::chrono::seconds(30));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Leaving the scope disarms the deadline at once, without waiting for it.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(StageDeadline, ZeroMeansNoDeadline) {
  StageDeadline deadline("planning", std::chrono::milliseconds(0));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // An armed zero deadline would have ended the test binary (exit 3) by now.
}

}  // namespace
}  // namespace lamina
