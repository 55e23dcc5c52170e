#pragma once
// What happened to each invocation: output of the runner, input of the parsers.
#include <chrono>
#include <string>
#include <vector>

#include "plan/plan.h"

namespace lamina {

enum class RunStatus {
  exited,        // ran to completion (any exit code: classification happens later)
  signaled,      // killed by a signal it did not get from lamina (crash, OOM killer)
  timed_out,     // lamina stopped it at its timeout or the layer budget
  cancelled,     // lamina stopped it (fail-fast, SIGINT/SIGTERM to lamina)
  spawn_failed,  // could not start (not installed, bad working directory)
  output_too_large,  // a stream passed the capture limit
};

struct RunResult {
  Invocation invocation;
  std::vector<std::string> argv;  // as started, "{out}" replaced
  RunStatus status = RunStatus::spawn_failed;
  int exit_code = -1;
  int term_signal = 0;
  std::string error;  // spawn error or limit text
  std::chrono::system_clock::time_point start_time;
  std::chrono::system_clock::time_point end_time;
  std::string stdout_data;    // captured stdout (bounded)
  std::string stderr_data;    // captured stderr (bounded)
  std::string out_file_data;  // contents of {out} after exit, when used
  bool out_file_missing = false;
};

const char* to_string(RunStatus status);

}  // namespace lamina
