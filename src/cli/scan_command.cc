// `lamina scan`: run the plan's invocations concurrently, classify each run, evaluate the
// findings, write every report, and exit with the gate's code.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <set>

#include "cli/artifact_binding.h"
#include "cli/change_plan.h"
#include "cli/commands.h"
#include "cli/scan_output.h"
#include "cli/target_url.h"
#include "exec/progress.h"
#include "exec/run_dir.h"
#include "exec/runner.h"
#include "exec/scanner_configs.h"
#include "exec/schedule.h"
#include "exec/target_probe.h"
#include "exec/timings.h"
#include "git/persisted_credentials.h"
#include "outcome/added_suppressions.h"
#include "outcome/classify.h"
#include "outcome/coverage_outcome.h"
#include "outcome/evaluate.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/text.h"

namespace lamina {
namespace {

struct PlannedRuns {
  std::vector<Invocation> invocations;
  std::vector<size_t> owner;  // invocation index -> decision index
};

// Decision index -> why that selected scanner is not started (it is reported failed with it).
using HeldBack = std::map<size_t, std::string>;

PlannedRuns planned_runs(const Plan& plan, const HeldBack& held_back) {
  PlannedRuns runs;
  for (size_t d = 0; d < plan.scanners.size(); ++d) {
    if (!plan.scanners[d].selected || held_back.count(d)) continue;
    for (const Invocation& inv : plan.scanners[d].invocations) {
      runs.invocations.push_back(inv);
      runs.owner.push_back(d);
    }
  }
  return runs;
}

constexpr std::chrono::seconds kTargetProbeTimeout{10};

// The selected scanners that must not start: those the plan refused (they would load the
// change's code), and on post-deploy the url scanners when a TCP connection to the target does
// not open (DAST tools report an unreachable target as a clean scan).
HeldBack held_back_scanners(const ChangePlan& p, const Options& options) {
  HeldBack held;
  std::vector<size_t> url_scanners;
  for (size_t d = 0; d < p.plan.scanners.size(); ++d) {
    const ScannerDecision& decision = p.plan.scanners[d];
    if (!decision.selected) continue;
    if (!decision.refused.empty()) held[d] = decision.refused;
    const ScannerSpec* spec = p.catalog.find(decision.scanner_id);
    if (spec != nullptr && spec->scope == Scope::url && decision.refused.empty())
      url_scanners.push_back(d);
  }
  std::optional<TargetEndpoint> endpoint =
      options.target_url ? target_endpoint(*options.target_url) : std::nullopt;
  if (url_scanners.empty() || !endpoint) return held;
  std::optional<std::string> why =
      tcp_unreachable(endpoint->host, endpoint->port, kTargetProbeTimeout);
  if (!why) return held;
  std::string detail = "target " + *options.target_url + " is unreachable (" + *why + ", port " +
                       std::to_string(endpoint->port) +
                       "); nothing was scanned: check that the deployment is up and reachable "
                       "from this runner";
  std::cerr << "lamina: " << detail << "\n";
  for (size_t d : url_scanners) held[d] = detail;
  return held;
}

bool fail_fast_enabled(const ChangePlan& p) {
  const Setting<bool>& s = p.settings.fail_fast;
  // On by default for pre-deploy: a failure there must stop the deployment at once.
  if (s.level == SettingLevel::builtin_default) return p.layer == Layer::pre_deploy;
  return s.value;
}

// Classifies each finished run once, whichever caller (fail-fast, progress, the end) asks first.
class RunClassifier {
 public:
  RunClassifier(std::string repo_root, const std::vector<PreparedArtifact>& artifacts)
      : repo_root_(std::move(repo_root)), artifacts_(artifacts) {}
  const ClassifiedRun& of(const RunResult& r) {
    auto it = cache_.find(r.index);
    if (it == cache_.end()) {
      const std::optional<size_t>& a = r.invocation.artifact;
      const PreparedArtifact* artifact = a && *a < artifacts_.size() ? &artifacts_[*a] : nullptr;
      it = cache_.emplace(r.index, classify_run(r, repo_root_, artifact)).first;
    }
    return it->second;
  }

 private:
  std::string repo_root_;
  const std::vector<PreparedArtifact>& artifacts_;
  std::map<size_t, ClassifiedRun> cache_;
};

// The input a layer exists for. Pre-deploy scans build artifacts and post-deploy a deployed URL:
// without one, every scanner of the layer would be skipped and the gate would pass on nothing.
void require_layer_input(const ChangePlan& p, const Options& options) {
  struct Need {
    Layer layer;
    Scope scope;
    bool given;
    const char* what;
  };
  const Need needs[] = {
      {Layer::pre_deploy, Scope::artifact, !options.artifacts.empty(),
       "scans build artifacts, and no --artifact was given: pass --artifact PATH (a folder, a "
       "file, an archive or a container image tarball), once per artifact"},
      {Layer::post_deploy, Scope::url, options.target_url.has_value(),
       "scans a deployed service, and no --target-url was given: pass --target-url "
       "https://staging.example.com/"},
  };
  for (const Need& need : needs) {
    if (p.layer != need.layer || need.given) continue;
    for (const ScannerSpec& spec : p.catalog.scanners) {
      if (spec.enabled && spec.scope == need.scope && spec.in_layer(need.layer)) {
        throw Error(std::string("--layer ") + to_string(need.layer) + " " + need.what +
                    " (without it no scanner of the layer would run, and nothing would be "
                    "checked)");
      }
    }
  }
}

// Each check no installed scanner made goes to the reports, to the skipped scanners that would
// have made it (so SARIF carries it on their runs), and into one outcome of its own, which fails
// when the configuration requires that kind of check (require_coverage).
void note_coverage_gaps(const Plan& plan, const Settings& settings, ScanResult& scan) {
  if (plan.coverage_gaps.empty()) return;
  scan.not_covered = plan.coverage_gaps;
  for (const CoverageGap& gap : plan.coverage_gaps) {
    std::string text = gap.text();
    for (ScannerOutcome& s : scan.scanners) {
      for (const MissingScanner& missing : gap.scanners) {
        if (missing.id == s.scanner_id) s.notes.push_back(text);
      }
    }
  }
  scan.scanners.push_back(coverage_outcome(plan.coverage_gaps, settings.require_coverage.value,
                                           settings.require_coverage.origin));
}

// Under --config-from base the change cannot silence a scanner, not even with a comment on a line
// it adds: each inline suppression it adds is a finding (outcome/added_suppressions.h).
void report_added_suppressions(const ChangePlan& p, ScanResult& scan) {
  ScannerOutcome outcome;
  outcome.scanner_id = kSuppressionScannerId;
  outcome.name = "Inline suppressions the change adds";
  outcome.start_time = outcome.end_time = std::chrono::system_clock::now();
  for (const FileChange& file : p.changes.files) {
    if (!file.scannable() || (!file.binary && file.added_lines.empty())) continue;
    std::string error;
    std::optional<std::string> content = read_file(p.repo_root + "/" + file.path, &error);
    if (!content) {
      scan.findings.push_back(unchecked_for_suppressions(file, "cannot read it: " + error));
      continue;
    }
    for (Finding& f : added_suppressions(file, *content)) scan.findings.push_back(std::move(f));
  }
  outcome.finding_count = static_cast<size_t>(
      std::count_if(scan.findings.begin(), scan.findings.end(),
                    [](const Finding& f) { return f.tool == kSuppressionScannerId; }));
  outcome.state = outcome.finding_count ? ScannerState::findings : ScannerState::clean;
  scan.scanners.push_back(std::move(outcome));
}

}  // namespace

int run_scan_command(const Options& options, const EnvMap& env) {
  // The report folder first: a report the change committed there is gone before any exit.
  Folder out = open_report_folder(options, locate_checkout(options, env).repo_root, env);
  // Before planning: the argv of built-in scanners names lamina's own configuration files.
  ScannerConfigFolder scanner_configs(default_temp_root(env_or_empty(env, "TMPDIR")));
  ChangePlan p = make_change_plan(options, env, scanner_configs.path());
  require_layer_input(p, options);
  PublishChoice publish = publish_choice(options, p.context.provider);
  ScanResult scan = new_scan_result(p, env);
  std::optional<std::set<std::string>> baseline;
  if (options.baseline) baseline = load_baseline(p.config, *options.baseline, p.repo_root);

  // Unpacked before the first scanner starts; removed when the scan returns or throws.
  std::vector<PreparedArtifact> artifacts = bind_artifacts(p, env);
  HeldBack held_back = held_back_scanners(p, options);
  PlannedRuns planned = planned_runs(p.plan, held_back);
  RunClassifier classifier(p.repo_root, artifacts);
  RunOptions run_options;
  run_options.jobs = static_cast<size_t>(std::max(1, p.settings.jobs.value));
  if (p.settings.budget.value) run_options.budget = *p.settings.budget.value;
  run_options.environment = env;
  run_options.temp_root = default_temp_root(env_or_empty(env, "TMPDIR"));
  if (options.timings) {
    run_options.previous_timings = load_timings(p.config, *options.timings, p.repo_root);
  }
  if (fail_fast_enabled(p)) {
    run_options.should_stop_others = [&](const RunResult& r) {
      return run_fails_gate(classifier.of(r).findings, scan, p.repo_root,
                            baseline ? &*baseline : nullptr);
    };
  }
  bool tty = ::isatty(2) == 1;
  std::unique_ptr<RunObserver> progress = make_progress(
      choose_progress_style(env, tty), std::cerr, use_color(env, tty), [&](const RunResult& r) {
        const ClassifiedRun& c = classifier.of(r);
        if (!c.detail.empty()) return c.detail;
        return std::to_string(c.findings.size()) + " finding(s)";
      });
  std::vector<RunResult> results;
  {
    // Out of the repository's git configuration while scanners run, back when they are done.
    git::HeldCredentials credentials(p.repo_root);
    results = run_invocations(planned.invocations, run_options, *progress);
  }

  std::vector<std::vector<RunResult>> runs_of(p.plan.scanners.size());
  std::vector<std::vector<ClassifiedRun>> classified_of(p.plan.scanners.size());
  for (const RunResult& r : results) {
    size_t d = planned.owner[r.index];
    runs_of[d].push_back(r);
    classified_of[d].push_back(classifier.of(r));
  }
  for (size_t d = 0; d < p.plan.scanners.size(); ++d) {
    ScannerOutcome outcome = scanner_outcome(p.plan.scanners[d], runs_of[d], classified_of[d]);
    if (auto held = held_back.find(d); held != held_back.end()) {
      outcome.state = ScannerState::failed;
      outcome.detail = held->second;
    }
    if (const ScannerSpec* spec = p.catalog.find(outcome.scanner_id)) {
      outcome.homepage = spec->homepage;
      outcome.report_kind = spec->report_kind;
      outcome.keep_output = spec->keep_output;
    }
    size_t kept = 0;  // per scanner, all its runs together
    for (ClassifiedRun& c : classified_of[d]) {
      scan.refused_paths += c.refused_paths;
      for (Finding& f : c.findings) {
        if (kept++ < kMaxFindingsPerScanner) scan.findings.push_back(std::move(f));
      }
      c.findings = {};
    }
    scan.scanners.push_back(std::move(outcome));
  }
  if (p.config.from == ConfigFrom::base) report_added_suppressions(p, scan);
  note_coverage_gaps(p.plan, p.settings, scan);
  for (size_t i : critical_path(results))
    scan.critical_path.push_back(results[i].invocation.scanner_id);
  int signal = interrupting_signal(results);
  scan.incomplete = signal != 0;
  evaluate_findings(scan, p.repo_root, baseline ? &*baseline : nullptr);

  int code = emit_scan_reports(scan, p, out, env, publish);
  if (signal != 0) {
    std::cerr << "lamina: interrupted by SIG" << sigabbrev_np(signal)
              << ": every scanner was stopped; the reports are marked incomplete\n";
    return 128 + signal;
  }
  // Rollback when the deployment is not known to be safe: the gate failed or a scanner failed.
  bool unverified = code == kExitGateFailed || code == kExitScannerFailed;
  if (unverified && !options.on_fail.empty()) run_on_fail(options.on_fail, scan, code, env);
  return code;
}

}  // namespace lamina
