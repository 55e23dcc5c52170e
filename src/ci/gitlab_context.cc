// GitLab CI: identity and range from the predefined variables (platform-specs.md C1).
#include "ci/providers.h"
#include "ci/revision_text.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

const std::string kEnvFix =
    "Fix: run lamina in the GitLab CI job with GitLab's predefined variables unchanged (a "
    "`variables:` entry may be overriding it), or unset GITLAB_CI to run as a local checkout.";

std::optional<long> env_number(const EnvMap& env, const std::string& name) {
  const std::string text = env_or_empty(env, name);
  if (text.empty()) return std::nullopt;
  std::optional<long> number = parse_request_number(text);
  if (!number) {
    throw Error(name + ": expected a positive whole number, got " + in_quotes(text) + ". " +
                kEnvFix);
  }
  return number;
}

std::string env_branch(const EnvMap& env, const std::string& name) {
  std::string value = env_or_empty(env, name);
  if (!value.empty() && !is_branch_name(value)) {
    throw Error(name + ": expected a git branch name, got " + in_quotes(value) + ". " + kEnvFix);
  }
  return value;
}

CiContext gitlab_identity(const EnvMap& env, const std::string& source) {
  CiContext ctx;
  ctx.provider = Provider::gitlab;
  ctx.event = source;
  ctx.repository = one_line(env_or_empty(env, "CI_PROJECT_PATH"), 200);  // shown, not a path
  ctx.workspace = env_or_empty(env, "CI_PROJECT_DIR");
  ctx.default_branch = env_branch(env, "CI_DEFAULT_BRANCH");
  ctx.head = env_commit(env, "CI_COMMIT_SHA", kEnvFix);
  if (ctx.head.empty()) {
    throw Error("CI_COMMIT_SHA is unset in a GitLab CI job: lamina scans the commit it names. " +
                kEnvFix);
  }
  ctx.pr_number =
      env_number(env, source == "external_pull_request_event" ? "CI_EXTERNAL_PULL_REQUEST_IID"
                                                              : "CI_MERGE_REQUEST_IID");
  return ctx;
}

std::string mr_label(const CiContext& ctx) {
  return ctx.pr_number ? " for !" + std::to_string(*ctx.pr_number) : std::string();
}

// Merged results and merge train pipelines build a temporary merge of the source into the
// target, so CI_COMMIT_SHA is a merge commit: diff it against the target tip it was made on.
void choose_merged_result_range(CiContext& ctx, const EnvMap& env, const std::string& type) {
  const std::string target_sha = env_commit(env, "CI_MERGE_REQUEST_TARGET_BRANCH_SHA", kEnvFix);
  const std::string target_name = env_or_empty(env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
  const std::string target =
      "the target branch" + (target_name.empty() ? "" : " " + one_line(target_name));
  const std::string label =
      (type == "merge_train" ? "merge train pipeline" : "merged results pipeline") + mr_label(ctx) +
      ": diffing the merge commit " + short_sha(ctx.head);
  ctx.fallback_base = env_commit(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA", kEnvFix);
  if (!target_sha.empty()) {
    ctx.range = RangeKind::diff;
    ctx.base = target_sha;
    ctx.reason = label + " against " + target + " at " + short_sha(target_sha);
  } else {
    ctx.range = RangeKind::first_parent;
    ctx.reason = label + " against its first parent (" + target + ")";
  }
}

void choose_merge_request_range(CiContext& ctx, const EnvMap& env) {
  const std::string type = env_or_empty(env, "CI_MERGE_REQUEST_EVENT_TYPE");
  if (type == "merged_result" || type == "merge_train") {
    return choose_merged_result_range(ctx, env, type);
  }
  const std::string diff_base = env_commit(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA", kEnvFix);
  if (!diff_base.empty()) {
    ctx.range = RangeKind::diff;
    ctx.base = diff_base;
    ctx.reason = "merge request pipeline" + mr_label(ctx) + ": diffing " + short_sha(ctx.head) +
                 " against the merge request's diff base " + short_sha(diff_base);
    return;
  }
  const std::string target = env_branch(env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
  if (target.empty()) {
    throw Error(
        "CI_MERGE_REQUEST_DIFF_BASE_SHA and CI_MERGE_REQUEST_TARGET_BRANCH_NAME are both unset in "
        "a merge request pipeline: lamina cannot tell what the merge request changes. " +
        kEnvFix + " Or choose the range with --base REV --head REV.");
  }
  ctx.range = RangeKind::merge_base;
  ctx.base = "origin/" + target;
  ctx.remote_branch = target;
  ctx.reason = "merge request pipeline" + mr_label(ctx) +
               ": CI_MERGE_REQUEST_DIFF_BASE_SHA is unset, so diffing " + short_sha(ctx.head) +
               " against its merge base with origin/" + one_line(target);
}

// GitLab does not say whether a push was forced: `before` may not be an ancestor, or may be gone;
// the fallback is what the branch adds to the default branch.
void choose_branch_push_range(CiContext& ctx, const std::string& before,
                              const std::string& branch) {
  ctx.range = RangeKind::diff;
  ctx.base = before;
  ctx.reason = ctx.event + " pipeline" + (branch.empty() ? "" : " for " + one_line(branch)) +
               ": diffing " + short_sha(ctx.head) + " against the branch's previous tip " +
               short_sha(before) + " (CI_COMMIT_BEFORE_SHA)";
  if (!ctx.default_branch.empty() && branch != ctx.default_branch) {
    ctx.fallback_base = "origin/" + ctx.default_branch;
    ctx.fallback_range = RangeKind::merge_base;
    ctx.remote_branch = ctx.default_branch;
  }
}

void choose_new_branch_range(CiContext& ctx, const std::string& branch) {
  if (ctx.default_branch.empty()) {
    throw Error(
        "CI_DEFAULT_BRANCH is unset, and the first pipeline of a new branch "
        "(CI_COMMIT_BEFORE_SHA is all zeros) is compared with the default branch. " +
        kEnvFix + " Or choose the range with --base REV.");
  }
  if (branch == ctx.default_branch) {
    return choose_full_scan(ctx, "push pipeline for the new default branch " + one_line(branch) +
                                     ": there is no earlier commit to compare with; scanning "
                                     "every tracked file");
  }
  ctx.range = RangeKind::merge_base;
  ctx.base = "origin/" + ctx.default_branch;
  ctx.remote_branch = ctx.default_branch;
  ctx.reason = "push pipeline for the new branch " + one_line(branch) + ": diffing " +
               short_sha(ctx.head) + " against its merge base with origin/" +
               one_line(ctx.default_branch) + " (the default branch)";
}

void choose_range(CiContext& ctx, const EnvMap& env) {
  const std::string& source = ctx.event;
  if (source == "merge_request_event") return choose_merge_request_range(ctx, env);
  if (source == "external_pull_request_event") {
    const std::string target =
        env_commit(env, "CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_SHA", kEnvFix);
    if (!target.empty()) {
      ctx.range = RangeKind::merge_base;
      ctx.base = target;
      ctx.reason = "external pull request pipeline" +
                   (ctx.pr_number ? " for #" + std::to_string(*ctx.pr_number) : std::string()) +
                   ": diffing " + short_sha(ctx.head) +
                   " against its merge base with the target branch tip " + short_sha(target);
      return;
    }
  }
  if (source == "schedule") {
    return choose_full_scan(ctx,
                            "schedule pipeline: a scheduled run has no change to diff; "
                            "scanning every tracked file");
  }
  const std::string tag = env_or_empty(env, "CI_COMMIT_TAG");
  if (!tag.empty()) {
    return choose_full_scan(ctx, "pipeline for tag " + one_line(tag) +
                                     ": a tag names a release, not a change; scanning every "
                                     "tracked file");
  }
  const std::string before = env_commit(env, "CI_COMMIT_BEFORE_SHA", kEnvFix);
  const std::string branch = env_or_empty(env, "CI_COMMIT_BRANCH");
  if (!before.empty() && !is_null_sha(before)) return choose_branch_push_range(ctx, before, branch);
  if (source == "push") return choose_new_branch_range(ctx, branch);
  choose_full_scan(ctx, one_line(source) + " pipeline: CI_COMMIT_BEFORE_SHA is " +
                            (before.empty() ? "unset" : "all zeros") +
                            " (a pipeline started by hand or by another pipeline has no previous "
                            "commit); scanning every tracked file");
}

}  // namespace

CiContext gitlab_context(const EnvMap& env, RangeSource source) {
  const std::string pipeline_source = env_or_empty(env, "CI_PIPELINE_SOURCE");
  if (pipeline_source.empty()) {
    throw Error(
        "GITLAB_CI is true but CI_PIPELINE_SOURCE is unset: lamina cannot tell what "
        "started the pipeline. " +
        kEnvFix);
  }
  CiContext ctx = gitlab_identity(env, one_line(pipeline_source));
  if (source == RangeSource::command_line) {
    choose_full_scan(ctx, "the range is chosen on the command line");
    return ctx;
  }
  choose_range(ctx, env);
  return ctx;
}

}  // namespace lamina
