#pragma once
// Where an image's files come from: the members of a `docker save` / OCI tarball, or the files of
// an OCI image layout folder. Small files (manifests, configs) are read whole; layers are streamed.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "artifact/archive_stream.h"
#include "artifact/unpack_limits.h"

namespace lamina {

class ImageSource {
 public:
  virtual ~ImageSource() = default;
  // The whole of member `name` ("manifest.json", "blobs/sha256/<hex>") when it exists and is at
  // most limits.manifest_bytes; nullopt otherwise.
  virtual std::optional<std::string> small_file(const std::string& name) = 0;
  virtual bool has(const std::string& name) = 0;
  // Calls `use` with member `name` opened as a tar stream. Throws Error when it is missing.
  virtual void with_layer(const std::string& name,
                          const std::function<void(ArchiveStream&)>& use) = 0;
};

// A tarball's members, listed in one pass over its headers. Each layer is then read from a
// fresh pass, straight out of the tarball (libarchive skips other members by seeking).
class TarImageSource : public ImageSource {
 public:
  TarImageSource(const std::string& path, const std::string& label, const UnpackLimits& limits);
  std::optional<std::string> small_file(const std::string& name) override;
  bool has(const std::string& name) override;
  void with_layer(const std::string& name,
                  const std::function<void(ArchiveStream&)>& use) override;
  bool has_member(const std::string& name) const { return members_.count(name) != 0; }

 private:
  std::string path_, label_;
  std::set<std::string> members_;
  std::map<std::string, std::string> small_;
};

// An OCI image layout folder (oci-layout, index.json, blobs/).
class FolderImageSource : public ImageSource {
 public:
  FolderImageSource(const std::string& folder, const std::string& label,
                    const UnpackLimits& limits);
  std::optional<std::string> small_file(const std::string& name) override;
  bool has(const std::string& name) override;
  void with_layer(const std::string& name,
                  const std::function<void(ArchiveStream&)>& use) override;

 private:
  std::string folder_, label_;
  UnpackLimits limits_;
};

// "./a//b" -> "a/b": member names as tarballs spell them, compared in one form.
std::string member_name(std::string_view raw);

}  // namespace lamina
