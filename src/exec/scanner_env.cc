#include "exec/scanner_env.h"

#include <algorithm>
#include <map>

namespace lamina {
namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_baseline_name(const std::string& name) {
  return name == "PATH" || name == "HOME" || name == "LANG" || starts_with(name, "LC_");
}

}  // namespace

bool is_credential_name(const std::string& name) {
  if (name == "GITHUB_TOKEN" || name == "CI_JOB_TOKEN" || starts_with(name, "ACTIONS_")) {
    return true;
  }
  for (const char* suffix : {"_TOKEN", "_SECRET", "_PASSWORD", "_KEY"}) {
    if (ends_with(name, suffix)) return true;
  }
  return false;
}

std::vector<std::string> scanner_environment(const EnvMap& lamina_env,
                                             const std::vector<std::string>& allowed,
                                             const std::string& run_tmp) {
  std::map<std::string, std::string> chosen;
  for (const auto& [name, value] : lamina_env) {
    bool named = std::find(allowed.begin(), allowed.end(), name) != allowed.end();
    if (named || (is_baseline_name(name) && !is_credential_name(name))) chosen[name] = value;
  }
  // execvpe's fallback when PATH is unset; scanners that spawn helpers need some PATH.
  chosen.emplace("PATH", "/usr/local/bin:/usr/bin:/bin");
  // Without a locale (a container started with a bare environment) some scanners print
  // non-ASCII file names as U+FFFD (ShellCheck does), and their findings would miss the diff.
  if (!chosen.contains("LANG") && !chosen.contains("LC_ALL") && !chosen.contains("LC_CTYPE")) {
    chosen["LANG"] = "C.UTF-8";
  }
  chosen["TMPDIR"] = run_tmp;
  std::vector<std::string> env;
  env.reserve(chosen.size());
  for (const auto& [name, value] : chosen) env.push_back(name + "=" + value);
  return env;
}

}  // namespace lamina
