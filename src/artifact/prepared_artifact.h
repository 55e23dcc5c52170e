#pragma once
// From what the user passed as --artifact to what scanners get as {artifact}: a folder as it is,
// a plain file as it is, an archive unpacked, a container image unpacked layer by layer.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "artifact/temp_root.h"
#include "artifact/unpack_limits.h"

namespace lamina {

enum class ArtifactKind { folder, file, archive, docker_image, oci_image };

struct ArtifactInfo {
  ArtifactKind kind = ArtifactKind::file;
  std::string absolute_path;  // realpath of what was given
};

// Looks at `given` without unpacking it (an archive's headers are read). Throws Error (exit 2)
// when it does not exist or a file named like an archive (.tar, .tgz, ...) is not one.
ArtifactInfo inspect_artifact(const std::string& given, const UnpackLimits& limits = {});

// "docker save tarball, unpacked layer by layer before scanning"
std::string describe(ArtifactKind kind);

struct PreparedArtifact {
  std::string given;  // as on the command line
  ArtifactKind kind = ArtifactKind::file;
  std::string scan_path;  // what {artifact} becomes
  std::string root;       // absolute; the paths scanners print are resolved against it
  std::vector<std::string> layer_digests;    // images: bottom layer first
  std::map<std::string, uint32_t> layer_of;  // images: path in the tree -> layer index
  uint64_t skipped_special = 0;              // device nodes, FIFOs, sockets not created
  std::unique_ptr<TempRoot> temp;            // the unpacked tree; null for folders and files
};

// Unpacks (when needed) into a new TempRoot under `temp_parent`. Throws Error (exit 2) naming the
// artifact, the entry and the broken rule or limit; the TempRoot is removed before the throw.
PreparedArtifact prepare_artifact(const std::string& given, const std::string& temp_parent,
                                  const UnpackLimits& limits = {});

}  // namespace lamina
