#include "cli/artifact_binding.h"

#include "artifact/unpack_interrupts.h"
#include "exec/run_dir.h"

namespace lamina {
namespace {

bool scans_artifacts(const Plan& plan) {
  for (const ScannerDecision& d : plan.scanners) {
    if (!d.selected) continue;
    for (const Invocation& inv : d.invocations) {
      if (inv.artifact) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<PreparedArtifact> bind_artifacts(ChangePlan& p, const EnvMap& env) {
  std::vector<PreparedArtifact> prepared;
  if (!scans_artifacts(p.plan)) return prepared;
  std::string temp_parent = default_temp_root(env_or_empty(env, "TMPDIR"));
  UnpackInterrupts interrupts;
  for (const std::string& artifact : p.inputs.artifacts) {
    prepared.push_back(prepare_artifact(artifact, temp_parent));
    p.inputs.artifact_arguments.push_back(prepared.back().scan_path);
  }
  p.plan = make_plan(p.catalog, p.settings, p.changes, p.layer, p.repo_root, p.inputs);
  return prepared;
}

}  // namespace lamina
