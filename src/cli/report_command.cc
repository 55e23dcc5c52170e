// `lamina report --input FILE.sarif ...`: the same filter, baseline, gate and reports for SARIF
// produced elsewhere (e.g. CodeQL in an earlier step). Each input file becomes one scanner.
#include <filesystem>

#include "cli/change_plan.h"
#include "cli/commands.h"
#include "cli/scan_output.h"
#include "findings/evaluate.h"
#include "findings/severity.h"
#include "parse/sarif.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {

int run_report_command(const Options& options, const EnvMap& env) {
  ChangePlan p = make_change_plan(options, env);
  ScanResult scan = new_scan_result(p, env);
  for (const std::string& input : options.inputs) {
    ScannerOutcome outcome;
    outcome.scanner_id = std::filesystem::path(input).stem().string();
    outcome.name = outcome.scanner_id;
    outcome.start_time = outcome.end_time = std::chrono::system_clock::now();
    ParseContext ctx{outcome.scanner_id, p.repo_root, p.repo_root, {}, {}};
    ParseOutcome parsed = stream_sarif_file(input, ctx, [&](Finding&& f) {
      f.severity = assign_severity(f, {});
      scan.findings.push_back(std::move(f));
      ++outcome.finding_count;
    });
    if (parsed.error) {
      throw Error("--input " + in_quotes(input) + ": " + one_line(*parsed.error, 300) +
                  "; give a SARIF 2.1.0 file");
    }
    scan.refused_paths += parsed.refused_paths;
    outcome.state = outcome.finding_count > 0 ? ScannerState::findings : ScannerState::clean;
    scan.scanners.push_back(outcome);
  }
  std::optional<std::set<std::string>> baseline;
  if (options.baseline) baseline = load_baseline(p.config, *options.baseline, p.repo_root);
  evaluate_findings(scan, p.repo_root, baseline ? &*baseline : nullptr);
  return emit_scan_reports(scan, p, options, env);
}

}  // namespace lamina
