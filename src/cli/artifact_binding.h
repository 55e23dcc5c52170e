#pragma once
// `lamina scan` on artifacts: unpack each --artifact the plan's scanners need, then plan again so
// {artifact} names the unpacked tree. `lamina plan` skips this and shows the artifacts as given.
#include <vector>

#include "artifact/prepared_artifact.h"
#include "cli/change_plan.h"
#include "util/env.h"

namespace lamina {

// Empty when no selected scanner has scope artifact. Throws Error (exit 2) when an artifact
// cannot be unpacked; whatever was unpacked is removed before the throw. The unpacked trees live
// as long as the returned values.
std::vector<PreparedArtifact> bind_artifacts(ChangePlan& p, const EnvMap& env);

}  // namespace lamina
