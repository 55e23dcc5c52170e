// SIGINT/SIGTERM to lamina cancel every scanner group, and no process survives the run.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "scanner_scripts.h"

namespace lamina {
namespace {

using std::chrono::milliseconds;

class RunnerCancel : public test::ScannerScripts {
 protected:
  // A scanner whose grandchild (in its group) writes its pid, then both wait.
  Invocation scanner_with_grandchild() {
    return script("parent", "echo $$ > parent.pid; sleep 30 & echo $! > grandchild.pid; wait");
  }

  // Until the script has written it: `echo $! > name` creates the file before it writes the pid,
  // and a signal sent in between leaves it empty.
  void wait_for_file(const std::string& name) {
    for (int i = 0; i < 500; ++i) {
      std::error_code ec;
      if (std::filesystem::file_size(dir_.file(name), ec) > 0 && !ec) return;
      std::this_thread::sleep_for(milliseconds(10));
    }
  }
};

sighandler_t current_handler(int sig) {
  struct ::sigaction action {};
  ::sigaction(sig, nullptr, &action);
  return action.sa_handler;
}

TEST_F(RunnerCancel, SigintFromAnotherThreadCancelsAllAndLeavesNoOrphan) {
  RunOptions opts = options();
  opts.jobs = 1;
  std::thread interrupter([this] {
    wait_for_file("grandchild.pid");
    ::kill(::getpid(), SIGINT);  // process-directed, as from a terminal or the CI runner
  });
  auto results = run({scanner_with_grandchild(), script("queued", "echo never")}, opts);
  interrupter.join();
  EXPECT_EQ(results[0].status, RunStatus::cancelled);
  EXPECT_EQ(results[0].error, "cancelled: lamina received SIGINT");
  EXPECT_EQ(results[0].interrupted_by, SIGINT);
  EXPECT_EQ(results[1].status, RunStatus::cancelled);
  EXPECT_EQ(results[1].error, "not started: cancelled: lamina received SIGINT");
  EXPECT_EQ(interrupting_signal(results), SIGINT);
  EXPECT_FALSE(test::still_running(pid_in("parent.pid")));
  EXPECT_FALSE(test::still_running(pid_in("grandchild.pid")));
}

// Raised on the runner's own thread while it has the signal blocked: delivered inside ppoll.
class RaiseOnceRunning : public RunObserver {
 public:
  RaiseOnceRunning(const test::TempDir& dir, int sig) : dir_(dir), sig_(sig) {}
  void on_tick() override {
    if (!sent_ && std::filesystem::exists(dir_.file("grandchild.pid"))) {
      sent_ = true;
      ::kill(::getpid(), sig_);
    }
  }
  milliseconds tick_interval() const override { return milliseconds(20); }

 private:
  const test::TempDir& dir_;
  int sig_;
  bool sent_ = false;
};

TEST_F(RunnerCancel, SigtermDuringTheRunCancelsTheGroup) {
  RaiseOnceRunning observer(dir_, SIGTERM);
  auto results = run_invocations({scanner_with_grandchild()}, options(), observer);
  EXPECT_EQ(results[0].status, RunStatus::cancelled);
  EXPECT_EQ(results[0].error, "cancelled: lamina received SIGTERM");
  EXPECT_EQ(results[0].term_signal, SIGTERM);
  EXPECT_LT(test::seconds(results[0]), 2.0);
  EXPECT_FALSE(test::still_running(pid_in("grandchild.pid")));
}

TEST_F(RunnerCancel, ExceptionFromTheFailFastPredicateLeavesNoProcessBehind) {
  RunOptions opts = options();
  opts.jobs = 2;
  opts.should_stop_others = [](const RunResult&) -> bool { throw std::runtime_error("parser"); };
  std::vector<Invocation> invocations{scanner_with_grandchild(),
                                      script("quick", "sleep 0.2; true")};
  invocations[0].expected_duration = std::chrono::seconds(9);
  EXPECT_THROW(run(invocations, opts), std::runtime_error);
  EXPECT_FALSE(test::still_running(pid_in("parent.pid")));
  EXPECT_FALSE(test::still_running(pid_in("grandchild.pid")));
  EXPECT_EQ(current_handler(SIGINT), SIG_DFL);
}

TEST_F(RunnerCancel, HandlersAreInstalledOnlyForTheRun) {
  ASSERT_EQ(current_handler(SIGINT), SIG_DFL);
  struct SeesHandler : RunObserver {
    void on_start(const RunResult&) override { during = current_handler(SIGINT); }
    sighandler_t during = SIG_DFL;
  } observer;
  run_invocations({script("quick", "true")}, options(), observer);
  EXPECT_NE(observer.during, SIG_DFL);
  EXPECT_EQ(current_handler(SIGINT), SIG_DFL);
  EXPECT_EQ(current_handler(SIGTERM), SIG_DFL);
}

TEST_F(RunnerCancel, WithoutCancelOnSignalsLaminasHandlingIsLeftAlone) {
  RunOptions opts = options();
  opts.cancel_on_signals = false;
  struct SeesHandler : RunObserver {
    void on_start(const RunResult&) override { during = current_handler(SIGINT); }
    sighandler_t during = SIG_IGN;
  } observer;
  run_invocations({script("quick", "true")}, opts, observer);
  EXPECT_EQ(observer.during, SIG_DFL);
}

}  // namespace
}  // namespace lamina
