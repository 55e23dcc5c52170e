#pragma once
// Findings of a scanner that ran on an artifact: the path it printed is inside lamina's unpacked
// tree, which means nothing to the user. They get the path inside the artifact instead
// ("image.tar!/usr/lib/x.so", "dist/app.js" for a folder) and, for an image, the digest of the
// layer that last wrote the file.
#include <string>

#include "artifact/prepared_artifact.h"
#include "model/finding.h"

namespace lamina {

// "image.tar!/usr/lib/x.so" for unpacked artifacts, "dist/x" for a folder, the file itself for a
// plain file. `inner` is relative to artifact.root.
std::string artifact_display_path(const PreparedArtifact& artifact, const std::string& inner);

// Moves finding.location.path (relative to artifact.root, as the parser placed it) into
// finding.artifact_path and sets finding.artifact_layer. Related locations and code flows, which
// would name temporary paths, are dropped. A finding whose location could not be mapped into the
// tree (Finding::unmapped_location) names the artifact itself.
void place_in_artifact(Finding& finding, const PreparedArtifact& artifact);

}  // namespace lamina
