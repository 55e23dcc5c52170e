// How a result reads in one line.
#include "exec/run_result.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace lamina {
namespace {

using std::chrono::milliseconds;

RunResult lasting(milliseconds duration, RunStatus status) {
  RunResult r;
  r.status = status;
  r.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(100));
  r.end_time = r.start_time + duration;
  return r;
}

TEST(FormatDuration, SecondsWithATenthThenMinutes) {
  EXPECT_EQ(format_duration(milliseconds(0)), "0.0s");
  EXPECT_EQ(format_duration(milliseconds(2345)), "2.3s");
  EXPECT_EQ(format_duration(milliseconds(65'000)), "1m05s");
}

TEST(DescribeOutcome, EachStatus) {
  RunResult exited = lasting(milliseconds(1200), RunStatus::exited);
  exited.exit_code = 1;
  EXPECT_EQ(describe_outcome(exited), "exited 1 after 1.2s");
  RunResult crashed = lasting(milliseconds(100), RunStatus::signaled);
  crashed.term_signal = SIGSEGV;
  EXPECT_EQ(describe_outcome(crashed), "killed by signal 11 (Segmentation fault) after 0.1s");
  RunResult missing = lasting(milliseconds(0), RunStatus::spawn_failed);
  missing.error = "semgrep: not found in PATH";
  EXPECT_EQ(describe_outcome(missing), "could not start: semgrep: not found in PATH");
  RunResult slow = lasting(milliseconds(5000), RunStatus::timed_out);
  slow.error = "timed out at its 5.0s timeout";
  EXPECT_EQ(describe_outcome(slow), "timed out at its 5.0s timeout after 5.0s");
  RunResult skipped = lasting(milliseconds(0), RunStatus::cancelled);
  skipped.error = "not started: cancelled by fail-fast after gitleaks finished";
  EXPECT_EQ(describe_outcome(skipped), skipped.error);
}

}  // namespace
}  // namespace lamina
