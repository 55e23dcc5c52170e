#pragma once
// Where a user fixes a bad input when lamina runs in CI: one clause, appended to an error message,
// naming the line of the workflow file (GitHub) or .gitlab-ci.yml (GitLab) to change. Outside CI
// it is "" and the error's own "-C DIR" / "--out DIR" advice stands.
#include <string>

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

}  // namespace lamina
