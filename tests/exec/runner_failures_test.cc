// Bad input for the runner: each failure is a precise result, and other scanners' results stay.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include "scanner_scripts.h"

namespace lamina {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

class RunnerFailures : public test::ScannerScripts {};

TEST_F(RunnerFailures, MissingCommandIsASpawnFailureAndOthersStillRun) {
  Invocation missing = script("missing", "");
  missing.argv = {"lamina-no-such-scanner"};
  auto results = run({missing, script("fine", "echo fine")});
  EXPECT_EQ(results[0].status, RunStatus::spawn_failed);
  EXPECT_EQ(results[0].error, "lamina-no-such-scanner: not found in PATH");
  EXPECT_EQ(results[1].status, RunStatus::exited);
  EXPECT_EQ(results[1].stdout_data, "fine\n");
}

TEST_F(RunnerFailures, DirectoryAsProgramIsASpawnFailure) {
  Invocation directory = script("directory", "");
  directory.argv = {dir_.path()};
  auto results = run({directory});
  EXPECT_EQ(results[0].status, RunStatus::spawn_failed);
  EXPECT_EQ(results[0].error, dir_.path() + ": is a directory, not a program");
}

TEST_F(RunnerFailures, ProgramWithoutExecutePermissionIsASpawnFailure) {
  Invocation plain = script("plain", "echo never");
  ::chmod(plain.argv[0].c_str(), 0644);
  auto results = run({plain});
  EXPECT_EQ(results[0].status, RunStatus::spawn_failed);
  EXPECT_EQ(results[0].error, plain.argv[0] + ": not executable (no execute permission)");
}

TEST_F(RunnerFailures, MissingInterpreterIsASpawnFailureSayingSo) {
  Invocation orphan = script("orphan", "");
  test::write_file(orphan.argv[0], "#!/no/such/interpreter\n");
  auto results = run({orphan});
  EXPECT_EQ(results[0].status, RunStatus::spawn_failed);
  EXPECT_EQ(results[0].error,
            orphan.argv[0] + ": its #! interpreter or its dynamic loader does not exist");
}

TEST_F(RunnerFailures, MissingWorkingDirectoryIsASpawnFailure) {
  Invocation elsewhere = script("elsewhere", "echo never");
  elsewhere.cwd = dir_.file("gone");
  auto results = run({elsewhere});
  EXPECT_EQ(results[0].status, RunStatus::spawn_failed);
  EXPECT_EQ(results[0].error,
            "working directory " + dir_.file("gone") + ": No such file or directory");
}

TEST_F(RunnerFailures, FileAsWorkingDirectoryIsASpawnFailure) {
  test::write_file(dir_.file("notes.txt"), "x");
  Invocation elsewhere = script("elsewhere", "echo never");
  elsewhere.cwd = dir_.file("notes.txt");
  auto results = run({elsewhere});
  EXPECT_EQ(results[0].status, RunStatus::spawn_failed);
  EXPECT_EQ(results[0].error,
            "working directory " + dir_.file("notes.txt") + " is not a directory");
}

TEST_F(RunnerFailures, NonZeroExitIsAnOrdinaryExitWithItsCode) {
  auto results = run({script("findings", "echo '[]'; exit 3")});
  EXPECT_EQ(results[0].status, RunStatus::exited);
  EXPECT_EQ(results[0].exit_code, 3);
  EXPECT_EQ(results[0].stdout_data, "[]\n");
  EXPECT_EQ(results[0].error, "");
}

TEST_F(RunnerFailures, TimeoutKeepsPartialOutput) {
  auto results = run({script("slow", "echo partial; echo warn >&2; sleep 30", milliseconds(300))});
  EXPECT_EQ(results[0].status, RunStatus::timed_out);
  EXPECT_EQ(results[0].error, "timed out at its 0.3s timeout");
  EXPECT_EQ(results[0].stdout_data, "partial\n");
  EXPECT_EQ(results[0].stderr_data, "warn\n");
  EXPECT_EQ(results[0].term_signal, SIGTERM);
  EXPECT_LT(test::seconds(results[0]), 2.0);
}

TEST_F(RunnerFailures, ClosingStdoutAndRunningOnStillTimesOut) {
  auto results = run({script("quiet", "echo early; exec >&- 2>&-; sleep 30", milliseconds(300))});
  EXPECT_EQ(results[0].status, RunStatus::timed_out);
  EXPECT_EQ(results[0].stdout_data, "early\n");
  EXPECT_LT(test::seconds(results[0]), 2.0);
}

TEST_F(RunnerFailures, IgnoringSigtermGetsSigkillAfterTheGrace) {
  auto results = run(
      {script("stubborn", "trap '' TERM; echo $$ > stubborn.pid; sleep 30", milliseconds(200))});
  EXPECT_EQ(results[0].status, RunStatus::timed_out);
  EXPECT_EQ(results[0].term_signal, SIGKILL);
  EXPECT_GE(test::seconds(results[0]), 0.5);  // timeout + 300 ms grace
  EXPECT_LT(test::seconds(results[0]), 2.0);
  EXPECT_FALSE(test::still_running(pid_in("stubborn.pid")));
}

TEST_F(RunnerFailures, DaemonHoldingThePipeDoesNotHoldTheRunAndDies) {
  auto results = run({script("daemon", "sleep 30 & echo $! > daemon.pid; echo started")});
  EXPECT_EQ(results[0].status, RunStatus::exited);
  EXPECT_EQ(results[0].exit_code, 0);
  EXPECT_EQ(results[0].stdout_data, "started\n");
  EXPECT_LT(test::seconds(results[0]), 2.0);
  EXPECT_FALSE(test::still_running(pid_in("daemon.pid")));
}

// A daemon that left the group (setsid) cannot be killed with it: the run still ends shortly
// after the scanner does, without waiting for the pipe it holds, and the daemon, reparented to
// lamina as subreaper, is stopped when the run ends.
TEST_F(RunnerFailures, DaemonThatLeftTheGroupDoesNotHoldTheRunAndDies) {
  auto results = run({script("escapee", "setsid sleep 30 & echo $! > escapee.pid; echo started")});
  pid_t escapee = pid_in("escapee.pid");
  EXPECT_EQ(results[0].status, RunStatus::exited);
  EXPECT_EQ(results[0].stdout_data, "started\n");
  EXPECT_LT(test::seconds(results[0]), 2.0);
  ASSERT_GT(escapee, 0);
  EXPECT_FALSE(test::still_running(escapee));
}

TEST_F(RunnerFailures, HugeStderrIsOutputTooLarge) {
  RunOptions opts = options();
  opts.capture_limit = 1 << 20;
  auto results = run({script("noisy", "echo report; head -c 2000000000 /dev/zero >&2")}, opts);
  EXPECT_EQ(results[0].status, RunStatus::output_too_large);
  EXPECT_EQ(results[0].error, "stderr passed the capture limit of 1 MiB");
  EXPECT_EQ(results[0].stdout_data, "report\n");
  EXPECT_EQ(results[0].stderr_data.size(), kKeptOfOversizedStream);
  EXPECT_GT(results[0].stderr_bytes, size_t{1} << 20);
  EXPECT_LT(test::seconds(results[0]), 3.0);
}

// The 2 GB case with the real default limit: stopped after 512 MiB, in well under a second.
TEST_F(RunnerFailures, TwoGigabytesOfStderrAtTheDefaultLimit) {
  auto results = run({script("flood", "head -c 2000000000 /dev/zero >&2")});
  EXPECT_EQ(results[0].status, RunStatus::output_too_large);
  EXPECT_EQ(results[0].error, "stderr passed the capture limit of 512 MiB");
  EXPECT_LT(test::seconds(results[0]), 5.0);
}

TEST_F(RunnerFailures, OutputAtTheLimitIsKeptWhole) {
  RunOptions opts = options();
  opts.capture_limit = 100000;
  auto results = run({script("exact", "head -c 100000 /dev/zero")}, opts);
  EXPECT_EQ(results[0].status, RunStatus::exited);
  EXPECT_EQ(results[0].stdout_data, std::string(100000, '\0'));
}

TEST_F(RunnerFailures, SegfaultIsSignaled) {
  auto results = run({script("crash", "echo before; kill -SEGV $$")});
  EXPECT_EQ(results[0].status, RunStatus::signaled);
  EXPECT_EQ(results[0].term_signal, SIGSEGV);
  EXPECT_EQ(results[0].stdout_data, "before\n");
  EXPECT_THAT(describe_outcome(results[0]),
              ::testing::StartsWith("killed by signal 11 (Segmentation fault) after "));
}

TEST_F(RunnerFailures, BudgetStopsTheRunningAndSkipsThePending) {
  RunOptions opts = options();
  opts.jobs = 1;
  opts.budget = milliseconds(400);
  auto results =
      run({script("first", "echo first; sleep 30"), script("second", "echo never")}, opts);
  EXPECT_EQ(results[0].status, RunStatus::timed_out);
  EXPECT_EQ(results[0].error, "timed out at the layer budget of 0.4s");
  EXPECT_EQ(results[0].stdout_data, "first\n");
  EXPECT_EQ(results[1].status, RunStatus::timed_out);
  EXPECT_EQ(results[1].error, "not started: the layer budget of 0.4s ran out");
  EXPECT_EQ(describe_outcome(results[1]), "not started: the layer budget of 0.4s ran out");
}

}  // namespace
}  // namespace lamina
