// How the runner schedules: the jobs bound, longest first, fail-fast, and the critical path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "exec/progress.h"
#include "exec/schedule.h"
#include "scanner_scripts.h"

namespace lamina {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::ElementsAre;

class RunnerSchedule : public test::ScannerScripts {};

// Remembers the order in which processes started.
class StartOrder : public RunObserver {
 public:
  void on_start(const RunResult& result) override { ids.push_back(result.invocation.scanner_id); }
  std::vector<std::string> ids;
};

// Each script marks itself running with a file, records how many were running at that moment,
// and unmarks itself after a while.
std::string concurrency_probe(const std::string& id) {
  return "mkdir -p running counts; touch running/" + id + "; ls running | wc -l > counts/" + id +
         "; sleep 0.3; rm running/" + id;
}

int max_count(const test::TempDir& dir, const std::vector<std::string>& ids) {
  int most = 0;
  for (const std::string& id : ids) {
    most = std::max(most, std::stoi(read_file(dir.file("counts/" + id)).value_or("0")));
  }
  return most;
}

TEST_F(RunnerSchedule, NeverRunsMoreThanJobsAtOnce) {
  std::vector<Invocation> invocations;
  std::vector<std::string> ids{"a", "b", "c", "d", "e", "f"};
  for (const std::string& id : ids) invocations.push_back(script(id, concurrency_probe(id)));
  RunOptions opts = options();
  opts.jobs = 2;
  run(invocations, opts);
  EXPECT_EQ(max_count(dir_, ids), 2);
}

TEST_F(RunnerSchedule, StartsTheLongestExpectedFirst) {
  std::vector<Invocation> invocations{script("short", "true"), script("long", "true"),
                                      script("middle", "true")};
  invocations[0].expected_duration = seconds(1);
  invocations[1].expected_duration = seconds(30);
  invocations[2].expected_duration = seconds(5);
  RunOptions opts = options();
  opts.jobs = 1;
  StartOrder order;
  auto results = run_invocations(invocations, opts, order);
  EXPECT_THAT(order.ids, ElementsAre("long", "middle", "short"));
  EXPECT_EQ(results[0].invocation.scanner_id, "short");  // results keep the input order
}

TEST_F(RunnerSchedule, PreviousTimingsOverrideTheEstimate) {
  std::vector<Invocation> invocations{script("estimated-long", "true"),
                                      script("measured-long", "true")};
  invocations[0].expected_duration = seconds(30);
  invocations[1].expected_duration = seconds(1);
  RunOptions opts = options();
  opts.jobs = 1;
  opts.previous_timings = {{"measured-long", seconds(60)}};
  StartOrder order;
  run_invocations(invocations, opts, order);
  EXPECT_THAT(order.ids, ElementsAre("measured-long", "estimated-long"));
}

TEST_F(RunnerSchedule, CriticalPathFollowsTheSlotThatEndedLast) {
  std::vector<Invocation> invocations{script("a", "sleep 0.1"), script("b", "sleep 0.05"),
                                      script("c", "sleep 0.3")};
  invocations[0].expected_duration = seconds(3);
  invocations[1].expected_duration = seconds(2);
  invocations[2].expected_duration = seconds(1);
  RunOptions opts = options();
  opts.jobs = 2;
  auto results = run(invocations, opts);
  // a and b start at once; c takes b's slot at ~0.05 s and ends last, at ~0.35 s.
  EXPECT_EQ(results[0].started_after, kNoInvocation);
  EXPECT_EQ(results[1].started_after, kNoInvocation);
  EXPECT_EQ(results[2].started_after, 1u);
  EXPECT_THAT(critical_path(results), ElementsAre(1u, 2u));
  EXPECT_THAT(describe_critical_path(results),
              ::testing::MatchesRegex("b \\(0\\.[0-9]s\\) -> c \\(0\\.[3-9]s\\)"));
}

TEST_F(RunnerSchedule, FailFastCancelsRunningAndPendingInvocations) {
  std::vector<Invocation> invocations{script("gate", "exit 1"), script("slow", "sleep 30"),
                                      script("later", "echo never")};
  invocations[0].expected_duration = seconds(3);
  invocations[1].expected_duration = seconds(2);
  RunOptions opts = options();
  opts.jobs = 2;
  opts.should_stop_others = [](const RunResult& r) { return r.exit_code == 1; };
  auto results = run(invocations, opts);
  EXPECT_EQ(results[0].status, RunStatus::exited);
  EXPECT_EQ(results[1].status, RunStatus::cancelled);
  EXPECT_EQ(results[1].error, "cancelled by fail-fast after gate finished");
  EXPECT_EQ(results[1].term_signal, SIGTERM);
  EXPECT_LT(test::seconds(results[1]), 2.0);
  EXPECT_EQ(results[2].status, RunStatus::cancelled);
  EXPECT_EQ(results[2].error, "not started: cancelled by fail-fast after gate finished");
  EXPECT_EQ(results[2].interrupted_by, 0);
}

TEST_F(RunnerSchedule, ObserverSeesEachStartAndEndInOrder) {
  Invocation missing = script("missing", "");
  missing.argv = {"lamina-no-such-scanner"};
  std::vector<Invocation> invocations{script("first", "exit 0"), missing,
                                      script("third", "exit 2")};
  invocations[0].expected_duration = seconds(3);
  invocations[1].expected_duration = seconds(2);
  RunOptions opts = options();
  opts.jobs = 1;
  std::ostringstream out;
  PlainProgress progress(out,
                         [](const RunResult& r) { return r.exit_code == 2 ? "2 findings" : ""; });
  run_invocations(invocations, opts, progress);
  EXPECT_THAT(out.str(),
              ::testing::MatchesRegex("first: started\n"
                                      "first: exited 0 after 0\\.[0-9]s\n"
                                      "missing: could not start: lamina-no-such-scanner: "
                                      "not found in PATH\n"
                                      "third: started\n"
                                      "third: exited 2 after 0\\.[0-9]s: 2 findings\n"));
}

TEST_F(RunnerSchedule, OutTokenIsAFreshPrivateFileReadBackAfterExit) {
  Invocation writer =
      script("writer", "test ! -e \"${1#--output=}\" && echo report > \"${1#--output=}\"");
  writer.out_slots.push_back({writer.argv.size(), std::string("--output=").size()});
  writer.argv.push_back("--output={out}");
  auto results = run({writer});
  EXPECT_EQ(results[0].exit_code, 0);
  EXPECT_EQ(results[0].out_file_data, "report\n");
  EXPECT_FALSE(results[0].out_file_missing);
  std::string path = results[0].argv[1].substr(std::string("--output=").size());
  EXPECT_THAT(path, ::testing::StartsWith(dir_.path() + "/lamina-run-"));
  EXPECT_FALSE(std::filesystem::exists(path));  // the run directory is gone
}

TEST_F(RunnerSchedule, OutFileNotWrittenIsReportedMissing) {
  Invocation silent = script("silent", "true");
  silent.out_slots.push_back({silent.argv.size(), 0});
  silent.argv.push_back("{out}");
  auto results = run({silent});
  EXPECT_TRUE(results[0].out_file_missing);
  EXPECT_EQ(results[0].out_file_data, "");
}

TEST_F(RunnerSchedule, ScannerGetsAPrivateTmpdirRemovedAfterTheRun) {
  auto results = run({script("temp", "echo \"$TMPDIR\"; touch \"$TMPDIR/scratch\"")});
  std::string tmpdir = results[0].stdout_data.substr(0, results[0].stdout_data.size() - 1);
  EXPECT_THAT(tmpdir, ::testing::MatchesRegex(dir_.path() + "/lamina-run-[A-Za-z0-9]{6}/tmp"));
  EXPECT_FALSE(std::filesystem::exists(tmpdir));
}

}  // namespace
}  // namespace lamina
