#include "ci/detect.h"

#include "ci/providers.h"
#include "ci/revision_text.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

CiContext local_context() {
  CiContext ctx;
  ctx.provider = Provider::local;
  ctx.event = "local";
  ctx.range = RangeKind::local_upstream;
  ctx.head = "HEAD";
  ctx.include_worktree = true;
  ctx.reason =
      "local run: diffing HEAD and the uncommitted changes against the merge base with its "
      "upstream branch (else origin/HEAD, else main or master)";
  return ctx;
}

}  // namespace

CiContext detect_ci_context(const EnvMap& env, const std::optional<std::string>& event_payload,
                            const std::string& cwd, RangeSource source) {
  CiContext ctx;
  if (env_or_empty(env, "GITHUB_ACTIONS") == "true") {
    ctx = github_context(env, event_payload, source);
  } else if (env_or_empty(env, "GITLAB_CI") == "true") {
    ctx = gitlab_context(env, source);
  } else {
    ctx = local_context();
  }
  if (ctx.workspace.empty()) ctx.workspace = cwd;
  return ctx;
}

std::optional<std::string> event_payload_path(const EnvMap& env) {
  std::string path = env_or_empty(env, "GITHUB_EVENT_PATH");
  if (path.empty()) return std::nullopt;
  return path;
}

void choose_full_scan(CiContext& ctx, std::string reason) {
  ctx.range = RangeKind::full;
  ctx.base.clear();
  ctx.fallback_base.clear();
  ctx.fallback_range = RangeKind::diff;
  ctx.remote_branch.clear();
  ctx.reason = std::move(reason);
}

std::string env_commit(const EnvMap& env, const std::string& name, const std::string& fix) {
  std::string value = env_or_empty(env, name);
  if (value.empty() || is_commit_sha(value)) return value;
  throw Error(name + ": expected a commit SHA (40 or 64 hexadecimal digits), got " +
              in_quotes(value) + ". " + fix);
}

}  // namespace lamina
