#include "outcome/coverage_outcome.h"

#include <algorithm>
#include <chrono>

namespace lamina {

ScannerOutcome coverage_outcome(const std::vector<CoverageGap>& gaps,
                                const std::vector<std::string>& required,
                                const std::string& origin) {
  ScannerOutcome outcome;
  outcome.scanner_id = kCoverageScannerId;
  outcome.name = "lamina coverage (changed files no installed scanner looked at)";
  outcome.start_time = outcome.end_time = std::chrono::system_clock::now();
  std::vector<CoverageGap> unmet;
  for (const CoverageGap& gap : gaps) {
    if (std::find(required.begin(), required.end(), gap.kind) != required.end())
      unmet.push_back(gap);
  }
  if (unmet.empty()) {
    size_t files = uncovered_file_count(gaps);
    outcome.state = ScannerState::skipped;
    outcome.detail = std::to_string(files) + " changed file" + (files == 1 ? "" : "s") +
                     " not covered by some kind of check (not required: require_coverage makes "
                     "it a failure)";
    return outcome;
  }
  outcome.state = ScannerState::failed;
  std::string kinds;
  for (const std::string& kind : required) kinds += (kinds.empty() ? "" : ",") + kind;
  outcome.detail = "required coverage (" + origin + ": " + kinds + ") not met:";
  for (size_t i = 0; i < unmet.size(); ++i) {
    const CoverageGap& gap = unmet[i];
    std::string why;
    if (!gap.in_catalog) {
      why = "no scanner in the catalog";
    } else {
      for (const MissingScanner& s : gap.scanners) why += (why.empty() ? "" : ", ") + s.id;
      why += gap.scanners.size() == 1 ? " is not installed" : " are not installed";
    }
    outcome.detail += std::string(i ? ";" : "") + " " + gap.files_text() + " had no " + gap.check +
                      " (" + why + ")";
  }
  return outcome;
}

}  // namespace lamina
