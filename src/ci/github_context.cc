// GitHub Actions: the run's identity from GITHUB_* variables, the range from the event payload
// (docs: "Events that trigger workflows"; ../shared/notes/platform-specs.md B3, B4).
#include <string_view>
#include <utility>

#include "ci/providers.h"
#include "ci/revision_text.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

const std::string kEnvFix =
    "Fix: run lamina in the GitHub Actions job with GitHub's variables unchanged (an `env:` entry "
    "may be overriding it), or unset GITHUB_ACTIONS to run as a local checkout.";

[[noreturn]] void fail_missing_payload(const EnvMap& env, const std::string& event) {
  const std::optional<std::string> path = event_payload_path(env);
  const std::string where =
      path ? "the file GITHUB_EVENT_PATH names (" + in_quotes(*path) + ") could not be read"
           : "GITHUB_EVENT_PATH is unset";
  throw Error("GitHub " + event + " run without its event payload: " + where +
              ", and lamina needs the payload to find the commits to diff. Fix: run lamina as a "
              "step of the workflow job (GitHub sets GITHUB_EVENT_PATH there; in a container, "
              "mount the file and pass the variable), or choose the range yourself with "
              "--base REV --head REV, or --all.");
}

// "refs/pull/42/merge" -> 42: the PR number when no payload says it.
std::optional<long> pull_number_from_ref(std::string_view ref) {
  constexpr std::string_view prefix = "refs/pull/";
  constexpr std::string_view suffix = "/merge";
  if (!ref.starts_with(prefix) || !ref.ends_with(suffix)) return std::nullopt;
  return parse_request_number(
      ref.substr(prefix.size(), ref.size() - prefix.size() - suffix.size()));
}

// Provider, event, repository, head, PR number, default branch, workspace.
CiContext github_identity(const EnvMap& env, const std::string& event,
                          const EventPayload* payload) {
  CiContext ctx;
  ctx.provider = Provider::github;
  ctx.event = event;
  ctx.workspace = env_or_empty(env, "GITHUB_WORKSPACE");
  // Names, unlike paths, are shown and written to JSON: kept to printable text.
  ctx.repository = one_line(env_or_empty(env, "GITHUB_REPOSITORY"), 200);
  ctx.head = env_commit(env, "GITHUB_SHA", kEnvFix);
  if (ctx.head.empty()) ctx.head = "HEAD";
  ctx.pr_number = pull_number_from_ref(env_or_empty(env, "GITHUB_REF"));
  if (payload == nullptr) return ctx;
  if (ctx.repository.empty()) {
    ctx.repository = one_line(payload->string_field("repository.full_name").value_or(""), 200);
  }
  std::optional<std::string> default_branch = payload->branch_field("repository.default_branch");
  if (!default_branch) default_branch = payload->branch_field("repository.master_branch");
  ctx.default_branch = default_branch.value_or("");
  if (std::optional<long> number = payload->number_field("number")) {
    ctx.pr_number = number;
  } else if (std::optional<long> pr = payload->number_field("pull_request.number")) {
    ctx.pr_number = pr;
  }
  return ctx;
}

std::string pr_label(const CiContext& ctx) {
  return ctx.event + (ctx.pr_number ? " #" + std::to_string(*ctx.pr_number) : "");
}

// GITHUB_SHA is the test merge commit of the PR head into the base branch (refs/pull/N/merge),
// so its first parent is the base as it is now: the diff is exactly what merging would change.
// The payload's base.sha (the base when the event fired, maybe stale) serves a shallow clone
// that cannot get that parent. Once a PR is merged ("closed" with merged: true) GITHUB_SHA is
// instead the base branch tip the merge made: its first parent is still the base before the
// merge, except after a rebase merge of several commits, where it is the last commit's parent.
void choose_pull_request_range(CiContext& ctx, const EventPayload& payload) {
  if (!is_commit_sha(ctx.head)) {  // github_identity() checked GITHUB_SHA when it was set
    throw Error(
        "GITHUB_SHA is unset in a GitHub pull_request run: lamina diffs the test merge "
        "commit it names. " +
        kEnvFix);
  }
  const std::string base_sha = payload.sha_field("pull_request.base.sha");
  const std::optional<std::string> base_ref = payload.string_field("pull_request.base.ref");
  ctx.range = RangeKind::first_parent;
  std::string pr_head = payload.string_field("pull_request.head.sha").value_or("");
  if (is_commit_sha(pr_head)) ctx.pr_head_sha = pr_head;
  ctx.fallback_base = base_sha;
  ctx.fallback_range = RangeKind::diff;
  const std::string base_branch = base_ref ? one_line(*base_ref) : "the base branch";
  if (payload.flag_field("pull_request.merged")) {
    ctx.reason = pr_label(ctx) + " (merged): diffing " + short_sha(ctx.head) + ", the tip of " +
                 base_branch + " the merge made, against its first parent";
    return;
  }
  ctx.reason = pr_label(ctx) + ": diffing the test merge commit " + short_sha(ctx.head) +
               " against its first parent (the current tip of " + base_branch + ")";
}

// For pull_request_target GITHUB_SHA is the base branch tip, not the change: the PR is what its
// head adds since it forked from the base, merge-base(base.sha, head.sha)..head.sha, as
// GitHub's "Files changed" tab shows it.
void choose_pull_request_target_range(CiContext& ctx, const EventPayload& payload) {
  const std::string base_sha = payload.sha_field("pull_request.base.sha");
  const std::optional<std::string> base_ref = payload.string_field("pull_request.base.ref");
  ctx.range = RangeKind::merge_base;
  ctx.base = base_sha;
  ctx.head = payload.sha_field("pull_request.head.sha");
  ctx.pr_head_sha = ctx.head;
  ctx.reason = pr_label(ctx) + ": diffing the pull request head " + short_sha(ctx.head) +
               " against its merge base with " +
               (base_ref ? one_line(*base_ref) + " at " : std::string("the base ")) +
               short_sha(base_sha) + " (GITHUB_SHA is the base branch tip, not the change)";
}

void choose_merge_group_range(CiContext& ctx, const EventPayload& payload) {
  ctx.range = RangeKind::diff;
  ctx.base = payload.sha_field("merge_group.base_sha");
  ctx.head = payload.sha_field("merge_group.head_sha");
  const std::optional<std::string> base_ref = payload.string_field("merge_group.base_ref");
  ctx.reason = "merge_group" + (base_ref ? " for " + one_line(*base_ref) : std::string()) +
               ": diffing the merge queue commit " + short_sha(ctx.head) +
               " against the queue's base " + short_sha(ctx.base);
}

using RangeChooser = void (*)(CiContext&, const EventPayload&);

// The events whose range comes from the payload. Every other event scans every tracked file.
constexpr std::pair<std::string_view, RangeChooser> kPayloadRanges[] = {
    {"pull_request", choose_pull_request_range},
    {"pull_request_target", choose_pull_request_target_range},
    {"push", choose_push_range},
    {"merge_group", choose_merge_group_range},
};

constexpr std::pair<std::string_view, std::string_view> kFullScanReasons[] = {
    {"schedule", "a scheduled run has no change to diff"},
    {"workflow_dispatch", "a manually started run has no change to diff"},
};

void choose_range(CiContext& ctx, const EnvMap& env, const EventPayload* payload) {
  for (const auto& [event, choose] : kPayloadRanges) {
    if (ctx.event != event) continue;
    if (payload == nullptr) fail_missing_payload(env, ctx.event);
    return choose(ctx, *payload);
  }
  for (const auto& [event, why] : kFullScanReasons) {
    if (ctx.event == event) {
      return choose_full_scan(
          ctx, ctx.event + ": " + std::string(why) + "; scanning every tracked file");
    }
  }
  choose_full_scan(ctx, "GitHub event " + in_quotes(ctx.event) +
                            " has no commit range lamina can diff; scanning every tracked file");
}

}  // namespace

CiContext github_context(const EnvMap& env, const std::optional<std::string>& payload_text,
                         RangeSource source) {
  const std::string event = env_or_empty(env, "GITHUB_EVENT_NAME");
  if (event.empty()) {
    throw Error(
        "GITHUB_ACTIONS is true but GITHUB_EVENT_NAME is unset: lamina cannot tell which "
        "event started the run. " +
        kEnvFix);
  }
  std::optional<EventPayload> payload;
  if (payload_text) payload.emplace(*payload_text, event_payload_path(env).value_or(""));
  CiContext ctx = github_identity(env, one_line(event), payload ? &*payload : nullptr);
  if (source == RangeSource::command_line) {
    choose_full_scan(ctx, "the range is chosen on the command line");
    return ctx;
  }
  choose_range(ctx, env, payload ? &*payload : nullptr);
  return ctx;
}

}  // namespace lamina
