#pragma once
// Where a user fixes a bad input when lamina runs in CI: one clause, appended to an error message,
// naming the line of the workflow file (GitHub) or .gitlab-ci.yml (GitLab) to change. Outside CI
// it is "" and the error's own "-C DIR" / "--out DIR" advice stands.
#include <string>
#include <string_view>

#include "util/env.h"

namespace lamina {

enum class WorkflowFix {
  checkout,    // the workspace has no checkout
  layer,       // --layer names no layer
  report_dir,  // the report directory cannot be written
};

// "" outside GitHub Actions (GITHUB_ACTIONS=true) and GitLab CI (GITLAB_CI=true); otherwise
// "; in the workflow file, ..." (or "; in .gitlab-ci.yml, ...").
std::string workflow_hint(const EnvMap& env, WorkflowFix fix);

// For an error about a flag the GitHub action or a GitLab template sets from its inputs (the
// message starts with "--fail-on", "--filter", "--config-from", "--config", "--jobs", "--out" or
// "--baseline"): "; in the workflow file, fix the lamina step's `with: fail-on:`" (GitHub) or the
// include's input (GitLab). "" outside CI and for other messages.
std::string input_hint(const EnvMap& env, std::string_view message);

}  // namespace lamina
