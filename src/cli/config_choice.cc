#include "cli/config_choice.h"

#include <unistd.h>

#include "config/load_settings.h"
#include "git/file_at_commit.h"
#include "outcome/evaluate.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

// `named` as a path inside the repository, '/'-separated, without "." or ".." steps.
std::string repository_path(const std::string& named, const std::string& origin,
                            const std::string& repo_root) {
  std::string path = named;
  if (!path.empty() && path.front() == '/') {
    if (path.compare(0, repo_root.size() + 1, repo_root + "/") != 0) {
      throw Error(origin + " " + in_quotes(named) +
                  ": with --config-from base the file is read from the base commit, so it must "
                  "be inside the repository; give a repository-relative path");
    }
    path.erase(0, repo_root.size() + 1);
  }
  std::string clean;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = std::min(path.find('/', start), path.size());
    std::string step = path.substr(start, slash - start);
    if (step == "..") {
      throw Error(origin + " " + in_quotes(named) +
                  ": with --config-from base the path must stay inside the repository (no ..)");
    }
    if (!step.empty() && step != ".") clean += (clean.empty() ? "" : "/") + step;
    start = slash + 1;
  }
  if (clean.empty()) throw Error(origin + " " + in_quotes(named) + ": not a file path");
  return clean;
}

}  // namespace

ConfigChoice choose_config(const Options& options, const EnvMap& env, const std::string& repo_root,
                           const std::string& base_commit) {
  ConfigChoice choice;
  choice.from = resolve_config_from(options.config_from, env);
  if (choice.from == ConfigFrom::worktree) {
    choice.file = find_config_file(options, env, repo_root);
    return choice;
  }
  if (base_commit.empty()) {
    throw Error(
        "--config-from base: this change set has no base commit (a full scan, or a local run "
        "with no upstream branch); give the base with --base REV, or use --config-from "
        "worktree");
  }
  choice.base_commit = base_commit;
  // The same file the working tree would give, but always as a path inside the repository.
  std::string named = ".lamina.yml";
  std::string origin = ".lamina.yml";
  if (options.config_path && !options.config_path->empty()) {
    named = *options.config_path;
    origin = "--config";
  } else if (auto from_env = env_get(env, "LAMINA_CONFIG"); from_env && !from_env->empty()) {
    named = *from_env;
    origin = "LAMINA_CONFIG";
  }
  std::string path = repository_path(named, origin, repo_root);
  std::optional<std::string> text = git::read_file_at_commit(repo_root, base_commit, path);
  if (!text && origin != ".lamina.yml") {
    throw Error(origin + " " + in_quotes(named) + ": no such file in the base commit " +
                base_commit.substr(0, 12) + "; commit it to the base branch first");
  }
  if (text) choice.file = ConfigSource{name_at_commit(path, base_commit), std::move(*text)};
  return choice;
}

std::optional<ConfigSource> base_copy_of_input(const ConfigChoice& choice,
                                               const std::string& option, const std::string& given,
                                               const std::string& repo_root) {
  if (choice.from != ConfigFrom::base) return std::nullopt;
  char cwd[4096];
  std::string here = ::getcwd(cwd, sizeof cwd) != nullptr ? cwd : repo_root;
  std::optional<std::string> path = path_in_checkout(given, here, repo_root);
  if (!path) return std::nullopt;
  std::optional<std::string> text =
      path->empty() ? std::nullopt : git::read_file_at_commit(repo_root, choice.base_commit, *path);
  if (!text) {
    throw Error(option + " " + in_quotes(given) +
                ": with --config-from base a file inside the checkout is read from the base "
                "commit " +
                choice.base_commit.substr(0, 12) +
                ", which has none; commit it to the base branch, or give a path outside the "
                "checkout (e.g. downloaded from an earlier run)");
  }
  return ConfigSource{name_at_commit(*path, choice.base_commit), std::move(*text)};
}

std::set<std::string> load_baseline(const ConfigChoice& choice, const std::string& given,
                                    const std::string& repo_root) {
  std::optional<ConfigSource> copy = base_copy_of_input(choice, "--baseline", given, repo_root);
  return copy ? baseline_from_sarif(copy->text, copy->name) : read_baseline(given);
}

ScannerTimings load_timings(const ConfigChoice& choice, const std::string& given,
                            const std::string& repo_root) {
  std::optional<ConfigSource> copy = base_copy_of_input(choice, "--timings", given, repo_root);
  return copy ? timings_from_sarif(copy->text, "--timings " + copy->name)
              : read_timings_file(given);
}

std::string config_file_text(const ConfigChoice& choice) {
  if (choice.file) return choice.file->name;
  if (choice.from == ConfigFrom::base) {
    return "(none at base " + choice.base_commit.substr(0, 12) + ": built-in defaults)";
  }
  return "(none)";
}

}  // namespace lamina
