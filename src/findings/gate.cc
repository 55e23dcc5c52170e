#include "findings/gate.h"

#include <algorithm>
#include <tuple>

#include "util/error.h"

namespace lamina {

std::optional<FailOn> parse_fail_on(const std::string& text) {
  if (text == "never") return FailOn{};
  if (auto s = parse_severity(text)) return FailOn{*s};
  return std::nullopt;
}

namespace {

int diff_rank(DiffPosition p) {
  switch (p) {
    case DiffPosition::added_lines:
      return 0;
    case DiffPosition::in_hunk_context:
      return 1;
    case DiffPosition::unknown:
      return 2;
    case DiffPosition::in_changed_file:
      return 3;
    case DiffPosition::outside_diff:
      return 4;
  }
  return 4;
}

}  // namespace

bool counts_for_gate(const Finding& finding, FilterMode mode) {
  return passes_filter(finding, mode) && !finding.in_baseline;
}

std::vector<const Finding*> by_attention(const std::vector<const Finding*>& findings,
                                         FilterMode mode) {
  std::vector<const Finding*> out = findings;
  std::stable_sort(out.begin(), out.end(), [&](const Finding* a, const Finding* b) {
    return std::make_tuple(a->severity, !counts_for_gate(*a, mode), diff_rank(a->diff_position)) <
           std::make_tuple(b->severity, !counts_for_gate(*b, mode), diff_rank(b->diff_position));
  });
  return out;
}

std::vector<const Finding*> by_attention(const std::vector<Finding>& findings, FilterMode mode) {
  std::vector<const Finding*> pointers;
  pointers.reserve(findings.size());
  for (const Finding& f : findings) pointers.push_back(&f);
  return by_attention(pointers, mode);
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
