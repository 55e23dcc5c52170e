#include "findings/evaluate.h"

#include <algorithm>
#include <tuple>

#include "findings/fingerprint.h"
#include "parse/sarif.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {

std::set<std::string> read_baseline(const std::string& sarif_path) {
  std::set<std::string> fingerprints;
  // Only fingerprints matter here, and the baseline may come from another machine's workspace:
  // confine paths to "/" so no result is refused for its location.
  ParseContext ctx;
  ctx.scanner_id = "baseline";
  ctx.repository_root = ctx.working_directory = "/";
  ParseOutcome outcome = stream_sarif_file(sarif_path, ctx, [&](Finding&& f) {
    auto it = f.fingerprints.find(kFingerprintKey);
    if (it != f.fingerprints.end()) fingerprints.insert(it->second);
  });
  if (outcome.error) {
    throw Error("--baseline " + in_quotes(sarif_path) + ": " + one_line(*outcome.error, 300) +
                "; give the lamina.sarif of an earlier scan");
  }
  return fingerprints;
}

namespace {

// Fingerprints, diff positions and baseline marks: everything gate_standing() reads that the
// parsers do not set. Returns how many baseline fingerprints no longer occur.
size_t place_findings(std::vector<Finding>& findings, const ChangeSet& changes,
                      const std::string& repo_root, const std::set<std::string>* baseline) {
  assign_fingerprints(findings, files_under(repo_root));
  annotate_diff_positions(findings, changes);
  return baseline ? mark_baseline(findings, *baseline) : 0;
}

}  // namespace

void evaluate_findings(ScanResult& scan, const std::string& repo_root,
                       const std::set<std::string>* baseline) {
  std::vector<Finding>& findings = scan.findings;
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.region.start_line, a.location.region.start_column,
                    a.tool, a.rule_id) < std::tie(b.location.path, b.location.region.start_line,
                                                  b.location.region.start_column, b.tool,
                                                  b.rule_id);
  });
  scan.baseline_gone = place_findings(findings, scan.changes, repo_root, baseline);
  scan.baseline_given = baseline != nullptr;
  size_t failed = 0;
  for (const ScannerOutcome& s : scan.scanners) failed += is_failure(s.state) ? 1 : 0;
  scan.gate = decide_gate(findings, scan.filter, scan.fail_on, failed);
}

bool run_fails_gate(std::vector<Finding> findings, const ScanResult& scan,
                    const std::string& repo_root, const std::set<std::string>* baseline) {
  place_findings(findings, scan.changes, repo_root, baseline);
  for (const Finding& f : findings) {
    if (gate_standing(f, scan.filter, scan.fail_on) == GateStanding::gating) return true;
  }
  return false;
}

}  // namespace lamina
