#pragma once
// The decision: does this change pass? Counts findings that pass the diff filter and are not in
// the baseline at or above the fail-on severity; scanner failures are reported separately.
#include <optional>
#include <string>
#include <vector>

#include "findings/diff_filter.h"
#include "findings/finding.h"

namespace lamina {

struct FailOn {
  std::optional<Severity> threshold;  // nullopt = never fail on findings
};

std::optional<FailOn> parse_fail_on(const std::string& text);  // sev1|sev2|sev3|never

struct GateResult {
  bool passed = true;
  size_t gating = 0;                          // findings that failed the gate
  size_t by_severity[3] = {0, 0, 0};          // every finding, by sev1..sev3
  size_t counted_by_severity[3] = {0, 0, 0};  // passing the filter and not in the baseline
  size_t in_baseline = 0;
  size_t filtered_out = 0;
  size_t failed_scanners = 0;
  int exit_code = 0;  // 0 pass, 1 gate failed, 3 a scanner failed and the gate passed
};

// Whether a finding counts for the gate: it passes the diff filter and is not in the baseline.
bool counts_for_gate(const Finding& finding, FilterMode mode);

// The order in which findings deserve attention, used wherever only some can be shown: most
// severe first, then those that count for the gate, then nearest the change. Stable.
std::vector<const Finding*> by_attention(const std::vector<const Finding*>& findings,
                                         FilterMode mode);
std::vector<const Finding*> by_attention(const std::vector<Finding>& findings, FilterMode mode);

GateResult decide_gate(const std::vector<Finding>& findings, FilterMode mode, FailOn fail_on,
                       size_t failed_scanners);

}  // namespace lamina
