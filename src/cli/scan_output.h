#pragma once
// What `lamina scan` and `lamina report` share around the findings stage: the empty ScanResult
// from the settings, writing every report plus the console, and the --on-fail hook.
#include <string>
#include <vector>

#include "cli/change_plan.h"
#include "outcome/scan_result.h"
#include "platform/publish.h"
#include "util/file_io.h"

namespace lamina {

// --fail-on when nothing sets it: the default of the layer's GitHub action and GitLab template
// (inline and pre-deploy sev2, post-deploy sev1, continuous sev3).
std::string default_fail_on(Layer layer);

// Layer, context, changes, filter (added on a diff, all on a full scan unless configured),
// fail-on from the plan's settings, and on GitHub the URL prefix of files at the head commit.
// Throws Error for an unknown fail_on or filter.
ScanResult new_scan_result(const ChangePlan& p, const EnvMap& env);

// The folder the reports go to: --out (relative to the repository root), lexically normal. The
// default is lamina-out/ in CI (GITHUB_ACTIONS, GITLAB_CI or CI set), where jobs upload it, and
// <git dir>/lamina/out on a developer's machine, where no later run or commit can pick it up.
std::string report_directory(const Options& options, const std::string& repo_root,
                             const EnvMap& env);

// True in a CI job: GITHUB_ACTIONS or GITLAB_CI is "true", or CI is set (not "false").
bool in_ci(const EnvMap& env);

// Opens the report folder once, creating it, and removes lamina's own report files from it
// (remove_stale_reports()) before anything else can fail. Throws Error (exit 2) with the fix
// when it cannot be written, when it or a folder between it and the repository root is a
// symlink or a file, or when git tracks it (a change could commit reports there): a read-only
// workspace or a hostile checkout fails in a moment, not after the scan.
Folder open_report_folder(const Options& options, const std::string& repo_root, const EnvMap& env);

// Where this run publishes: --publish (default: annotations), checked against the CI provider
// before anything runs. Throws Error (exit 2) for an unknown or foreign target.
struct PublishChoice {
  std::set<PublishTarget> targets{PublishTarget::annotations};
  bool required = false;  // --publish-required: a failed publish exits 3
  bool dry_run = false;   // --dry-run: tickets planned, nothing changed
};
PublishChoice publish_choice(const Options& options, Provider provider);

// Writes the report files into `out` and the platform channels, prints findings, annotations (when
// published) and the summary to stdout, then publishes to the API targets and says how that
// went. Returns the gate's exit code (3 for a failed publish only with --publish-required).
// `verbose` (--verbose): every skipped scanner on a line of its own, not one summary line.
int emit_scan_reports(const ScanResult& scan, const ChangePlan& p, const Folder& out,
                      const EnvMap& env, const PublishChoice& publishing = {},
                      bool verbose = false);

// Runs the user's rollback command (argv, no shell) after a scan that did not pass (`exit_code` 1,
// the gate failed, or 3, a scanner failed so the deployment is unverified), with LAMINA_GATE,
// LAMINA_EXIT_CODE, LAMINA_LAYER, LAMINA_SEV1..3 and LAMINA_FAILED_SCANNERS in its environment.
// Its own failure is reported on stderr; it does not change lamina's exit code.
void run_on_fail(const std::vector<std::string>& argv, const ScanResult& scan, int exit_code,
                 const EnvMap& env);

}  // namespace lamina
