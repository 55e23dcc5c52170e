#pragma once
// Writes every report of a scan: the files under the output directory (atomically: a report that
// could not be written is an error and leaves no file, never a half or stale one) and the platform
// channels (annotations on stdout, $GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT). One report failing does
// not stop the others.
#include <functional>
#include <string>
#include <vector>

#include "outcome/scan_result.h"
#include "util/env.h"
#include "util/file_io.h"

namespace lamina {

struct ReportTargets {
  std::string out_dir = "lamina-out";
  std::string repo_root;    // absolute: %SRCROOT% of the SARIF
  std::string path_prefix;  // repository folder inside GITHUB_WORKSPACE, "" or "dir/"
  // --out as the job's later steps see it: relative to GITHUB_WORKSPACE when inside it (in the
  // Docker action the workspace is /github/workspace, a path that exists only in lamina's
  // container; later steps run in the workspace, so the relative path opens there).
  std::string out_dir_for_steps;
  bool github = false;            // write annotations, step summary and outputs
  std::string step_summary_path;  // $GITHUB_STEP_SUMMARY, "" = none
  std::string output_path;        // $GITHUB_OUTPUT, "" = none
};

struct WrittenReports {
  std::vector<std::string> files;   // paths written
  std::string annotations;          // workflow commands to print on stdout
  std::vector<std::string> notes;   // limits hit, with counts
  std::vector<std::string> errors;  // reports that could not be written, each naming its path
};

ReportTargets report_targets_from(const EnvMap& env, const std::string& out_dir,
                                  const std::string& repo_root, bool github);

// The report files lamina writes, by name, in the report folder.
inline constexpr const char* kSarifFile = "lamina.sarif";
inline constexpr const char* kCodeQualityFile = "gl-code-quality-report.json";
// What a pull request job would publish, for `lamina publish` (src/platform/publish_file.h).
inline constexpr const char* kPublishFile = "publish.json";
// What --publish tickets did, or with --dry-run would do (src/platform/tickets.h).
inline constexpr const char* kTicketPlanFile = "tickets-plan.json";
// What one shard of `lamina scan --shard I/N` found, for `lamina merge` (report/shard_file.h).
inline constexpr const char* kShardFile = "lamina-shard.json";

// Reports that could not be written are in `errors` (the caller exits 2 once the rest is out).
// Files go into `out`, the report folder opened once (targets.out_dir names it in messages).
WrittenReports write_reports(const ScanResult& scan, const ReportTargets& targets,
                             const Folder& out);

// True for a name lamina writes in the report folder: the SARIF, the GitLab reports and the
// kept outputs of `keep_names` (catalog `output.keep`, with their "-<n>" siblings).
bool is_own_report_file(const std::string& name, const std::vector<std::string>& keep_names);

// Removes every file of is_own_report_file() from `out`, before anything else can fail: a report
// committed by a change, or left by an earlier run, is never uploaded as this run's. Returns how
// many were removed.
size_t remove_stale_reports(const Folder& out, const std::vector<std::string>& keep_names);
// The same, asking for the kept output names only when the folder holds a file that is not one of
// lamina's own fixed reports (the built-in names come from the catalog, parsed on a thread: an
// empty folder or one of earlier reports need not wait for it).
size_t remove_stale_reports(const Folder& out,
                            const std::function<std::vector<std::string>()>& keep_names);

}  // namespace lamina
