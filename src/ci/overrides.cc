#include "ci/overrides.h"

#include "ci/detect.h"
#include "ci/providers.h"
#include "ci/revision_text.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

// "--base", "--head" or "--base and --head": the diff flags actually given.
std::string diff_flags(const RangeOverrides& o) {
  if (o.base && o.head) return "--base and --head";
  return o.base ? "--base" : "--head";
}

void check_revision(const std::optional<std::string>& revision, const std::string& flag) {
  if (!revision || is_revision_text(*revision)) return;
  throw Error(flag + ": expected a git revision (a commit SHA, branch or tag name), got " +
              in_quotes(*revision) + ". Fix: give " + flag +
              " a revision such as origin/main or a commit SHA; a revision cannot be empty, "
              "start with '-' or contain control characters.");
}

// The base the context diffs against, for --head alone; "" when it has none.
std::string context_base_description(const CiContext& ctx) {
  switch (ctx.range) {
    case RangeKind::diff:
      return one_line(ctx.base) + " (from the " + ctx.event + " context)";
    case RangeKind::merge_base:
      return "its merge base with " + one_line(ctx.base);
    case RangeKind::local_upstream:
      return "its merge base with the upstream branch (else origin/HEAD, else main or master)";
    case RangeKind::first_parent:
    case RangeKind::full:
    case RangeKind::nothing:
      break;
  }
  return "";
}

// The context's fallback belonged to its own range, not to one the command line chose.
void clear_fallback(CiContext& ctx) {
  ctx.fallback_base.clear();
  ctx.fallback_range = RangeKind::diff;
}

// A deleted branch's context names no head; the checkout's HEAD is what is there to scan.
void ensure_head(CiContext& ctx) {
  if (ctx.head.empty()) ctx.head = "HEAD";
}

CiContext with_full_scan(CiContext ctx, std::string reason) {
  ensure_head(ctx);
  choose_full_scan(ctx, std::move(reason));
  ctx.include_worktree = false;
  return ctx;
}

CiContext with_base(CiContext ctx, const std::string& base,
                    const std::optional<std::string>& head) {
  ensure_head(ctx);
  clear_fallback(ctx);
  ctx.range = RangeKind::diff;
  ctx.base = base;
  // --base origin/<branch>: a clone without that branch fetches it by name.
  ctx.remote_branch.clear();
  if (base.starts_with("origin/") && is_branch_name(base.substr(7))) {
    ctx.remote_branch = base.substr(7);
  }
  if (head) {
    ctx.head = *head;
    ctx.include_worktree = false;
  }
  ctx.reason = std::string(head ? "--base and --head given" : "--base given") + ": diffing " +
               one_line(ctx.head) + (ctx.include_worktree ? " and the uncommitted changes" : "") +
               " against " + one_line(ctx.base);
  return ctx;
}

CiContext with_head_only(CiContext ctx, const std::string& head) {
  if (ctx.range == RangeKind::first_parent && !ctx.fallback_base.empty()) {
    // The merge commit's parent says nothing about another head; the PR's base does.
    ctx.range = RangeKind::merge_base;
    ctx.base = ctx.fallback_base;
  }
  clear_fallback(ctx);
  const std::string base = context_base_description(ctx);
  if (base.empty()) {
    throw Error("--head needs --base here: the " + ctx.event + " context has no base commit to " +
                "diff " + in_quotes(head) + " against (" + ctx.reason + "). Fix: add --base REV, " +
                "or use --all to scan every tracked file.");
  }
  ctx.head = head;
  ctx.include_worktree = false;
  ctx.reason = "--head given: diffing " + one_line(head) + " against " + base;
  return ctx;
}

}  // namespace

void check_overrides(const RangeOverrides& o) {
  const bool diff_flag = o.base || o.head;
  if (o.all && diff_flag) {
    throw Error("--all and " + diff_flags(o) +
                " contradict each other: --all scans every tracked "
                "file without a diff, " +
                diff_flags(o) +
                " choose a diff. Fix: drop --all to "
                "diff, or drop " +
                diff_flags(o) + " to scan everything.");
  }
  if (o.layer == Layer::continuous && diff_flag) {
    throw Error("--layer continuous and " + diff_flags(o) +
                " contradict each other: the "
                "continuous layer scans every tracked file, " +
                diff_flags(o) +
                " choose a diff. "
                "Fix: drop " +
                diff_flags(o) +
                ", or pick another layer (--layer inline, "
                "pre-deploy or post-deploy).");
  }
  check_revision(o.base, "--base");
  check_revision(o.head, "--head");
}

bool overrides_choose_range(const RangeOverrides& o) {
  return o.all || o.layer == Layer::continuous || (o.base && o.head);
}

CiContext apply_overrides(CiContext ctx, const RangeOverrides& o) {
  check_overrides(o);
  if (o.all) return with_full_scan(std::move(ctx), "--all given: scanning every tracked file");
  if (o.layer == Layer::continuous) {
    return with_full_scan(std::move(ctx), "continuous layer scans every tracked file");
  }
  if (o.base) return with_base(std::move(ctx), *o.base, o.head);
  if (o.head) return with_head_only(std::move(ctx), *o.head);
  return ctx;
}

CiContext resolve_ci_context(const EnvMap& env, const std::optional<std::string>& event_payload,
                             const std::string& cwd, const RangeOverrides& o) {
  check_overrides(o);
  const RangeSource source =
      overrides_choose_range(o) ? RangeSource::command_line : RangeSource::ci;
  return apply_overrides(detect_ci_context(env, event_payload, cwd, source), o);
}

}  // namespace lamina
