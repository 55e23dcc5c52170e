#include "report/kept_outputs.h"

namespace lamina {

std::string kept_file_name(const std::string& keep, size_t run_number) {
  if (run_number <= 1) return keep;
  size_t dot = keep.find('.');
  if (dot == std::string::npos) dot = keep.size();
  return keep.substr(0, dot) + "-" + std::to_string(run_number) + keep.substr(dot);
}

std::vector<KeptOutput> kept_outputs(const ScanResult& scan) {
  std::vector<KeptOutput> kept;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.keep_output.empty()) continue;
    bool completed = s.state == ScannerState::clean || s.state == ScannerState::findings;
    size_t number = 0;
    if (completed) {
      for (const RunResult& r : s.runs) {
        const std::string& bytes = report_bytes(r);
        if (bytes.empty()) continue;
        kept.push_back({kept_file_name(s.keep_output, ++number), bytes, false});
      }
    }
    // Nothing this time: the first name must not show an earlier run's document as this one's.
    if (number == 0) kept.push_back({s.keep_output, "", true});
  }
  return kept;
}

}  // namespace lamina
