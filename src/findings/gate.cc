#include "findings/gate.h"

#include "util/error.h"

namespace lamina {

std::optional<FailOn> parse_fail_on(const std::string& text) {
  if (text == "never") return FailOn{};
  if (auto s = parse_severity(text)) return FailOn{*s};
  return std::nullopt;
}

GateResult decide_gate(const std::vector<Finding>& findings, FilterMode mode, FailOn fail_on,
                       size_t failed_scanners) {
  GateResult gate;
  for (const Finding& f : findings) {
    size_t index = static_cast<size_t>(f.severity) - 1;
    ++gate.by_severity[index];
    if (!passes_filter(f, mode)) {
      ++gate.filtered_out;
      continue;
    }
    if (f.in_baseline) {
      ++gate.in_baseline;
      continue;
    }
    ++gate.counted_by_severity[index];
    if (fail_on.threshold && f.severity <= *fail_on.threshold) ++gate.gating;
  }
  gate.failed_scanners = failed_scanners;
  gate.passed = gate.gating == 0;
  gate.exit_code = !gate.passed          ? kExitGateFailed
                   : failed_scanners > 0 ? kExitScannerFailed
                                         : kExitPass;
  return gate;
}

}  // namespace lamina
