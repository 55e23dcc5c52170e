// GitHub push events: payload `before`..`after`, with the special pushes (new branch, deleted
// branch, force push, tags) each stated in the reason (platform-specs.md B3, B4).
#include "ci/providers.h"
#include "ci/revision_text.h"
#include "util/text.h"

namespace lamina {
namespace {

constexpr std::string_view kBranchPrefix = "refs/heads/";

// The default branch a new branch is compared with; the payload must name it.
std::string required_default_branch(const CiContext& ctx, const EventPayload& payload) {
  if (ctx.default_branch.empty()) {
    payload.fail("repository.default_branch",
                 "the repository's default branch name (a new branch is compared with it)");
  }
  return ctx.default_branch;
}

void choose_new_branch_range(CiContext& ctx, const EventPayload& payload, const std::string& ref) {
  const std::string default_branch = required_default_branch(ctx, payload);
  if (ref == std::string(kBranchPrefix) + default_branch) {
    return choose_full_scan(ctx, "push created the default branch " + one_line(default_branch) +
                                     ": there is no earlier commit to compare with; scanning "
                                     "every tracked file");
  }
  ctx.range = RangeKind::merge_base;
  ctx.base = "origin/" + default_branch;
  ctx.remote_branch = default_branch;
  ctx.reason = "push created " + one_line(ref) + ": diffing " + short_sha(ctx.head) +
               " against its merge base with origin/" + one_line(default_branch) +
               " (the default branch)";
}

// A force push replaced `before`, which need not be an ancestor of `after` and may be gone from
// the remote: the diff still shows what the push changed; the fallback is what the branch adds
// to the default branch.
void choose_forced_push_range(CiContext& ctx, const std::string& ref) {
  std::string reason = "forced push to " + one_line(ref) + ": diffing the new tip " +
                       short_sha(ctx.head) + " against the replaced tip " + short_sha(ctx.base);
  if (!ctx.default_branch.empty() && ref != std::string(kBranchPrefix) + ctx.default_branch) {
    ctx.fallback_base = "origin/" + ctx.default_branch;
    ctx.fallback_range = RangeKind::merge_base;
    ctx.remote_branch = ctx.default_branch;
    reason += " (if that commit is gone, against the merge base with origin/" +
              one_line(ctx.default_branch) + ")";
  }
  ctx.reason = reason;
}

}  // namespace

void choose_push_range(CiContext& ctx, const EventPayload& payload) {
  const std::optional<std::string> ref = payload.string_field("ref");
  if (!ref || ref->empty()) payload.fail("ref", "the pushed ref, such as refs/heads/main");
  const std::string before = payload.sha_field("before");
  const std::string after = payload.sha_field("after");
  if (payload.flag_field("deleted") || is_null_sha(after)) {
    ctx.range = RangeKind::nothing;
    ctx.base.clear();
    ctx.head.clear();
    ctx.reason = "push deleted " + one_line(*ref) + ": nothing to scan";
    return;
  }
  ctx.head = after;
  if (ref->starts_with("refs/tags/")) {
    return choose_full_scan(ctx, "push of tag " + one_line(*ref) +
                                     ": a tag names a release, not a change; scanning every "
                                     "tracked file");
  }
  if (is_null_sha(before)) return choose_new_branch_range(ctx, payload, *ref);
  ctx.range = RangeKind::diff;
  ctx.base = before;
  if (payload.flag_field("forced")) return choose_forced_push_range(ctx, *ref);
  ctx.reason = "push to " + one_line(*ref) + ": diffing the new tip " + short_sha(after) +
               " against the previous tip " + short_sha(before);
}

}  // namespace lamina
