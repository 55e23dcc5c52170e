#include "artifact/artifact_location.h"

namespace lamina {

std::string artifact_display_path(const PreparedArtifact& artifact, const std::string& inner) {
  switch (artifact.kind) {
    case ArtifactKind::file:
      return artifact.given;
    case ArtifactKind::folder: {
      std::string folder = artifact.given;
      while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
      return inner.empty() ? folder : folder + "/" + inner;
    }
    case ArtifactKind::archive:
    case ArtifactKind::docker_image:
    case ArtifactKind::oci_image:
      return artifact.given + "!/" + inner;
  }
  return artifact.given;
}

void place_in_artifact(Finding& finding, const PreparedArtifact& artifact) {
  finding.related.clear();
  finding.code_flows.clear();
  // A location the parser could not map into the unpacked tree (a path outside it) stays the
  // artifact's finding: it names the artifact, and the gate counts it.
  if (!finding.unmapped_location.empty() && finding.artifact_path.empty()) {
    finding.artifact_path = artifact.given;
  }
  if (finding.location.path.empty()) return;  // e.g. an image-level finding naming the image
  const std::string inner = std::move(finding.location.path);
  finding.location.path.clear();
  finding.artifact_path = artifact_display_path(artifact, inner);
  auto it = artifact.layer_of.find(inner);
  if (it != artifact.layer_of.end() && it->second < artifact.layer_digests.size()) {
    finding.artifact_layer = artifact.layer_digests[it->second];
  }
}

}  // namespace lamina
