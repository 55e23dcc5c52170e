#include "cli/workflow_hint.h"

namespace lamina {
namespace {

bool on_github(const EnvMap& env) {
  return env_get(env, "GITHUB_ACTIONS").value_or("") == "true";
}
bool on_gitlab(const EnvMap& env) {
  return env_get(env, "GITLAB_CI").value_or("") == "true";
}

const char* github_hint(WorkflowFix fix) {
  switch (fix) {
    case WorkflowFix::checkout:
      return "; in the workflow file, add `- uses: actions/checkout@v4` before the lamina step "
             "(a Docker action sees the job's checkout at /github/workspace)";
    case WorkflowFix::layer:
      return "; in the workflow file, set the lamina step's `with: layer:` to one of them";
    case WorkflowFix::report_dir:
      return "; in the workflow file, set the lamina step's `with: out:` to a writable folder "
             "(the job's checkout is writable unless your container mounts it read-only)";
  }
  return "";
}

const char* gitlab_hint(WorkflowFix fix) {
  switch (fix) {
    case WorkflowFix::checkout:
      return "; in .gitlab-ci.yml, the lamina job needs the repository: remove "
             "`GIT_STRATEGY: none` from its variables";
    case WorkflowFix::layer:
      return "; in .gitlab-ci.yml, include the template of that layer "
             "(gitlab-templates/lamina-<layer>.yml) or fix the job's --layer";
    case WorkflowFix::report_dir:
      return "; in .gitlab-ci.yml, pass --out with a folder inside $CI_PROJECT_DIR that the job "
             "can write (artifacts are collected from there)";
  }
  return "";
}

struct FlagInput {
  std::string_view flag, github_input, gitlab_input;  // "" = no such input there
};

constexpr FlagInput kFlagInputs[] = {
    {"--fail-on", "fail-on", "fail_on"},
    {"--filter", "filter", "filter"},
    {"--config-from", "config-from", ""},
    {"--config", "config", ""},
    {"--jobs", "jobs", ""},
    {"--out", "out", ""},
    {"--baseline", "baseline", ""},
};

}  // namespace

std::string input_hint(const EnvMap& env, std::string_view message) {
  bool github = on_github(env);
  if (!github && !on_gitlab(env)) return "";
  for (const FlagInput& f : kFlagInputs) {
    if (!message.starts_with(f.flag)) continue;
    char next = message.size() > f.flag.size() ? message[f.flag.size()] : ' ';
    if (next != ' ' && next != ':') continue;  // "--config" is not "--config-from"
    if (github) {
      return "; in the workflow file, fix the lamina step's `with: " + std::string(f.github_input) +
             ":`";
    }
    if (!f.gitlab_input.empty()) {
      return "; in .gitlab-ci.yml, fix the lamina include's `inputs: " +
             std::string(f.gitlab_input) + ":`";
    }
    return "; in .gitlab-ci.yml, fix " + std::string(f.flag) +
           " in the lamina include's `inputs: args:` or the job's script";
  }
  return "";
}

std::string workflow_hint(const EnvMap& env, WorkflowFix fix) {
  if (on_github(env)) return github_hint(fix);
  if (on_gitlab(env)) return gitlab_hint(fix);
  return "";
}

}  // namespace lamina
