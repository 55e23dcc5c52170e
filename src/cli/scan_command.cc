// `lamina scan`: run the plan's invocations concurrently, classify each run, evaluate the
// findings, write every report, and exit with the gate's code.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <future>
#include <iostream>
#include <map>
#include <set>

#include "ci/parallel_job.h"
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
#include "git/compute_change_set.h"
#include "git/persisted_credentials.h"
#include "outcome/added_suppressions.h"
#include "outcome/classify.h"
#include "outcome/coverage_outcome.h"
#include "outcome/evaluate.h"
#include "plan/shards.h"
#include "report/report_writer.h"
#include "report/shard_file.h"
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

// --shard I/N, else GitLab's CI_NODE_INDEX/CI_NODE_TOTAL of a `parallel:` job, else none.
// Throws Error (exit 2) naming where a bad value came from.
std::optional<ShardSpec> chosen_shard(const Options& options, const EnvMap& env) {
  std::optional<ParallelJob> job = parallel_job(env);
  if (!options.shard && !job) return std::nullopt;
  std::string text = options.shard ? *options.shard : job->shard;
  std::string why;
  std::optional<ShardSpec> shard = parse_shard(text, &why);
  if (shard) return shard;
  if (options.shard) {
    throw Error("--shard " + in_quotes(text) + ": " + why +
                "; give the shard's number and the number of shards, e.g. --shard 2/4 for the "
                "second of four jobs (1-based, like GitLab's CI_NODE_INDEX)");
  }
  throw Error(job->origin + ": " + why +
              " (lamina reads them as --shard CI_NODE_INDEX/CI_NODE_TOTAL in a GitLab parallel: "
              "job); pass --shard I/N to override them");
}

// Shard `shard`'s share of the plan: the invocations assign_shards() gives it (held back ones are
// counted as its own, it reports them failed), and in `file` the ids of the whole plan and its own.
PlannedRuns shard_share(const Plan& plan, const HeldBack& held_back, const ShardSpec& shard,
                        const ScannerTimings& timings, ShardFile& file) {
  std::vector<ShardItem> items = shard_items(plan, timings);
  std::vector<size_t> shard_of = assign_shards(items, shard.total);
  std::set<std::string> mine;
  for (size_t i = 0; i < items.size(); ++i) {
    file.invocations.push_back(items[i].id);
    if (shard_of[i] + 1 == shard.index) {
      file.ran.push_back(items[i].id);
      mine.insert(items[i].id);
    }
  }
  PlannedRuns runs;
  for (size_t d = 0; d < plan.scanners.size(); ++d) {
    const ScannerDecision& decision = plan.scanners[d];
    if (!decision.selected || held_back.count(d)) continue;
    for (size_t k = 0; k < decision.invocations.size(); ++k) {
      if (!mine.count(decision.scanner_id + "/" + std::to_string(k + 1))) continue;
      runs.invocations.push_back(decision.invocations[k]);
      runs.owner.push_back(d);
    }
  }
  file.shard = shard;
  file.plan_fingerprint = plan_fingerprint(plan);
  return runs;
}

// First start to last end of the runs.
std::chrono::milliseconds wall_time(const std::vector<RunResult>& results) {
  if (results.empty()) return std::chrono::milliseconds(0);
  auto start = results.front().start_time, end = results.front().end_time;
  for (const RunResult& r : results) {
    start = std::min(start, r.start_time);
    end = std::max(end, r.end_time);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(end - start);
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
  // The classification of `r`, moved out of the cache (the next of() would classify again).
  ClassifiedRun take(const RunResult& r) {
    of(r);
    ClassifiedRun c = std::move(cache_.at(r.index));
    cache_.erase(r.index);
    return c;
  }
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
// `account`: add the outcome (once per scan: by the first shard when sharded).
void note_coverage_gaps(const Plan& plan, const Settings& settings, bool account,
                        ScanResult& scan) {
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
  if (!account) return;
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
    std::optional<std::string> content = read_file(p.scan_root + "/" + file.path, &error);
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

// The line diff the plan left pending (make_change_plan's defer_lines), computed on a thread of
// its own while the scanners run: file selection needs names and content kinds only, so the first
// scanner does not wait for every file's line diff. Whatever reads added lines (fail-fast's gate,
// the diff filter, added suppressions) calls land() first. Declared after the ChangePlan it reads:
// destroyed first, its destructor waits for the thread.
class LinesInFlight {
 public:
  explicit LinesInFlight(const ChangeSet& changes) {
    if (!changes.pending_lines.empty())
      lines_ =
          std::async(std::launch::async, [&changes] { return compute_pending_lines(changes); });
  }
  // Waits for the lines (rethrowing the thread's error) and moves them into both change sets.
  void land(ChangePlan& p, ScanResult& scan) {
    if (!lines_.valid()) return;
    apply_pending_lines(p.changes, lines_.get());
    scan.changes = p.changes;
  }

 private:
  std::future<std::vector<FileChange>> lines_;
};

}  // namespace

int run_scan_command(const Options& options, const EnvMap& env) {
  std::optional<ShardSpec> shard = chosen_shard(options, env);
  // The report folder first: a report the change committed there is gone before any exit.
  Folder out = open_report_folder(options, locate_checkout(options, env).repo_root, env);
  // Before planning: the argv of built-in scanners names lamina's own configuration files.
  ScannerConfigFolder scanner_configs(default_temp_root(env_or_empty(env, "TMPDIR")));
  ChangePlan p = make_change_plan(options, env, scanner_configs.path(), true);
  LinesInFlight lines(p.changes);
  require_layer_input(p, options);
  PublishChoice publish = publish_choice(options, p.context.provider);
  ScanResult scan = new_scan_result(p, env);
  std::optional<std::set<std::string>> baseline;
  if (options.baseline) baseline = load_baseline(p.config, *options.baseline, p.repo_root);

  // Unpacked before the first scanner starts; removed when the scan returns or throws.
  std::vector<PreparedArtifact> artifacts = bind_artifacts(p, env);
  HeldBack held_back = held_back_scanners(p, options);
  ScannerTimings timings;
  if (options.timings) timings = load_timings(p.config, *options.timings, p.repo_root);
  ShardFile shard_file;
  PlannedRuns planned = shard ? shard_share(p.plan, held_back, *shard, timings, shard_file)
                              : planned_runs(p.plan, held_back);
  if (shard) {
    std::cerr << "lamina: shard " << to_string(*shard) << ": " << shard_file.ran.size() << " of "
              << shard_file.invocations.size() << " invocations of plan "
              << shard_file.plan_fingerprint << " (split by "
              << (timings.empty() ? "estimated durations" : "--timings durations") << ")\n";
  }
  RunClassifier classifier(p.scan_root, artifacts);
  RunOptions run_options;
  run_options.jobs = static_cast<size_t>(std::max(1, p.settings.jobs.value));
  if (p.settings.budget.value) run_options.budget = *p.settings.budget.value;
  run_options.environment = env;
  run_options.temp_root = default_temp_root(env_or_empty(env, "TMPDIR"));
  run_options.previous_timings = timings;
  if (fail_fast_enabled(p)) {
    run_options.should_stop_others = [&](const RunResult& r) {
      lines.land(p, scan);
      return run_fails_gate(classifier.of(r).findings, scan, p.scan_root,
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
  lines.land(p, scan);

  for (size_t i : critical_path(results))
    scan.critical_path.push_back(results[i].invocation.scanner_id);
  int signal = interrupting_signal(results);
  std::chrono::milliseconds wall = wall_time(results);
  std::vector<std::vector<RunResult>> runs_of(p.plan.scanners.size());
  std::vector<std::vector<ClassifiedRun>> classified_of(p.plan.scanners.size());
  for (RunResult& r : results) {
    size_t d = planned.owner[r.index];
    classified_of[d].push_back(classifier.take(r));
    // Parsed: the captured output is kept only where a report file is made of it (keep_output),
    // so a scanner printing a million findings holds its bytes once, not once per copy.
    const ScannerSpec* spec = p.catalog.find(r.invocation.scanner_id);
    if (spec == nullptr || spec->keep_output.empty()) {
      r.stdout_data = r.stderr_data = r.out_file_data = {};
    }
    runs_of[d].push_back(std::move(r));
  }
  results.clear();
  for (size_t d = 0; d < p.plan.scanners.size(); ++d) {
    ScannerOutcome outcome = scanner_outcome(p.plan.scanners[d], runs_of[d], classified_of[d]);
    if (shard && p.plan.scanners[d].selected && runs_of[d].empty())
      outcome.detail = "runs in another shard (this is shard " + to_string(*shard) + ")";
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
  // Once per scan: by the first shard when sharded.
  bool first_shard = !shard || shard->index == 1;
  if (p.config.from == ConfigFrom::base && first_shard) report_added_suppressions(p, scan);
  note_coverage_gaps(p.plan, p.settings, first_shard, scan);
  scan.incomplete = signal != 0;
  evaluate_findings(scan, p.scan_root, baseline ? &*baseline : nullptr);

  int code = emit_scan_reports(scan, p, out, env, publish, options.verbose);
  if (shard) {
    shard_file.exit_code = signal != 0 ? kExitScannerFailed : code;
    shard_file.wall = wall;
    shard_file.scan = std::move(scan);
    try {
      out.write_atomically(kShardFile, shard_file_json(shard_file));
    } catch (const Error& e) {
      std::cerr << "lamina: " << printable(e.what()) << "\n";
      return kExitUsage;
    }
    scan = std::move(shard_file.scan);
  }
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
