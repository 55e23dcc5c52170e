#pragma once
// The back half of the findings stage, shared by `lamina scan` and `lamina report`: order the
// findings, fingerprint them, place them relative to the diff, mark the baseline, decide the gate.
#include <set>
#include <string>
#include <string_view>

#include "outcome/scan_result.h"

namespace lamina {

// Reads the lamina/v1 fingerprints of a SARIF log (an earlier lamina scan). Throws Error naming
// the file when it cannot be read or parsed.
std::set<std::string> read_baseline(const std::string& sarif_path);
// The same from the bytes of a SARIF log named `origin` (a baseline read from a commit).
std::set<std::string> baseline_from_sarif(std::string_view sarif, const std::string& origin);

// Fills findings' fingerprints, diff positions and baseline marks, sorts them, and sets
// scan.gate. `baseline` is null when none was given.
void evaluate_findings(ScanResult& scan, const std::string& repo_root,
                       const std::set<std::string>* baseline);

// Fail-fast's question about one finished run, before the others have finished: does any of its
// findings fail the gate? Decided as evaluate_findings() would (diff filter, suppressions,
// baseline, fail-on), through the same gate_standing().
bool run_fails_gate(std::vector<Finding> findings, const ScanResult& scan,
                    const std::string& repo_root, const std::set<std::string>* baseline);

}  // namespace lamina
