#pragma once
// What happened to each invocation: output of the runner, input of the parsers.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "plan/plan.h"

namespace lamina {

enum class RunStatus {
  exited,            // ran to completion (any exit code: classification happens later)
  signaled,          // killed by a signal it did not get from lamina (crash, OOM killer)
  timed_out,         // lamina stopped it at its timeout or the layer budget
  cancelled,         // lamina stopped it (fail-fast, SIGINT/SIGTERM to lamina)
  spawn_failed,      // could not start (not installed, bad working directory)
  output_too_large,  // a stream passed the capture limit
};

inline constexpr size_t kNoInvocation = static_cast<size_t>(-1);

// Output is spooled to files in the run's private temp directory while the process runs (memory
// stays at one read buffer per child) and read back into the strings below when it ends; the
// temp directory is removed before run_invocations returns. When a stream passed the capture
// limit (status output_too_large) only its first kKeptOfOversizedStream bytes are kept, for the
// failure message: such output is never parsed.
struct RunResult {
  Invocation invocation;
  size_t index = 0;               // position in the runner's input
  std::vector<std::string> argv;  // as started, "{out}" replaced
  RunStatus status = RunStatus::spawn_failed;
  int exit_code = -1;      // when the process exited by itself (also for timed out / cancelled)
  int term_signal = 0;     // when a signal ended it (also lamina's SIGTERM/SIGKILL)
  std::string error;       // why it failed or was stopped, one sentence; "" for a normal exit
  int interrupted_by = 0;  // SIGINT/SIGTERM lamina received that cancelled this invocation
  std::chrono::system_clock::time_point start_time;
  std::chrono::system_clock::time_point end_time;
  // The invocation whose end freed the job slot this one started in (kNoInvocation when it
  // started at once): the links of the critical path.
  size_t started_after = kNoInvocation;
  std::string stdout_data;  // captured stdout (bounded)
  std::string stderr_data;  // captured stderr (bounded)
  size_t stdout_bytes = 0;  // bytes the process wrote, including any beyond the limit
  size_t stderr_bytes = 0;
  std::string out_file_data;  // contents of {out} after exit, when used
  bool out_file_missing = false;
};

inline constexpr size_t kKeptOfOversizedStream = 64 << 10;

// The scanner's report: the {out} file's contents when the invocation reads its output from
// there, else its stdout.
inline const std::string& report_bytes(const RunResult& result) {
  return result.invocation.output_from == OutputSource::out_file ? result.out_file_data
                                                                 : result.stdout_data;
}

const char* to_string(RunStatus status);

// How long it ran (end_time - start_time).
std::chrono::milliseconds run_duration(const RunResult& result);

// One line for humans: "exited 1 after 2.3s", "timed out after 5.0s (per-scanner timeout 5s)",
// "killed by signal 11 (Segmentation fault) after 0.1s", "could not start: ...".
std::string describe_outcome(const RunResult& result);

// "2.3s", "1m05s".
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace lamina
