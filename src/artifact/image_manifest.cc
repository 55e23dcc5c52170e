#include "artifact/image_manifest.h"

#include <nlohmann/json.hpp>

#include "artifact/entry_path.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

using nlohmann::json;

constexpr int kMaxIndexDepth = 4;  // index -> (nested index ->) manifest

[[noreturn]] void bad(const std::string& label, const std::string& what) {
  throw Error(label + ": " + what +
              "; give an image saved with `docker save` / `podman save` or an OCI layout "
              "(`skopeo copy ... oci:DIR`)");
}

json read_json(ImageSource& source, const std::string& member, const std::string& label) {
  std::optional<std::string> text = source.small_file(member);
  if (!text) bad(label, member + " is missing or too large");
  json value = json::parse(*text, nullptr, false);
  if (value.is_discarded()) bad(label, member + " is not valid JSON");
  return value;
}

std::string string_at(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "sha256:<64 hex>" -> "blobs/sha256/<hex>"; the digest is checked, so the member name cannot
// leave the layout.
std::string blob_of(const std::string& digest, const std::string& label) {
  size_t colon = digest.find(':');
  std::string algorithm = digest.substr(0, colon);
  std::string hex = colon == std::string::npos ? "" : digest.substr(colon + 1);
  bool ok = (algorithm == "sha256" && hex.size() == 64) || (algorithm == "sha512" && hex.size() == 128);
  for (char c : hex) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!ok) bad(label, "digest " + in_quotes(digest) + " is not sha256:<hex> or sha512:<hex>");
  return "blobs/" + algorithm + "/" + hex;
}

// The manifest of a linux/amd64 image when an index lists platforms, else the first.
const json& pick_manifest(const json& manifests, const std::string& label) {
  if (!manifests.is_array() || manifests.empty()) bad(label, "the image index lists no manifest");
  for (const json& m : manifests) {
    const json& platform = m.is_object() && m.contains("platform") ? m["platform"] : json();
    if (string_at(platform, "os") == "linux" && string_at(platform, "architecture") == "amd64") {
      return m;
    }
  }
  return manifests.front();
}

std::vector<ImageLayer> oci_layers(ImageSource& source, const std::string& label) {
  json document = read_json(source, "index.json", label);
  std::string where = "index.json";
  for (int depth = 0; depth < kMaxIndexDepth; ++depth) {
    if (!document.is_object()) bad(label, where + " is not a JSON object");
    if (document.contains("layers")) {
      std::vector<ImageLayer> layers;
      for (const json& layer : document["layers"]) {
        std::string digest = string_at(layer, "digest");
        layers.push_back({blob_of(digest, label), digest});
      }
      return layers;
    }
    json manifests = document.value("manifests", json());
    std::string digest = string_at(pick_manifest(manifests, label), "digest");
    where = blob_of(digest, label);
    document = read_json(source, where, label);
  }
  bad(label, "image indexes nested deeper than " + std::to_string(kMaxIndexDepth));
}

std::vector<ImageLayer> docker_layers(ImageSource& source, const std::string& label) {
  json manifest = read_json(source, "manifest.json", label);
  if (!manifest.is_array() || manifest.empty() || !manifest[0].is_object()) {
    bad(label, "manifest.json is not a list of images");
  }
  const json& image = manifest[0];
  const json& names = image.contains("Layers") ? image["Layers"] : json();
  if (!names.is_array()) bad(label, "manifest.json has no \"Layers\" list");
  // The config's diff ids are the digests `docker inspect` shows; legacy layer names are not.
  std::vector<std::string> diff_ids;
  std::string config = member_name(string_at(image, "Config"));
  if (!config.empty() && source.has(config)) {
    json rootfs = read_json(source, config, label).value("rootfs", json());
    for (const json& id : rootfs.value("diff_ids", json::array())) {
      diff_ids.push_back(id.is_string() ? id.get<std::string>() : "");
    }
  }
  std::vector<ImageLayer> layers;
  UnpackLimits limits;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string raw = names[i].is_string() ? names[i].get<std::string>() : "";
    std::string why;
    std::optional<std::string> member = clean_entry_path(raw, limits, &why);
    if (!member || member->empty()) {
      bad(label, "manifest.json layer " + in_quotes(raw) + " is not a relative path" +
                     (why.empty() ? "" : " (" + why + ")"));
    }
    std::string digest = diff_ids.size() == names.size() ? diff_ids[i] : "";
    if (digest.empty() && member->starts_with("blobs/sha256/")) digest = "sha256:" + member->substr(13);
    layers.push_back({*member, digest.empty() ? *member : digest});
  }
  return layers;
}

}  // namespace

std::vector<ImageLayer> image_layers(ImageSource& source, const std::string& label) {
  std::vector<ImageLayer> layers = source.has("manifest.json") ? docker_layers(source, label)
                                                               : oci_layers(source, label);
  for (const ImageLayer& layer : layers) {
    if (!source.has(layer.member)) {
      bad(label, "the manifest names layer " + in_quotes(layer.member) +
                     ", which is not in the image (an incomplete save?)");
    }
  }
  return layers;
}

}  // namespace lamina
