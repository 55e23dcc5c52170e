// `lamina report --input FILE.sarif ...`: the same filter, baseline, gate and reports for SARIF
// produced elsewhere (e.g. CodeQL in an earlier step, a scanner in its own container). Each run of
// each file becomes one scanner, named after its tool: a file merging nine tools is nine
// scanners. A run without a "results" array is a failed scanner (the tool did not finish), and a
// file with no runs at all is one too: neither is a clean pass.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "cli/change_plan.h"
#include "cli/commands.h"
#include "cli/scan_output.h"
#include "git/git_library.h"
#include "model/severity.h"
#include "outcome/classify.h"
#include "outcome/evaluate.h"
#include "parse/sarif.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

// Every file tracked at the head commit, and the changed ones: a path another job printed
// (/home/me/dev/project/src/a.c) maps to the longest of its suffixes that names one of them.
std::vector<std::string> repository_files(const ChangePlan& p) {
  std::vector<std::string> files;
  for (const FileChange& f : p.changes.files) files.push_back(f.path);
  if (!p.changes.full_scan) {
    for (std::string& path : git::files_tracked_at(p.repo_root, p.changes.head)) {
      files.push_back(std::move(path));
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

// "Snyk Container" -> "snyk-container", made unique among `taken` ("-2", "-3", ...).
std::string scanner_id_for(std::string_view name, std::set<std::string>& taken) {
  std::string id;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 0x80) {
      id += static_cast<char>(std::tolower(c));
    } else if ((c == '.' || c == '_') && !id.empty()) {
      id += static_cast<char>(c);
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && (id.back() == '-' || id.back() == '.')) id.pop_back();
  if (id.size() > 64) id.resize(64);
  if (id.empty()) id = "sarif";
  std::string unique = id;
  for (size_t n = 2; !taken.insert(unique).second; ++n) unique = id + "-" + std::to_string(n);
  return unique;
}

struct InputReader {
  const std::string& input;
  ScanResult& scan;
  std::set<std::string>& taken;
  std::vector<Finding> pending;  // findings of the run being read
  size_t count = 0;              // ... and how many it reported (past the cap: counted only)

  void add(Finding&& f) {
    if (++count > kMaxFindingsPerScanner) return;  // counted, not kept
    pending.push_back(std::move(f));
  }

  // The run just ended: its findings become its tool's.
  void end_run(const SarifRunSummary& run) {
    ScannerOutcome s;
    std::string name =
        run.tool_name.empty() ? std::filesystem::path(input).stem().string() : run.tool_name;
    s.scanner_id = scanner_id_for(name, taken);
    s.name = name;
    s.version = run.tool_version;
    s.homepage = run.information_uri;
    s.start_time = s.end_time = std::chrono::system_clock::now();
    for (Finding& f : pending) {
      f.tool = s.scanner_id;
      f.severity = assign_severity(f, {});
      scan.findings.push_back(std::move(f));
    }
    s.finding_count = count;
    pending.clear();
    count = 0;
    s.state = s.finding_count > 0 ? ScannerState::findings : ScannerState::clean;
    if (s.finding_count > kMaxFindingsPerScanner) {
      s.state = ScannerState::failed;
      s.detail = over_limit_detail(s.finding_count);
    }
    if (!run.has_results) {
      s.state = ScannerState::failed;
      s.detail = incomplete_run_reason(run) + " in " + in_quotes(input);
    }
    scan.scanners.push_back(std::move(s));
  }

  // A log with no runs reports no tool at all.
  void no_runs() {
    ScannerOutcome s;
    s.scanner_id = scanner_id_for(std::filesystem::path(input).stem().string(), taken);
    s.name = s.scanner_id;
    s.start_time = s.end_time = std::chrono::system_clock::now();
    s.state = ScannerState::failed;
    s.detail = in_quotes(input) + " has no runs: no tool reported results";
    scan.scanners.push_back(std::move(s));
  }
};

void read_input(const std::string& input, const ParseContext& ctx, ScanResult& scan,
                std::set<std::string>& taken) {
  InputReader reader{input, scan, taken, {}, 0};
  size_t first = scan.scanners.size();
  ParseOutcome parsed = stream_sarif_file(
      input, ctx, [&](Finding&& f) { reader.add(std::move(f)); },
      [&](SarifRunSummary&& run) { reader.end_run(run); });
  if (parsed.error) {
    throw Error("--input " + in_quotes(input) + ": " + one_line(*parsed.error, 300) +
                "; give a SARIF 2.1.0 file");
  }
  if (scan.scanners.size() == first) reader.no_runs();
  scan.refused_paths += parsed.refused_paths;
  std::vector<std::string>& notes = scan.scanners[first].notes;
  notes.insert(notes.end(), parsed.notes.begin(), parsed.notes.end());
}

}  // namespace

int run_report_command(const Options& options, const EnvMap& env) {
  // The report folder first: a report the change committed there is gone before any exit.
  Folder out = open_report_folder(options, locate_checkout(options, env).repo_root, env);
  ChangePlan p = make_change_plan(options, env);
  PublishChoice publish = publish_choice(options, p.context.provider);
  ScanResult scan = new_scan_result(p, env);
  std::vector<std::string> files = repository_files(p);
  ParseContext ctx;
  ctx.scanner_id = "sarif";
  ctx.repository_root = ctx.working_directory = p.repo_root;
  ctx.workspace = default_workspace_hints(p.context.workspace);
  ctx.workspace.files.assign(files.begin(), files.end());
  std::set<std::string> taken;
  for (const std::string& input : options.inputs) read_input(input, ctx, scan, taken);
  std::optional<std::set<std::string>> baseline;
  if (options.baseline) baseline = load_baseline(p.config, *options.baseline, p.repo_root);
  evaluate_findings(scan, p.repo_root, baseline ? &*baseline : nullptr);
  return emit_scan_reports(scan, p, out, env, publish, options.verbose);
}

int run_tickets_command(const Options& options, const EnvMap& env) {
  Options report = options;
  report.all = true;
  if (!report.publish) report.publish = "tickets";
  return run_report_command(report, env);
}

}  // namespace lamina
