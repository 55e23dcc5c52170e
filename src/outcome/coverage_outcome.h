#pragma once
// The changed files no installed scanner looked at, as one more scanner outcome: it goes where
// every scanner's outcome goes (a SARIF run, a row of the summary, the exit code), so a kind of
// check the configuration requires (require_coverage) and did not get is a scanner failure by
// the same path as a crashed or missing scanner, not a parallel one.
#include <string>
#include <vector>

#include "model/coverage_gap.h"
#include "outcome/scan_result.h"

namespace lamina {

inline constexpr const char* kCoverageScannerId = "lamina-coverage";

// The outcome for `gaps` (not empty): failed when a gap's kind is in `required`, its detail
// naming the files and where the requirement was set (`origin`: "--require-coverage",
// ".lamina.yml:3:19"); skipped otherwise, its detail saying how many files went unread.
ScannerOutcome coverage_outcome(const std::vector<CoverageGap>& gaps,
                                const std::vector<std::string>& required,
                                const std::string& origin);

}  // namespace lamina
