#pragma once
// Everything a scan produced, as one value: input of every report.
#include <chrono>
#include <string>
#include <vector>

#include "ci/ci_context.h"
#include "exec/run_result.h"
#include "git/change_set.h"
#include "model/coverage_gap.h"
#include "model/finding.h"
#include "model/layer.h"
#include "outcome/diff_filter.h"
#include "outcome/gate.h"

namespace lamina {

enum class ScannerState {
  clean,      // ran, no findings
  findings,   // ran, reported findings
  failed,     // crashed, unparseable output, error exit code, missing when required
  timed_out,  // stopped at its timeout or the layer budget
  cancelled,  // stopped by fail-fast or by a signal to lamina
  skipped,    // not selected, or optional and not installed
};

const char* to_string(ScannerState state);
bool is_failure(ScannerState state);  // failed or timed_out
// Which of two states a scanner's runs (or shards) join to: the higher wins. Failed > timed out >
// cancelled > findings > clean > skipped.
int state_rank(ScannerState state);

struct ScannerOutcome {
  std::string scanner_id;
  std::string name;
  std::string version;  // tool version when known
  std::string homepage;
  std::string keep_output;  // output.keep of the catalog entry: file name its output is saved as
  std::string report_kind;  // GitLab security report: "sast", "secret_detection",
                            // "dependency_scanning", "container_scanning", or "" (Code Quality)
  ScannerState state = ScannerState::skipped;
  std::string detail;           // why it failed or was skipped; "" when it ran fine
  std::vector<RunResult> runs;  // one per invocation
  std::chrono::system_clock::time_point start_time;
  std::chrono::system_clock::time_point end_time;
  size_t finding_count = 0;
  std::vector<std::string> notes;  // what its output said about the whole run ("SBOM: 312
                                   // components"), in run order
};

struct ScanResult {
  Layer layer = Layer::inline_layer;
  CiContext context;
  ChangeSet changes;
  FilterMode filter = FilterMode::added;
  FailOn fail_on;
  std::vector<ScannerOutcome> scanners;
  std::vector<Finding> findings;  // sorted by path, line, column, tool, rule
  GateResult gate;
  bool baseline_given = false;
  size_t baseline_gone = 0;  // baseline findings that no longer occur
  size_t refused_paths = 0;  // locations not mapped into the repository (findings kept at
                             // repository level, related locations left out)
  std::vector<std::string> critical_path;  // scanner ids whose chain set the wall time
  bool incomplete = false;                 // lamina was interrupted: reports are marked so
  std::string head_url_prefix;  // e.g. https://github.com/o/r/blob/<sha>/ ; "" when unknown
  // Checks no installed scanner made on changed files, by kind and file type ("not covered: 1
  // changed package-lock.json (package-lock.json) had no dependency check: no scanner installed
  // (osv-scanner: install with ...)"); the outcome kCoverageScannerId accounts for them.
  std::vector<CoverageGap> not_covered;
};

}  // namespace lamina
