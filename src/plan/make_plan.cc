#include "plan/make_plan.h"

#include <map>

#include "exec/spawn.h"
#include "plan/argv_batches.h"
#include "plan/file_selection.h"
#include "plan/project_roots.h"

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

// One invocation per batch of `files` (paths as given to the tool: `args`).
void add_batches(ScannerDecision& decision, const Invocation& base,
                 const std::vector<std::string>& command,
                 const std::map<std::string, std::string>& values, const std::string& cwd,
                 const std::vector<std::string>& files, const std::vector<std::string>& args,
                 size_t arg_space) {
  for (ArgvBatch& batch : build_argv_batches(command, values, args, arg_space)) {
    Invocation invocation = base;
    invocation.argv = std::move(batch.argv);
    invocation.cwd = cwd;
    bool takes_files = batch.file_count > 0;
    invocation.files = takes_files ? std::vector<std::string>(
                                         files.begin() + static_cast<std::ptrdiff_t>(batch.first_file),
                                         files.begin() + static_cast<std::ptrdiff_t>(batch.first_file + batch.file_count))
                                   : files;
    decision.invocations.push_back(std::move(invocation));
  }
}

// Scope project: groups the matches by their nearest root; drops files without one.
std::map<std::string, std::vector<std::string>> files_by_root(const ScannerSpec& spec,
                                                              const std::string& repo_root,
                                                              std::vector<FileMatch>& matches) {
  ProjectRootFinder finder(repo_root, spec.root_markers);
  std::map<std::string, std::vector<std::string>> roots;
  std::vector<FileMatch> kept;
  for (FileMatch& match : matches) {
    auto root = finder.root_of(match.path);
    if (!root) continue;
    std::string where = root->dir.empty() ? root->marker : root->dir + "/" + root->marker;
    match.rule += ", marker " + where;
    roots[root->dir].push_back(match.path);
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
  std::vector<std::string> paths, args;
  for (const FileMatch& match : d.files) {
    paths.push_back(match.path);
    args.push_back(file_argument(match.path));
  }
  switch (spec.scope) {
    case Scope::files:
    case Scope::repo:
      add_batches(d, base, command, values, repo_root, paths, args, arg_space);
      return count_of(paths.size(), "matching changed file") +
             (spec.scope == Scope::repo ? "; scans the repository once" : "");
    case Scope::project: {
      auto roots = files_by_root(spec, repo_root, d.files);
      for (const auto& [dir, files] : roots) {
        std::vector<std::string> relative;
        for (const std::string& file : files) {
          relative.push_back(file_argument(dir.empty() ? file : file.substr(dir.size() + 1)));
        }
        std::string cwd = dir.empty() ? repo_root : repo_root + "/" + dir;
        values["root"] = cwd;
        add_batches(d, base, command, values, cwd, files, relative, arg_space);
      }
      if (roots.empty()) return "";
      return count_of(d.files.size(), "matching changed file") + " in " +
             count_of(roots.size(), "project");
    }
    case Scope::artifact:
      for (const std::string& artifact : extra.artifacts) {
        values["artifact"] = file_argument(artifact);
        add_batches(d, base, command, values, repo_root, {artifact}, {}, arg_space);
      }
      return count_of(extra.artifacts.size(), "artifact");
    case Scope::url:
      values["target_url"] = extra.target_url;
      add_batches(d, base, command, values, repo_root, {}, {}, arg_space);
      return "target " + extra.target_url;
  }
  return "";
}

// Why a scanner with no invocation does not run, when that is known before building any.
std::string missing_input(const ScannerSpec& spec, const std::vector<FileMatch>& files,
                          const PlanInputs& extra) {
  if (!spec.enabled) return "disabled by " + spec.disabled_by;
  if (spec.scope == Scope::artifact) return extra.artifacts.empty() ? "no artifact given (--artifact)" : "";
  if (spec.scope == Scope::url) return extra.target_url.empty() ? "no target URL given (--target-url)" : "";
  return files.empty() ? "no matching files" : "";
}

void check_installed(ScannerDecision& d, const ScannerSpec& spec, const std::string& path,
                     std::string* missing) {
  d.installed = true;
  for (const std::string& program : spec.required_executables()) {
    std::string found = find_executable(program, path);
    if (found.empty()) {
      d.installed = false;
      *missing += (missing->empty() ? "" : ", ") + program;
    }
    if (!spec.command.empty() && program == spec.command.front()) d.installed_path = found;
  }
  if (d.installed_path.empty() && !spec.command.empty()) {
    d.installed_path = find_executable(spec.command.front(), path);
  }
}

}  // namespace

Plan make_plan(const Catalog& catalog, const Settings& settings, const ChangeSet& changes,
               Layer layer, const std::string& repo_root, const PlanInputs& extra) {
  Plan plan;
  plan.layer = layer;
  plan.repo_root = repo_root;
  std::vector<const ScannerSpec*> scanners;
  for (const ScannerSpec& spec : catalog.scanners) {
    if (spec.in_layer(layer)) scanners.push_back(&spec);
  }
  FileSelection selection = select_files(scanners, settings, changes, repo_root);
  for (const Exclusion& exclusion : selection.exclusions) {
    plan.excluded.push_back(exclusion.path + ": " + exclusion.rule);
  }
  plan.exclusions = std::move(selection.exclusions);
  plan.notes = std::move(selection.notes);
  size_t arg_space = extra.arg_space != 0 ? extra.arg_space : system_argument_space();

  for (size_t i = 0; i < scanners.size(); ++i) {
    const ScannerSpec& spec = *scanners[i];
    ScannerDecision& d = plan.scanners.emplace_back();
    d.scanner_id = spec.id;
    d.name = spec.name;
    d.required = spec.required;
    d.install_hint = spec.install;
    std::string missing;
    check_installed(d, spec, extra.path, &missing);
    d.reason = missing_input(spec, selection.per_scanner[i], extra);
    if (!d.reason.empty()) continue;
    if (spec.enabled) d.files = std::move(selection.per_scanner[i]);
    std::string runs = plan_invocations(d, spec, settings, repo_root, extra, arg_space);
    if (runs.empty()) {
      std::string markers;
      for (const std::string& m : spec.root_markers) markers += (markers.empty() ? "" : " or ") + m;
      d.reason = "no matching file has " + markers + " in a folder above it";
      continue;
    }
    if (!d.installed) {
      d.selected = spec.required;
      d.reason = std::string(spec.required ? "required but not installed" : "not installed") +
                 " (" + missing + " not on PATH); install: " + spec.install;
      if (!spec.required) d.invocations.clear();
      continue;
    }
    d.selected = true;
    d.reason = runs;
  }
  return plan;
}

}  // namespace lamina
