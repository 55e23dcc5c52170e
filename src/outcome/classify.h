#pragma once
// From what a scanner's process did to what it means: findings, or a scanner failure with the
// reason. Exit codes lie (see shared notes: wapiti and cppcheck exit 0 with findings, bandit exits
// 0 on a missing file), so a run is judged by its status, the catalog's list of good exit codes
// and whether its output parses.
#include <string>
#include <vector>

#include "artifact/prepared_artifact.h"
#include "exec/run_result.h"
#include "model/finding.h"
#include "outcome/scan_result.h"
#include "parse/parse.h"

namespace lamina {

struct ClassifiedRun {
  ScannerState state = ScannerState::clean;
  std::string detail;              // why it failed / was cancelled; "" when it ran fine
  std::vector<Finding> findings;   // with severities assigned, at most kMaxFindingsPerScanner
  size_t findings_over_limit = 0;  // reported past kMaxFindingsPerScanner: counted, not kept
  size_t refused_paths = 0;
  std::vector<std::string> notes;
};

// `repo_root` is the absolute repository root that finding paths are confined to; for a run on an
// artifact, `artifact` is it, paths are confined to its unpacked tree instead and each finding
// names the path inside the artifact (place_in_artifact()).
ClassifiedRun classify_run(const RunResult& run, const std::string& repo_root,
                           const PreparedArtifact* artifact = nullptr);

// Folds the runs of one scanner (batches, project roots) into its outcome: any failure makes
// the scanner failed, with the first failure's reason. Findings past kMaxFindingsPerScanner in
// all runs together fail it too (see over_limit_detail()).
ScannerOutcome scanner_outcome(const ScannerDecision& decision, const std::vector<RunResult>& runs,
                               const std::vector<ClassifiedRun>& classified);

// "reported N findings, more than the limit of M: ..." for a scanner that went past the limit.
std::string over_limit_detail(size_t total);

// The line of a failed scanner's stderr that says why: the last non-empty line that reads like
// an error (a Node or Python stack trace ends in frames; the reason is above them), else the last
// non-empty line; one line, at most 200 bytes, printable. "" for an empty stderr.
std::string stderr_reason(const std::string& text);

}  // namespace lamina
