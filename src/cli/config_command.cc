#include <limits.h>
#include <stdlib.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "cli/catalog_commands.h"
#include "cli/change_plan.h"
#include "cli/config_choice.h"
#include "cli/stdout_text.h"
#include "config/load_settings.h"
#include "util/duration.h"
#include "util/error.h"

namespace lamina {
namespace {

struct Row {
  std::string key;
  nlohmann::json value;
  std::string text;
  std::string origin;
};

template <typename T>
Row row(const std::string& key, const Setting<T>& setting, nlohmann::json value, std::string text) {
  return {key, std::move(value), std::move(text), setting.origin};
}

std::vector<Row> setting_rows(const Settings& s) {
  std::string exclude;
  for (const std::string& p : s.exclude.value) exclude += (exclude.empty() ? "" : ", ") + p;
  std::string budget = s.budget.value ? duration_text(*s.budget.value) : "none";
  std::string coverage;
  for (const std::string& k : s.require_coverage.value)
    coverage += (coverage.empty() ? "" : ", ") + k;
  return {
      row("jobs", s.jobs, s.jobs.value, std::to_string(s.jobs.value)),
      row("timeout", s.timeout, duration_text(s.timeout.value), duration_text(s.timeout.value)),
      row("budget", s.budget, s.budget.value ? nlohmann::json(budget) : nlohmann::json(), budget),
      row("fail_on", s.fail_on, s.fail_on.value, s.fail_on.value),
      row("filter", s.filter, s.filter.value, s.filter.value),
      row("fail_fast", s.fail_fast, s.fail_fast.value, s.fail_fast.value ? "true" : "false"),
      row("exclude", s.exclude, s.exclude.value, "[" + exclude + "]"),
      row("default_excludes", s.default_excludes, s.default_excludes.value,
          s.default_excludes.value ? "true" : "false"),
      row("require_coverage", s.require_coverage, s.require_coverage.value, "[" + coverage + "]"),
  };
}

// A configured scanner entry as JSON (YAML scalars stay strings: this shows what was written).
nlohmann::json yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& entry : node) object[entry.first.Scalar()] = yaml_to_json(entry.second);
    return object;
  }
  if (node.IsSequence()) {
    nlohmann::json list = nlohmann::json::array();
    for (const YAML::Node& item : node) list.push_back(yaml_to_json(item));
    return list;
  }
  return node.IsScalar() ? nlohmann::json(node.Scalar()) : nlohmann::json();
}

}  // namespace

std::string command_repo_root(const Options& options) {
  std::string dir = options.repo_dir.empty() ? "." : options.repo_dir;
  char resolved[PATH_MAX];
  if (::realpath(dir.c_str(), resolved) == nullptr) {
    throw Error("-C " + dir + ": no such directory; give the repository folder");
  }
  return resolved;
}

ConfigChoice command_config(const Options& options, const EnvMap& env) {
  if (resolve_config_from(options.config_from, env) == ConfigFrom::worktree) {
    return choose_config(options, env, command_repo_root(options), "");
  }
  ChangePlan scope = resolve_changes(options, env);
  return choose_config(options, env, scope.repo_root, scope.changes.base);
}

int run_config_command(const Options& options, const EnvMap& env) {
  ConfigChoice choice = command_config(options, env);
  Settings settings = load_settings(choice.file, options, env);
  effective_catalog(builtin_catalog(), settings);  // reports bad scanner entries now
  std::vector<Row> rows = setting_rows(settings);
  if (options.json) {
    nlohmann::json out = {{"config_file", settings.config_file},
                          {"config_from", choice.from == ConfigFrom::base ? "base" : "worktree"}};
    if (choice.from == ConfigFrom::base) out["config_commit"] = choice.base_commit;
    for (const Row& r : rows) out["settings"][r.key] = {{"value", r.value}, {"origin", r.origin}};
    out["scanners"] = nlohmann::json::object();
    for (const ScannerConfig& c : settings.scanners) {
      out["scanners"][c.id] = {{"origin", c.source.position(c.key)},
                               {"settings", yaml_to_json(c.body)}};
    }
    print_stdout_json(out, env);
    return 0;
  }
  // Values and scanner ids come from the change's .lamina.yml: printed through the log filter.
  std::string text = "config file: " + config_file_text(choice) + "\n";
  auto padded = [](const std::string& s, size_t width) {
    return s + std::string(s.size() < width ? width - s.size() : 0, ' ') + " ";
  };
  for (const Row& r : rows) text += padded(r.key, 17) + padded(r.text, 20) + r.origin + "\n";
  for (const ScannerConfig& c : settings.scanners) {
    text += "scanners." + c.id + ": " +
            yaml_to_json(c.body).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
            "  " + c.source.position(c.key) + "\n";
  }
  print_stdout_text(text, env);
  return 0;
}

}  // namespace lamina
