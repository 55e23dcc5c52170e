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

int state_rank(ScannerState state) {
  switch (state) {
    case ScannerState::failed:
      return 5;
    case ScannerState::timed_out:
      return 4;
    case ScannerState::cancelled:
      return 3;
    case ScannerState::findings:
      return 2;
    case ScannerState::clean:
      return 1;
    case ScannerState::skipped:
      return 0;
  }
  return 0;
}

bool is_failure(ScannerState state) {
  return state == ScannerState::failed || state == ScannerState::timed_out;
}

}  // namespace lamina
