#include "cli/artifact_binding.h"

#include <chrono>
#include <cstdio>

#include "artifact/unpack_interrupts.h"
#include "exec/run_dir.h"
#include "util/text.h"

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
    auto start = std::chrono::steady_clock::now();
    prepared.push_back(prepare_artifact(artifact, temp_parent));
    const PreparedArtifact& a = prepared.back();
    p.inputs.artifact_arguments.push_back(a.scan_path);
    if (a.temp) {
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.1fs", took.count());
      std::string kind = describe(a.kind);
      kind = kind.substr(0, kind.find(','));  // "docker save tarball"
      std::string line =
          "lamina: unpacked " + printable(artifact) + " (" + kind + ") in " + seconds;
      if (a.skipped_special != 0) {
        line += "; " + std::to_string(a.skipped_special) +
                " device node(s), FIFO(s) or socket(s) left out";
      }
      std::fputs((line + "\n").c_str(), stderr);
    }
  }
  p.plan = make_plan(p.catalog, p.settings, p.changes, p.layer, p.scan_root, p.inputs);
  return prepared;
}

}  // namespace lamina
