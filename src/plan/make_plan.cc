#include "plan/make_plan.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#include "git/stage_deadline.h"
#include "plan/argv_batches.h"
#include "plan/coverage.h"
#include "plan/file_selection.h"
#include "plan/project_roots.h"
#include "util/error.h"
#include "util/glob_set.h"
#include "util/text.h"

namespace lamina {
namespace {

std::string count_of(size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

std::chrono::milliseconds effective_timeout(const ScannerSpec& spec, const Settings& settings) {
  if (spec.timeout && spec.timeout_from_config) return *spec.timeout;
  if (settings.timeout.level != SettingLevel::builtin_default) return settings.timeout.value;
  return spec.timeout.value_or(settings.timeout.value);
}

// Everything an invocation of `spec` shares, before argv, cwd and files.
Invocation invocation_base(const ScannerSpec& spec, const Settings& settings) {
  Invocation base;
  base.scanner_id = spec.id;
  base.env_passthrough = spec.env;
  base.timeout = effective_timeout(spec, settings);
  base.expected_duration = spec.expected_duration;
  base.output_from = spec.output_from;
  base.format = spec.format;
  base.ok_exit_codes = spec.ok_exit_codes;
  base.severity = spec.severity;
  return base;
}

// Paths as arguments: views of the paths, except "./"-prefixed copies of dash-leading names,
// kept alive in `owned`.
std::vector<std::string_view> file_arguments(const std::vector<std::string_view>& paths,
                                             std::deque<std::string>& owned) {
  std::vector<std::string_view> args;
  args.reserve(paths.size());
  for (std::string_view path : paths) {
    if (path.starts_with("-")) {
      args.push_back(owned.emplace_back(file_argument(path)));
    } else {
      args.push_back(path);
    }
  }
  return args;
}

// One invocation per batch of `files` (repository-relative), given to the tool as `args`.
void add_batches(ScannerDecision& decision, const Invocation& base,
                 const std::vector<std::string>& command,
                 const std::map<std::string, std::string>& values, const std::string& cwd,
                 const std::vector<std::string_view>& files,
                 const std::vector<std::string_view>& args, size_t arg_space) {
  for (ArgvBatch& batch : build_argv_batches(command, values, args, arg_space)) {
    Invocation& invocation = decision.invocations.emplace_back(base);
    invocation.argv = std::move(batch.argv);
    invocation.out_slots = std::move(batch.out_slots);
    invocation.cwd = cwd;
    size_t first = batch.file_count > 0 ? batch.first_file : 0;
    size_t count = batch.file_count > 0 ? batch.file_count : files.size();
    invocation.files.reserve(count);
    for (size_t i = first; i < first + count; ++i) invocation.files.emplace_back(files[i]);
  }
}

// Scope project: indices into `matches` grouped by their nearest root; drops the files
// without one and notes the marker in each kept file's rule.
std::map<std::string, std::vector<size_t>> files_by_root(const ScannerSpec& spec,
                                                         const std::string& repo_root,
                                                         std::vector<FileMatch>& matches) {
  ProjectRootFinder finder(repo_root, spec.root_markers);
  std::map<std::string, std::vector<size_t>> roots;
  // One text per (deciding rule, root), shared by the files it covers.
  std::map<std::pair<const std::string*, std::string>, std::shared_ptr<const std::string>> rules;
  std::vector<FileMatch> kept;
  for (FileMatch& match : matches) {
    auto root = finder.root_of(std::string(match.path));
    if (!root) continue;
    std::shared_ptr<const std::string>& rule = rules[{match.rule.get(), root->dir}];
    if (!rule) {
      rule = std::make_shared<const std::string>(
          *match.rule + ", marker " +
          (root->dir.empty() ? root->marker : root->dir + "/" + root->marker));
    }
    match.rule = rule;
    roots[root->dir].push_back(kept.size());
    kept.push_back(std::move(match));
  }
  matches = std::move(kept);
  return roots;
}

// Builds the invocations of a scanner that has its inputs; returns the reason it runs, or "" when
// it turns out to have nothing to run on.
std::string plan_invocations(ScannerDecision& d, const ScannerSpec& spec, const Settings& settings,
                             const std::string& repo_root, const PlanInputs& extra,
                             size_t arg_space) {
  Invocation base = invocation_base(spec, settings);
  std::vector<std::string> command = insert_extra_args(spec.command, spec.args);
  std::map<std::string, std::string> values = {{"repo", repo_root}};
  if (!extra.scanner_configs.empty()) values["configs"] = extra.scanner_configs;
  std::deque<std::string> owned;
  switch (spec.scope) {
    case Scope::files:
    case Scope::repo: {
      std::vector<std::string_view> paths;
      paths.reserve(d.files.size());
      for (const FileMatch& match : d.files) paths.push_back(match.path);
      add_batches(d, base, command, values, repo_root, paths, file_arguments(paths, owned),
                  arg_space);
      return count_of(paths.size(), "matching changed file") +
             (spec.scope == Scope::repo ? "; scans the repository once" : "");
    }
    case Scope::project: {
      auto roots = files_by_root(spec, repo_root, d.files);
      for (const auto& [dir, indices] : roots) {
        std::vector<std::string_view> paths, relative;
        for (size_t i : indices) {
          std::string_view path = d.files[i].path;
          paths.push_back(path);
          relative.push_back(dir.empty() ? path : path.substr(dir.size() + 1));
        }
        std::string cwd = dir.empty() ? repo_root : repo_root + "/" + dir;
        values["root"] = cwd;
        add_batches(d, base, command, values, cwd, paths, file_arguments(relative, owned),
                    arg_space);
      }
      if (roots.empty()) return "";
      return count_of(d.files.size(), "matching changed file") + " in " +
             count_of(roots.size(), "project");
    }
    case Scope::artifact: {
      std::string described;
      for (size_t i = 0; i < extra.artifacts.size(); ++i) {
        const std::string& artifact = extra.artifacts[i];
        bool bound = i < extra.artifact_arguments.size();
        values["artifact"] = file_argument(bound ? extra.artifact_arguments[i] : artifact);
        add_batches(d, base, command, values, repo_root, {}, {}, arg_space);
        d.invocations.back().artifact = i;
        described += (described.empty() ? ": " : "; ") + artifact;
        if (i < extra.artifact_descriptions.size()) {
          described += " (" + extra.artifact_descriptions[i] + ")";
        }
      }
      return count_of(extra.artifacts.size(), "artifact") + described;
    }
    case Scope::url:
      values["target_url"] = extra.target_url;
      add_batches(d, base, command, values, repo_root, {}, {}, arg_space);
      return "target " + extra.target_url;
  }
  return "";
}

// Why `spec` must not run on this change: the first changed path (deleted ones aside) that its
// unsafe_when_changed globs match; "" when none does.
std::string refusal(const ScannerSpec& spec, const ChangeSet& changes) {
  if (spec.unsafe_when_changed.empty()) return "";
  GlobSet globs;
  for (const std::string& pattern : spec.unsafe_when_changed) {
    uint32_t id = 0;
    std::string error;
    if (!globs.add(pattern, 0, &id, &error)) {
      throw Error(spec.defined_at + ": scanner " + spec.id +
                  ": unsafe_when_changed: " + in_quotes(pattern) + ": " + error);
    }
  }
  std::vector<GlobHit> hits;
  for (const FileChange& file : changes.files) {
    if (file.status == ChangeStatus::deleted) continue;
    globs.match(file.path, &hits);
    if (hits.empty()) continue;
    return "not run: the change adds or modifies " + in_quotes(file.path) + ", under " +
           in_quotes(spec.unsafe_when_changed[hits.front().glob]) + ", which " + spec.id +
           " loads code or configuration from, so running it would let the change run code or "
           "silence findings; review that path (a pull request should not commit it)";
  }
  return "";
}

// Why a scanner with no invocation does not run, when that is known before building any.
std::string missing_input(const ScannerSpec& spec, const std::vector<FileMatch>& files,
                          const PlanInputs& extra) {
  if (!spec.enabled) return "disabled by " + spec.disabled_by;
  if (spec.scope == Scope::artifact)
    return extra.artifacts.empty() ? "no artifact given (--artifact)" : "";
  if (spec.scope == Scope::url)
    return extra.target_url.empty() ? "no target URL given (--target-url)" : "";
  return files.empty() ? "no matching files" : "";
}

void check_installed(ScannerDecision& d, const ScannerSpec& spec, const PlanInputs& extra,
                     std::string* missing) {
  auto find = [&](const std::string& program) {
    return extra.find_executable ? extra.find_executable(program) : std::string();
  };
  d.installed = true;
  for (const std::string& program : spec.required_executables()) {
    std::string found = find(program);
    if (found.empty()) {
      d.installed = false;
      *missing += (missing->empty() ? "" : ", ") + program;
    }
    if (!spec.command.empty() && program == spec.command.front()) d.installed_path = found;
  }
  if (d.installed_path.empty() && !spec.command.empty()) {
    d.installed_path = find(spec.command.front());
  }
}

// Decides one scanner: its files, invocations, and why it runs or not.
ScannerDecision decide(const ScannerSpec& spec, std::vector<FileMatch> files,
                       const Settings& settings, const std::string& repo_root,
                       const PlanInputs& extra, size_t arg_space, const ChangeSet& changes) {
  ScannerDecision d;
  d.scanner_id = spec.id;
  d.name = spec.name;
  d.required = spec.required;
  d.install_hint = spec.install;
  std::string missing;
  check_installed(d, spec, extra, &missing);
  d.reason = missing_input(spec, files, extra);
  if (!d.reason.empty()) return d;
  d.files = std::move(files);
  // Invocations come before the installed check: a project scanner whose files have no root
  // does not apply at all, which matters more than whether its tool is there.
  std::string runs = plan_invocations(d, spec, settings, repo_root, extra, arg_space);
  if (runs.empty()) {
    std::string markers;
    for (const std::string& m : spec.root_markers) markers += (markers.empty() ? "" : " or ") + m;
    d.reason = "no matching file has " + markers + " in a folder above it";
    return d;
  }
  if (!d.installed) {
    // A missing required scanner stays selected, so the runner reports it as a failure.
    d.selected = spec.required;
    d.reason = std::string(spec.required ? "required but not installed" : "not installed") + " (" +
               missing + " not on PATH); install: " + spec.install;
    if (!spec.required) d.invocations.clear();
    return d;
  }
  d.selected = true;
  d.reason = runs;
  // Checked only for a scanner about to run, on the deciding thread: a pass over the change.
  if (std::string refused = refusal(spec, changes); !refused.empty()) {
    // Selected, so the scan reports it failed; no invocation, so nothing of the change runs.
    d.refused = refused;
    d.reason = refused;
    d.invocations.clear();
  }
  return d;
}

// Binary files (and LFS pointers) reach only content scanners; when no secret scanner runs on
// one, that is said, with the first few paths, rather than left for the reader to infer.
void note_unscanned_binaries(const Plan& plan, const std::vector<const ScannerSpec*>& scanners,
                             const ChangeSet& changes, std::vector<std::string>* notes) {
  std::set<std::string_view> scanned, excluded;
  for (const Exclusion& exclusion : plan.exclusions) excluded.insert(exclusion.path);
  for (size_t i = 0; i < scanners.size(); ++i) {
    const ScannerDecision& d = plan.scanners[i];
    bool runs = d.selected && d.installed && d.refused.empty();
    if (!runs || scanners[i]->report_kind != "secret_detection") continue;
    for (const FileMatch& match : d.files) scanned.insert(match.path);
  }
  std::vector<std::string_view> missed;
  for (const FileChange& file : changes.files) {
    if (!file.scannable() || !(file.binary || file.lfs_pointer)) continue;
    if (!scanned.count(file.path) && !excluded.count(file.path)) missed.push_back(file.path);
  }
  if (missed.empty()) return;
  std::string listed;
  for (size_t i = 0; i < std::min<size_t>(missed.size(), 5); ++i) {
    listed += (i == 0 ? "" : ", ") + in_quotes(missed[i]);
  }
  if (missed.size() > 5) listed += ", ...";
  notes->push_back(count_of(missed.size(), "changed binary file") +
                   " not secret-scanned (no secret scanner that reads binary content runs on " +
                   (missed.size() == 1 ? "it" : "them") + "): " + listed);
}

}  // namespace

Plan make_plan(const Catalog& catalog, const Settings& settings, const ChangeSet& changes,
               Layer layer, const std::string& repo_root, const PlanInputs& extra) {
  StageDeadline deadline("planning (selecting each scanner's files)", extra.deadline);
  Plan plan;
  plan.layer = layer;
  plan.repo_root = repo_root;
  std::vector<const ScannerSpec*> scanners;
  for (const ScannerSpec& spec : catalog.scanners) {
    if (spec.in_layer(layer)) scanners.push_back(&spec);
  }
  FileSelection selection = select_files(scanners, settings, changes, repo_root, extra.git_root);
  for (const Exclusion& exclusion : selection.exclusions) {
    plan.excluded.push_back(exclusion.path + ": " + exclusion.rule);
  }
  plan.exclusions = std::move(selection.exclusions);
  plan.notes = std::move(selection.notes);
  // Before the decisions take the matches: which changed files no catalog entry reads.
  std::vector<std::string_view> unread =
      files_no_entry_reads(scanners, selection.per_scanner, changes, plan.exclusions);
  size_t arg_space = extra.arg_space != 0 ? extra.arg_space : system_argument_space();
  // Scanners are decided independently. On a large change, threads take them largest first (each
  // decision's cost is about its file count), so the wall time is about the largest one's.
  std::vector<size_t> order(scanners.size());
  std::iota(order.begin(), order.end(), size_t{0});
  size_t matched = 0;
  for (const std::vector<FileMatch>& files : selection.per_scanner) matched += files.size();
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return selection.per_scanner[a].size() > selection.per_scanner[b].size();
  });
  constexpr size_t kMatchesPerThread = 40000;
  size_t max_threads = extra.max_threads != 0
                           ? extra.max_threads
                           : std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
  size_t thread_count = std::clamp<size_t>(matched / kMatchesPerThread, 1, max_threads);
  plan.scanners.resize(scanners.size());
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> errors(thread_count);
  auto work = [&](size_t worker) {
    try {
      for (size_t k; (k = next.fetch_add(1)) < order.size();) {
        size_t i = order[k];
        plan.scanners[i] = decide(*scanners[i], std::move(selection.per_scanner[i]), settings,
                                  repo_root, extra, arg_space, changes);
      }
    } catch (...) {
      errors[worker] = std::current_exception();
      next = order.size();  // the others stop at their next scanner
    }
  };
  std::vector<std::thread> workers;
  for (size_t w = 1; w < thread_count; ++w) workers.emplace_back(work, w);
  work(0);
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  plan.coverage_gaps = coverage_gaps(scanners, plan.scanners, unread);
  size_t before = plan.notes.size();
  note_unscanned_binaries(plan, scanners, changes, &plan.notes);
  if (extra.console != nullptr && plan.notes.size() > before) {
    *extra.console << "lamina: warning: " << plan.notes.back() << "\n";
  }
  return plan;
}

}  // namespace lamina
