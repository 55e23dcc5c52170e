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

void evaluate_findings(ScanResult& scan, const std::string& repo_root,
                       const std::set<std::string>* baseline) {
  std::vector<Finding>& findings = scan.findings;
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.region.start_line, a.location.region.start_column,
                    a.tool, a.rule_id) < std::tie(b.location.path, b.location.region.start_line,
                                                  b.location.region.start_column, b.tool,
                                                  b.rule_id);
  });
  assign_fingerprints(findings, files_under(repo_root));
  annotate_diff_positions(findings, scan.changes);
  scan.baseline_given = baseline != nullptr;
  if (baseline) scan.baseline_gone = mark_baseline(findings, *baseline);
  size_t failed = 0;
  for (const ScannerOutcome& s : scan.scanners) failed += is_failure(s.state) ? 1 : 0;
  scan.gate = decide_gate(findings, scan.filter, scan.fail_on, failed);
}

}  // namespace lamina
