#include "exec/run_result.h"

namespace lamina {

const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::exited: return "exited";
    case RunStatus::signaled: return "signaled";
    case RunStatus::timed_out: return "timed-out";
    case RunStatus::cancelled: return "cancelled";
    case RunStatus::spawn_failed: return "spawn-failed";
    case RunStatus::output_too_large: return "output-too-large";
  }
  return "exited";
}

}  // namespace lamina
