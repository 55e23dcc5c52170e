#include "outcome/evaluate.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include "model/fingerprint.h"
#include "parse/sarif.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {

namespace {

// Only fingerprints matter here, and the baseline may come from another machine's workspace:
// paths are confined to "/" so no result is refused for its location.
ParseContext baseline_context() {
  ParseContext ctx;
  ctx.scanner_id = "baseline";
  ctx.repository_root = ctx.working_directory = "/";
  return ctx;
}

std::set<std::string> baseline_of(const std::string& origin,
                                  const std::function<ParseOutcome(const FindingSink&)>& stream) {
  std::set<std::string> fingerprints;
  ParseOutcome outcome = stream([&](Finding&& f) {
    auto it = f.fingerprints.find(kFingerprintKey);
    if (it != f.fingerprints.end()) fingerprints.insert(it->second);
  });
  if (outcome.error) {
    throw Error("--baseline " + in_quotes(origin) + ": " + one_line(*outcome.error, 300) +
                "; give the lamina.sarif of an earlier scan");
  }
  return fingerprints;
}

// Fingerprints, diff positions and baseline marks: everything gate_standing() reads that the
// parsers do not set. Returns how many baseline fingerprints no longer occur.
size_t place_findings(std::vector<Finding>& findings, const ChangeSet& changes,
                      const std::string& repo_root, const std::set<std::string>* baseline) {
  assign_fingerprints(findings, files_under(repo_root));
  annotate_diff_positions(findings, changes);
  return baseline ? mark_baseline(findings, *baseline) : 0;
}

}  // namespace

std::set<std::string> read_baseline(const std::string& sarif_path) {
  return baseline_of(sarif_path, [&](const FindingSink& sink) {
    return stream_sarif_file(sarif_path, baseline_context(), sink);
  });
}

std::set<std::string> baseline_from_sarif(std::string_view sarif, const std::string& origin) {
  return baseline_of(origin, [&](const FindingSink& sink) {
    return stream_sarif(sarif, baseline_context(), sink);
  });
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
