#include "outcome/gate.h"

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

GateStanding gate_standing(const Finding& finding, FilterMode mode, FailOn fail_on) {
  if (!passes_filter(finding, mode)) return GateStanding::filtered_out;
  if (is_suppressed(finding)) return GateStanding::suppressed;
  if (finding.in_baseline) return GateStanding::in_baseline;
  bool at_threshold = fail_on.threshold && finding.severity <= *fail_on.threshold;
  return at_threshold ? GateStanding::gating : GateStanding::counted;
}

std::vector<const Finding*> by_attention(const std::vector<const Finding*>& findings,
                                         FilterMode mode, FailOn fail_on) {
  // gating 0, counted 1, the rest 2: only the gate's view decides the group.
  auto group = [&](const Finding* f) {
    GateStanding s = gate_standing(*f, mode, fail_on);
    return s == GateStanding::gating ? 0 : s == GateStanding::counted ? 1 : 2;
  };
  std::vector<std::pair<int, const Finding*>> keyed;
  keyed.reserve(findings.size());
  for (const Finding* f : findings) keyed.emplace_back(group(f), f);
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.first, a.second->severity, diff_rank(a.second->diff_position)) <
           std::make_tuple(b.first, b.second->severity, diff_rank(b.second->diff_position));
  });
  std::vector<const Finding*> out;
  out.reserve(keyed.size());
  for (const auto& [g, f] : keyed) out.push_back(f);
  return out;
}

std::vector<const Finding*> by_attention(const std::vector<Finding>& findings, FilterMode mode,
                                         FailOn fail_on) {
  std::vector<const Finding*> pointers;
  pointers.reserve(findings.size());
  for (const Finding& f : findings) pointers.push_back(&f);
  return by_attention(pointers, mode, fail_on);
}

GateResult decide_gate(const std::vector<Finding>& findings, FilterMode mode, FailOn fail_on,
                       size_t failed_scanners) {
  GateResult gate;
  for (const Finding& f : findings) {
    size_t index = static_cast<size_t>(f.severity) - 1;
    ++gate.by_severity[index];
    switch (gate_standing(f, mode, fail_on)) {
      case GateStanding::filtered_out:
        ++gate.filtered_out;
        break;
      case GateStanding::suppressed:
        ++gate.suppressed;
        break;
      case GateStanding::in_baseline:
        ++gate.in_baseline;
        break;
      case GateStanding::gating:
        ++gate.gating;
        ++gate.counted_by_severity[index];
        break;
      case GateStanding::counted:
        ++gate.counted_by_severity[index];
        break;
    }
  }
  gate.failed_scanners = failed_scanners;
  gate.passed = gate.gating == 0;
  gate.exit_code = !gate.passed          ? kExitGateFailed
                   : failed_scanners > 0 ? kExitScannerFailed
                                         : kExitPass;
  return gate;
}

}  // namespace lamina
