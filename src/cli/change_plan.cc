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
#include "git/compute_change_set.h"
#include "git/git_fetcher.h"
#include "git/git_library.h"
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

// A local run scans the working tree too, and lamina's own report folder (lamina-out/, untracked,
// or any --out inside the repository) is in it: the next run would scan the reports of the last.
// In CI the folder cannot be part of the change (a tracked --out is exit 2), so only then.
void leave_out_reports(ChangeSet& changes, const std::string& report_dir,
                       const std::string& repo_root) {
  if (!changes.includes_worktree || report_dir.size() <= repo_root.size() + 1 ||
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

// --only / --skip: scanners picked for one run, by id; an unknown id is bad input (exit 2).
void pick_scanners(Catalog& catalog, const Options& options) {
  auto ids = [&](const std::optional<std::string>& list, const char* flag) {
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
  };
  std::set<std::string> only = ids(options.only, "--only");
  std::set<std::string> skip = ids(options.skip, "--skip");
  for (ScannerSpec& spec : catalog.scanners) {
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

}  // namespace

ChangePlan resolve_changes(const Options& options, const EnvMap& env, bool defer_lines) {
  ChangePlan out = locate_checkout(options, env);
  ChangeSetOptions git_options;
  git_options.defer_lines = defer_lines;
  git_options.allow_fetch = !options.no_fetch;
  CliGitFetcher fetcher(env);
  git_options.fetcher = &fetcher;
  out.changes = compute_change_set(out.repo_root, out.context, git_options);
  leave_out_reports(out.changes, report_directory(options, out.repo_root), out.repo_root);
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
  out.plan = make_plan(out.catalog, out.settings, out.changes, out.layer, out.repo_root, extra);
  return out;
}

}  // namespace lamina
