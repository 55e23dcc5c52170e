#pragma once
// One function per CI provider, behind detect_ci_context(); each fills every field it knows.
// Internal to src/ci/.
#include <optional>
#include <string>

#include "ci/ci_context.h"
#include "ci/detect.h"
#include "ci/event_payload.h"
#include "util/env.h"

namespace lamina {

CiContext github_context(const EnvMap& env, const std::optional<std::string>& payload_text,
                         RangeSource source);

// The range of a GitHub push event (github_push.cc), filled into `ctx`.
void choose_push_range(CiContext& ctx, const EventPayload& payload);

CiContext gitlab_context(const EnvMap& env, RangeSource source);

// A full scan with `reason`: base and fallback cleared.
void choose_full_scan(CiContext& ctx, std::string reason);

// The value of CI variable `name` when it is a commit SHA, "" when unset or empty; throws
// lamina::Error naming the variable, the value and `fix` when it is anything else.
std::string env_commit(const EnvMap& env, const std::string& name, const std::string& fix);

}  // namespace lamina
