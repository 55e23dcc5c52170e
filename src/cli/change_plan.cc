#include "cli/change_plan.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <set>

#include "artifact/prepared_artifact.h"
#include "catalog/near_miss.h"
#include "ci/detect.h"
#include "ci/overrides.h"
#include "cli/scan_output.h"
#include "cli/workflow_hint.h"
#include "config/load_settings.h"
#include "exec/run_dir.h"
#include "git/compute_change_set.h"
#include "git/git_fetcher.h"
#include "git/git_library.h"
#include "git/staged_changes.h"
#include "git/tracked_path.h"
#include "model/layer.h"
#include "plan/make_plan.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/spawn.h"
#include "util/text.h"

namespace lamina {
namespace {

std::string current_directory() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string(".");
}

std::string absolute(const std::string& dir, const char* what, const EnvMap& env) {
  char resolved[PATH_MAX];
  if (::realpath(dir.c_str(), resolved) == nullptr) {
    throw Error(std::string(what) + " " + in_quotes(dir) +
                ": no such directory; give the repository folder with -C DIR" +
                workflow_hint(env, WorkflowFix::checkout));
  }
  return resolved;
}

// In CI the workspace without a checkout is a workflow mistake (no checkout step, or a container
// run without the workspace mount): say so before git's generic "not a repository".
void require_checkout(const std::string& dir, const EnvMap& env) {
  std::string hint = workflow_hint(env, WorkflowFix::checkout);
  if (hint.empty()) return;
  if (!git::has_checkout(dir)) {
    throw Error("workspace " + in_quotes(dir) + ": no git checkout in it or above it" + hint);
  }
}

Layer layer_from(const Options& options, const EnvMap& env) {
  if (!options.layer) return Layer::inline_layer;
  if (auto layer = parse_layer(*options.layer)) return *layer;
  throw Error("--layer " + in_quotes(*options.layer) +
              ": expected inline, pre-deploy, post-deploy or continuous" +
              workflow_hint(env, WorkflowFix::layer));
}

std::optional<std::string> read_payload(const EnvMap& env) {
  std::optional<std::string> path = event_payload_path(env);
  if (!path) return std::nullopt;
  return read_file(*path);  // unreadable: nullopt, and the CI stage says what that means
}

}  // namespace

ChangePlan locate_checkout(const Options& options, const EnvMap& env) {
  ChangePlan out;
  out.layer = layer_from(options, env);
  const std::string cwd = current_directory();
  RangeOverrides overrides{options.base, options.head, options.all, out.layer};
  out.context = resolve_ci_context(env, read_payload(env), cwd, overrides);
  std::string dir = !options.repo_dir.empty()        ? options.repo_dir
                    : !out.context.workspace.empty() ? out.context.workspace
                                                     : cwd;
  out.repo_root = absolute(dir, options.repo_dir.empty() ? "workspace" : "-C", env);

  git::trust_workspace_owner();  // the workspace lamina was pointed at, whoever owns it
  require_checkout(out.repo_root, env);
  return out;
}

namespace {

// lamina's own report folder (--out inside the repository) is never part of the change: a local
// run scans the working tree too, and the next run would scan the reports of the last. (In CI a
// tracked --out is exit 2, and the default outside CI is in the git directory.)
void leave_out_reports(ChangeSet& changes, const std::string& report_dir,
                       const std::string& repo_root) {
  if (report_dir.size() <= repo_root.size() + 1 ||
      report_dir.compare(0, repo_root.size() + 1, repo_root + "/") != 0) {
    return;
  }
  std::string prefix = report_dir.substr(repo_root.size() + 1) + "/";
  size_t before = changes.files.size();
  std::erase_if(changes.files,
                [&](const FileChange& f) { return f.path.compare(0, prefix.size(), prefix) == 0; });
  if (size_t left_out = before - changes.files.size()) {
    changes.notes.push_back(std::to_string(left_out) + " file(s) under the report folder " +
                            prefix + " left out of the change: lamina's own reports");
  }
}

// SCANNER,... of --only, --skip or --require; an unknown id is bad input (exit 2).
std::set<std::string> scanner_ids(const Catalog& catalog, const std::optional<std::string>& list,
                                  const char* flag) {
  std::set<std::string> picked;
  if (!list) return picked;
  std::vector<std::string> known;
  for (const ScannerSpec& spec : catalog.scanners) known.push_back(spec.id);
  size_t start = 0;
  while (start <= list->size()) {
    size_t comma = std::min(list->find(',', start), list->size());
    std::string id = list->substr(start, comma - start);
    start = comma + 1;
    if (id.empty()) continue;
    if (!catalog.find(id)) {
      throw Error(std::string(flag) + ": no scanner " + in_quotes(id) + did_you_mean(id, known) +
                  "; lamina scanners lists them");
    }
    picked.insert(id);
  }
  return picked;
}

// --only / --skip: scanners picked for one run. --require: scanners that must be installed; under
// --staged (a pre-commit hook on a laptop) only those are, the others are skipped when missing.
void pick_scanners(Catalog& catalog, const Options& options) {
  std::set<std::string> only = scanner_ids(catalog, options.only, "--only");
  std::set<std::string> skip = scanner_ids(catalog, options.skip, "--skip");
  std::set<std::string> require = scanner_ids(catalog, options.require, "--require");
  for (ScannerSpec& spec : catalog.scanners) {
    if (require.count(spec.id)) {
      spec.required = true;
    } else if (options.staged) {
      spec.required = false;
    }
    if (!spec.enabled) continue;
    if (options.only && !only.count(spec.id)) {
      spec.enabled = false;
      spec.disabled_by = "--only";
    } else if (skip.count(spec.id)) {
      spec.enabled = false;
      spec.disabled_by = "--skip";
    }
  }
}

// --staged names its own range: the index against HEAD.
void check_staged(const Options& options) {
  if (!options.staged) return;
  const char* other = options.all    ? "--all"
                      : options.base ? "--base"
                      : options.head ? "--head"
                                     : "";
  if (*other) {
    throw Error(std::string("--staged scans the index against HEAD and cannot be combined with ") +
                other + "; drop one of them");
  }
}

}  // namespace

ChangePlan resolve_changes(const Options& options, const EnvMap& env, bool defer_lines) {
  ChangePlan out = locate_checkout(options, env);
  ChangeSetOptions git_options;
  git_options.defer_lines = defer_lines;
  git_options.allow_fetch = !options.no_fetch;
  CliGitFetcher fetcher(env);
  git_options.fetcher = &fetcher;
  out.scan_root = out.repo_root;
  if (options.staged) {
    check_staged(options);
    out.changes = git::staged_change_set(out.repo_root, git_options);
    out.context.reason = "--staged: what the next commit holds (the index against HEAD)";
    out.context.include_worktree = false;
    auto tree = std::make_shared<const git::StagedTree>(
        out.repo_root, default_temp_root(env_or_empty(env, "TMPDIR")));
    out.scan_root = tree->path();
    out.staged = std::move(tree);
    return out;
  }
  out.changes = compute_change_set(out.repo_root, out.context, git_options);
  leave_out_reports(out.changes, report_directory(options, out.repo_root, env), out.repo_root);
  // lamina-out/ of a CI-style run (or an earlier version's local default) in the working tree,
  // untracked: lamina's reports too. Tracked, it is the change's and scanned.
  std::string ci_default = out.repo_root + "/lamina-out";
  if (out.changes.includes_worktree &&
      ::access((ci_default + "/lamina.sarif").c_str(), F_OK) == 0 &&
      !git::is_tracked(out.repo_root, ci_default)) {
    leave_out_reports(out.changes, ci_default, out.repo_root);
  }
  return out;
}

ChangePlan make_change_plan(const Options& options, const EnvMap& env,
                            const std::string& scanner_configs, bool defer_lines) {
  ChangePlan out = resolve_changes(options, env, defer_lines);
  try {
    out.config = choose_config(options, env, out.repo_root, out.changes.base);
    out.settings = load_settings(out.config.file, options, env);
  } catch (const Error& e) {
    // A bad value from the action's or the template's inputs: name the input to fix.
    throw Error(std::string(e.what()) + input_hint(env, e.what()), e.exit_code());
  }
  out.catalog = effective_catalog(builtin_catalog(), out.settings);
  pick_scanners(out.catalog, options);
  PlanInputs& extra = out.inputs;
  extra.artifacts = options.artifacts;
  // Each artifact is looked at (an archive's headers read) but not unpacked: `lamina plan` shows
  // what it is, a missing one is bad input before any scanner starts.
  for (const std::string& artifact : options.artifacts) {
    extra.artifact_descriptions.push_back(describe(inspect_artifact(artifact).kind));
  }
  extra.target_url = options.target_url.value_or("");
  extra.find_executable = executable_lookup(env_or_empty(env, "PATH"));
  extra.scanner_configs = scanner_configs;
  extra.git_root = out.repo_root;
  out.plan = make_plan(out.catalog, out.settings, out.changes, out.layer, out.scan_root, extra);
  return out;
}

}  // namespace lamina
