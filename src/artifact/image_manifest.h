#pragma once
// The layers of an image, bottom first, from a `docker save` manifest.json or an OCI index.json
// and the manifest it names. The files are hostile input: every member name is checked and every
// layer must be present before anything is unpacked.
#include <string>
#include <vector>

#include "artifact/image_source.h"

namespace lamina {

struct ImageLayer {
  std::string member;  // where the layer's tar is in the source ("blobs/sha256/<hex>")
  std::string digest;  // shown in findings: "sha256:<hex>" (diff id for docker save)
};

// Throws Error naming `label` for a missing or malformed manifest, a layer that is not in the
// source or a member name that is not a clean relative path.
std::vector<ImageLayer> image_layers(ImageSource& source, const std::string& label);

}  // namespace lamina
