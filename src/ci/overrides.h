#pragma once
// The command line's say over the range: --base, --head, --all and --layer, applied on top of the
// CI context.
#include <optional>
#include <string>

#include "ci/ci_context.h"
#include "model/layer.h"
#include "util/env.h"

namespace lamina {

struct RangeOverrides {
  std::optional<std::string> base;  // --base REV
  std::optional<std::string> head;  // --head REV
  bool all = false;                 // --all
  Layer layer = Layer::inline_layer;
};

// Throws lamina::Error (exit 2) naming both flags and the fix for contradictions (--all with
// --base or --head; --layer continuous with --base or --head) and for revisions git could
// misread (empty, starting with '-', control characters).
void check_overrides(const RangeOverrides& o);

// True when the overrides choose the range on their own, so the CI facts need not.
bool overrides_choose_range(const RangeOverrides& o);

// `ctx` with the overrides applied (check_overrides first):
// - --all or --layer continuous: a full scan of every tracked file at the context's head.
// - --base B --head H: diff B..H; the working tree is left out (H is a commit).
// - --base B alone: diff B..(the context's head), keeping a local run's uncommitted changes.
// - --head H alone: H replaces the context's head against the context's base (a local run's
//   upstream merge base, a PR's base); the working tree is left out. When the context has no
//   base (a full scan, a deleted branch, a merge commit's first parent without a fallback) it
//   throws: --head needs --base there.
// - none: `ctx` unchanged.
CiContext apply_overrides(CiContext ctx, const RangeOverrides& o);

// check_overrides, detect_ci_context (reading only the run's identity when the overrides choose
// the range, so a missing GitHub payload is then no error), apply_overrides.
CiContext resolve_ci_context(const EnvMap& env, const std::optional<std::string>& event_payload,
                             const std::string& cwd, const RangeOverrides& o);

}  // namespace lamina
