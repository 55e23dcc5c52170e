#include "outcome/scan_result.h"

namespace lamina {

const char* to_string(ScannerState state) {
  switch (state) {
    case ScannerState::clean:
      return "clean";
    case ScannerState::findings:
      return "findings";
    case ScannerState::failed:
      return "failed";
    case ScannerState::timed_out:
      return "timed out";
    case ScannerState::cancelled:
      return "cancelled";
    case ScannerState::skipped:
      return "skipped";
  }
  return "skipped";
}

bool is_failure(ScannerState state) {
  return state == ScannerState::failed || state == ScannerState::timed_out;
}

}  // namespace lamina
