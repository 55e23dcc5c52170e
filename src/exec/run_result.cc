#include "exec/run_result.h"

#include <cstdio>
#include <cstring>

namespace lamina {

const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::exited:
      return "exited";
    case RunStatus::signaled:
      return "signaled";
    case RunStatus::timed_out:
      return "timed-out";
    case RunStatus::cancelled:
      return "cancelled";
    case RunStatus::spawn_failed:
      return "spawn-failed";
    case RunStatus::output_too_large:
      return "output-too-large";
  }
  return "exited";
}

std::chrono::milliseconds run_duration(const RunResult& result) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(result.end_time - result.start_time);
}

std::string format_duration(std::chrono::milliseconds duration) {
  long long ms = duration.count() < 0 ? 0 : duration.count();
  char text[32];
  if (ms < 60'000) {
    std::snprintf(text, sizeof text, "%lld.%llds", ms / 1000, ms % 1000 / 100);
  } else {
    std::snprintf(text, sizeof text, "%lldm%02llds", ms / 60'000, ms % 60'000 / 1000);
  }
  return text;
}

std::string describe_outcome(const RunResult& result) {
  std::string after = " after " + format_duration(run_duration(result));
  switch (result.status) {
    case RunStatus::exited:
      return "exited " + std::to_string(result.exit_code) + after;
    case RunStatus::signaled:
      return "killed by signal " + std::to_string(result.term_signal) + " (" +
             strsignal(result.term_signal) + ")" + after;
    case RunStatus::spawn_failed:
      return "could not start: " + result.error;
    case RunStatus::timed_out:
    case RunStatus::cancelled:
    case RunStatus::output_too_large:
      break;
  }
  // Invocations stopped before they started have nothing to time.
  return result.error.rfind("not started", 0) == 0 ? result.error : result.error + after;
}

}  // namespace lamina
