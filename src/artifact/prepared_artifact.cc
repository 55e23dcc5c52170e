#include "artifact/prepared_artifact.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "artifact/archive_stream.h"
#include "artifact/image_manifest.h"
#include "artifact/image_source.h"
#include "artifact/layered_tree.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

constexpr std::array<std::string_view, 9> kArchiveSuffixes = {
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst"};

bool named_like_archive(const std::string& path) {
  for (std::string_view suffix : kArchiveSuffixes) {
    if (path.ends_with(suffix)) return true;
  }
  return false;
}

std::string label_of(const std::string& given) {
  return "--artifact " + in_quotes(given);
}

// archive or image when `path` reads as a tar; file when its first header does not.
ArtifactKind kind_of_file(const std::string& path, const std::string& given,
                          const UnpackLimits& limits) {
  bool first = true;
  try {
    ArchiveStream stream(path, label_of(given));
    bool manifest = false, layout = false, index = false;
    uint64_t members = 0;
    while (archive_entry* entry = stream.next()) {
      first = false;
      if (++members > limits.entries) break;  // the unpack reports the limit
      std::string name = member_name(archive_entry_pathname(entry) ? archive_entry_pathname(entry)
                                                                   : "");
      manifest = manifest || name == "manifest.json";
      layout = layout || name == "oci-layout";
      index = index || name == "index.json";
    }
    if (first) return ArtifactKind::archive;  // an empty tar
    if (manifest) return ArtifactKind::docker_image;
    if (layout && index) return ArtifactKind::oci_image;
    return ArtifactKind::archive;
  } catch (const Error&) {
    if (!first || named_like_archive(path)) throw;
    return ArtifactKind::file;
  }
}

bool is_file(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

ArtifactInfo inspect_artifact(const std::string& given, const UnpackLimits& limits) {
  char resolved[PATH_MAX];
  if (::realpath(given.c_str(), resolved) == nullptr) {
    throw Error(label_of(given) + ": " + std::strerror(errno) +
                "; give the path of a folder, file, archive or saved image built by this job");
  }
  ArtifactInfo info;
  info.absolute_path = resolved;
  struct stat st{};
  if (::stat(resolved, &st) != 0) {
    throw Error(label_of(given) + ": cannot read (" + std::strerror(errno) + ")");
  }
  if (S_ISDIR(st.st_mode)) {
    bool layout = is_file(info.absolute_path + "/oci-layout") &&
                  is_file(info.absolute_path + "/index.json");
    info.kind = layout ? ArtifactKind::oci_image : ArtifactKind::folder;
    return info;
  }
  if (!S_ISREG(st.st_mode)) {
    throw Error(label_of(given) + ": not a regular file or folder; give a file, archive or image");
  }
  info.kind = kind_of_file(info.absolute_path, given, limits);
  return info;
}

std::string describe(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::folder:
      return "folder, scanned in place";
    case ArtifactKind::file:
      return "file, scanned as it is";
    case ArtifactKind::archive:
      return "archive, unpacked before scanning";
    case ArtifactKind::docker_image:
      return "docker save tarball, unpacked layer by layer before scanning";
    case ArtifactKind::oci_image:
      return "OCI image layout, unpacked layer by layer before scanning";
  }
  return "";
}

namespace {

void unpack_image(PreparedArtifact& out, ImageSource& source, const std::string& label,
                  const UnpackLimits& limits) {
  std::vector<ImageLayer> layers = image_layers(source, label);
  LayeredTree tree(out.root, limits);
  for (uint32_t i = 0; i < layers.size(); ++i) {
    out.layer_digests.push_back(layers[i].digest);
    std::string where = label + " layer " + std::to_string(i + 1) + " (" + layers[i].digest + ")";
    source.with_layer(layers[i].member, [&](ArchiveStream& stream) {
      tree.add_layer(stream, i, true, where);
    });
  }
  out.layer_of = tree.take_layer_of();
  out.skipped_special = tree.skipped_special();
}

}  // namespace

PreparedArtifact prepare_artifact(const std::string& given, const std::string& temp_parent,
                                  const UnpackLimits& limits) {
  ArtifactInfo info = inspect_artifact(given, limits);
  PreparedArtifact out;
  out.given = given;
  out.kind = info.kind;
  if (info.kind == ArtifactKind::folder || info.kind == ArtifactKind::file) {
    out.scan_path = info.absolute_path;
    size_t slash = info.absolute_path.rfind('/');
    out.root = info.kind == ArtifactKind::folder ? info.absolute_path
                                                 : info.absolute_path.substr(0, std::max<size_t>(slash, 1));
    return out;
  }
  out.temp = std::make_unique<TempRoot>(temp_parent);
  out.root = out.scan_path = out.temp->path();
  std::string label = label_of(given);
  if (info.kind == ArtifactKind::archive) {
    ArchiveStream stream(info.absolute_path, label);
    LayeredTree tree(out.root, limits);
    tree.add_layer(stream, 0, false, label);
    out.skipped_special = tree.skipped_special();
  } else if (!is_file(info.absolute_path)) {
    FolderImageSource source(info.absolute_path, label, limits);
    unpack_image(out, source, label, limits);
  } else {
    TarImageSource source(info.absolute_path, label, limits);
    unpack_image(out, source, label, limits);
  }
  return out;
}

}  // namespace lamina
