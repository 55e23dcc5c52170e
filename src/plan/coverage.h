#pragma once
// Which kinds of check no scanner performed on a changed file: a changed lockfile with no
// dependency scanner installed is "not covered", said on the console, in the summary and in
// SARIF, never a silent PASS.
#include <string>
#include <vector>

#include "catalog/scanner_spec.h"
#include "plan/plan.h"

namespace lamina {

// `specs[i]` is the catalog entry of `decisions[i]`. A file is uncovered for a kind of check
// when a scanner of that kind matched it but is not installed, and no scanner of the same kind
// that runs was given it. Disabled scanners are the user's choice and count for nothing.
std::vector<CoverageGap> coverage_gaps(const std::vector<const ScannerSpec*>& specs,
                                       const std::vector<ScannerDecision>& decisions);

}  // namespace lamina
