#pragma once
// What `lamina scan` and `lamina report` share around the findings stage: the empty ScanResult
// from the settings, writing every report plus the console, and the --on-fail hook.
#include <string>
#include <vector>

#include "cli/change_plan.h"
#include "findings/scan_result.h"

namespace lamina {

// Layer, context, changes, filter (added on a diff, all on a full scan unless configured),
// fail-on from the plan's settings, and on GitHub the URL prefix of files at the head commit.
// Throws Error for an unknown fail_on or filter.
ScanResult new_scan_result(const ChangePlan& p, const EnvMap& env);

// The folder the reports go to: --out (relative to the repository root), default lamina-out/.
std::string report_directory(const Options& options, const ChangePlan& p);

// Creates `dir` and checks lamina may write in it, before any scanner runs: a read-only
// workspace fails in a moment with the fix (--out, or the workflow's `out` input), not after the
// scan. Throws Error (exit 2).
void prepare_report_directory(const std::string& dir, const EnvMap& env);

// Writes the report files and platform channels, prints findings, annotations and the summary to
// stdout. Returns the gate's exit code.
int emit_scan_reports(const ScanResult& scan, const ChangePlan& p, const Options& options,
                      const EnvMap& env);

// Runs the user's rollback command (argv, no shell) after a scan that did not pass (`exit_code` 1,
// the gate failed, or 3, a scanner failed so the deployment is unverified), with LAMINA_GATE,
// LAMINA_EXIT_CODE, LAMINA_LAYER, LAMINA_SEV1..3 and LAMINA_FAILED_SCANNERS in its environment.
// Its own failure is reported on stderr; it does not change lamina's exit code.
void run_on_fail(const std::vector<std::string>& argv, const ScanResult& scan, int exit_code,
                 const EnvMap& env);

}  // namespace lamina
