// `lamina merge DIR...`: the report folders of `lamina scan --shard I/N` jobs (GitHub's job matrix,
// GitLab's `parallel:`) joined into the reports, gate and exit code of one scan: one lamina.sarif,
// one summary, one set of annotations and GitLab reports, one publish. Each folder's
// lamina-shard.json holds the shard's scanners and all its findings; they are placed against the
// change again here (the diff filter, fingerprints, the baseline) as `lamina scan` places them. A
// shard that is missing, given twice, unreadable, or made from another plan or commit is a failed
// scanner (exit 3): the merge is then not the whole scan, and never passes as a smaller one.
#include <iostream>

#include "cli/change_plan.h"
#include "cli/commands.h"
#include "cli/scan_output.h"
#include "outcome/evaluate.h"
#include "report/report_writer.h"
#include "report/shard_merge.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/text.h"

namespace lamina {
namespace {

// Each folder's shard file; a folder without a readable one is a problem (its shard failed).
std::vector<ShardInput> read_shards(const std::vector<std::string>& dirs,
                                    std::vector<std::string>& problems) {
  std::vector<ShardInput> shards;
  for (const std::string& dir : dirs) {
    std::string path = dir + "/" + kShardFile;
    std::string error;
    std::optional<std::string> text = read_file(path, &error);
    if (!text) {
      problems.push_back(in_quotes(path) + ": cannot read it (" + one_line(error, 200) +
                         "): that shard's job failed before writing its reports, or its folder "
                         "was not downloaded");
      continue;
    }
    try {
      shards.push_back({dir, read_shard_file(*text, path)});
    } catch (const Error& e) {
      problems.push_back(one_line(e.what(), 600));
    }
  }
  return shards;
}

}  // namespace

int run_merge_command(const Options& options, const EnvMap& env) {
  Folder out = open_report_folder(options, locate_checkout(options, env).repo_root, env);
  std::vector<std::string> problems;
  std::vector<ShardInput> shards = read_shards(options.inputs, problems);
  Options merge = options;
  // The shards' layer unless --layer says otherwise (a different one is a problem below).
  if (!merge.layer && !shards.empty()) merge.layer = to_string(shards.front().file.scan.layer);
  ChangePlan p = make_change_plan(merge, env);
  PublishChoice publish = publish_choice(options, p.context.provider);
  ScanResult scan = new_scan_result(p, env);
  MergedShards merged = merge_shards(std::move(shards));
  problems.insert(problems.end(), merged.problems.begin(), merged.problems.end());
  bool comparable = merged.problems.empty() && !merged.scan.scanners.empty();
  if (comparable && merged.scan.layer != p.layer) {
    problems.push_back(std::string("the shards ran layer ") + to_string(merged.scan.layer) +
                       ", this merge is of layer " + to_string(p.layer));
  } else if (comparable && merged.scan.changes.head != p.changes.head) {
    problems.push_back("the shards scanned commit " + merged.scan.changes.head +
                       ", this checkout's change ends at " + p.changes.head +
                       ": run lamina merge on the same commit and range as the shards");
  }
  scan.scanners = std::move(merged.scan.scanners);
  scan.findings = std::move(merged.scan.findings);
  scan.refused_paths = merged.scan.refused_paths;
  scan.not_covered = std::move(merged.scan.not_covered);
  scan.critical_path = std::move(merged.scan.critical_path);
  scan.incomplete = merged.scan.incomplete;
  if (!problems.empty()) {
    for (const std::string& problem : problems)
      std::cerr << "lamina: merge: " << printable(problem) << "\n";
    scan.scanners.push_back(shard_failure(problems));
  }
  std::optional<std::set<std::string>> baseline;
  if (options.baseline) baseline = load_baseline(p.config, *options.baseline, p.repo_root);
  evaluate_findings(scan, p.repo_root, baseline ? &*baseline : nullptr);
  return emit_scan_reports(scan, p, out, env, publish);
}

}  // namespace lamina
