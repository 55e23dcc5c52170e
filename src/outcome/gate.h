#pragma once
// The decision: does this change pass? One predicate, gate_standing(), says for each finding
// whether it fails the gate and, when it does not, why; the gate's counts, fail-fast, the
// annotations, the step outputs and the summaries all go through it. Scanner failures are
// reported separately.
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "outcome/diff_filter.h"

namespace lamina {

struct FailOn {
  std::optional<Severity> threshold;  // nullopt = never fail on findings
};

std::optional<FailOn> parse_fail_on(const std::string& text);  // sev1|sev2|sev3|never

// Where a finding stands with the gate, first match wins in this order: outside the diff filter,
// suppressed by the tool (SARIF suppressions), in the baseline; otherwise it is counted, and it
// gates when it is at or above the fail-on severity.
enum class GateStanding { gating, counted, filtered_out, suppressed, in_baseline };

GateStanding gate_standing(const Finding& finding, FilterMode mode, FailOn fail_on);

// Counted or gating: the findings the gate looked at.
inline bool is_counted(GateStanding s) {
  return s == GateStanding::gating || s == GateStanding::counted;
}

struct GateResult {
  bool passed = true;
  size_t gating = 0;                          // findings that failed the gate
  size_t by_severity[3] = {0, 0, 0};          // every finding, by sev1..sev3
  size_t counted_by_severity[3] = {0, 0, 0};  // passing the filter, not suppressed, not baselined
  size_t in_baseline = 0;
  size_t suppressed = 0;
  size_t filtered_out = 0;
  size_t failed_scanners = 0;
  int exit_code = 0;  // 0 pass, 1 gate failed, 3 a scanner failed and the gate passed
};

// The order in which findings deserve attention, used wherever only some can be shown: those that
// fail the gate first, then the others it counted, then the rest; within each, most severe
// first, then nearest the change. Stable.
std::vector<const Finding*> by_attention(const std::vector<const Finding*>& findings,
                                         FilterMode mode, FailOn fail_on);
std::vector<const Finding*> by_attention(const std::vector<Finding>& findings, FilterMode mode,
                                         FailOn fail_on);

GateResult decide_gate(const std::vector<Finding>& findings, FilterMode mode, FailOn fail_on,
                       size_t failed_scanners);

}  // namespace lamina
