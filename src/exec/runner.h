#pragma once
// Runs a layer's invocations concurrently (ninja's subprocess loop with deadlines): at most
// `jobs` process groups at once, longest expected first, each stopped at its timeout or the
// layer budget (SIGTERM to the group, grace, SIGKILL), output captured with a size limit.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "exec/run_result.h"
#include "exec/timings.h"
#include "plan/plan.h"
#include "util/env.h"

namespace lamina {

// Online CPUs, at least 1.
size_t online_cpus();

struct RunOptions {
  size_t jobs = online_cpus();  // concurrent processes, at least 1
  // Wall time for the whole layer, from the call; a process still running then is timed out
  // and one not yet started is reported as timed out without starting. Zero = no budget.
  std::chrono::milliseconds budget{0};
  std::chrono::milliseconds grace{std::chrono::seconds(2)};  // SIGTERM -> SIGKILL
  size_t capture_limit = size_t{512} << 20;                  // bytes per stream
  std::string temp_root = "/tmp";  // where the private run directory is made
  EnvMap environment;              // lamina's environment; scanners get scanner_environment()
  // Called on each finished result; true stops every other invocation (fail-fast). Unset =
  // never stop.
  std::function<bool(const RunResult&)> should_stop_others;
  ScannerTimings previous_timings;  // from --timings; overrides Invocation::expected_duration
  // SIGINT/SIGTERM/SIGHUP received during the run cancel every invocation (see RunResult::
  // interrupted_by); false leaves lamina's signal handling alone.
  bool cancel_on_signals = true;
};

// Progress callbacks, all made on the calling thread. The defaults do nothing.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // The process started; `result` has index, argv and start_time.
  virtual void on_start(const RunResult& result);
  // The invocation is over (also when it never started); `result` is final.
  virtual void on_finish(const RunResult& result);
  // Called about every tick_interval() while processes run, for live displays.
  virtual void on_tick();
  // Zero (the default) = no ticks.
  virtual std::chrono::milliseconds tick_interval() const;
};

// Runs every invocation and returns one result per invocation, in the input's order. Never
// throws for a scanner's failure (that is a result); throws Error when the run directory
// cannot be created under options.temp_root. At most one call at a time per process.
std::vector<RunResult> run_invocations(const std::vector<Invocation>& invocations,
                                       const RunOptions& options, RunObserver& observer);

// The SIGINT/SIGTERM/SIGHUP that interrupted the run, 0 when none did.
int interrupting_signal(const std::vector<RunResult>& results);

}  // namespace lamina
