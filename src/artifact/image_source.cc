#include "artifact/image_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artifact/entry_path.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/text.h"

namespace lamina {
namespace {

bool worth_keeping(const std::string& name, int64_t size, const UnpackLimits& limits) {
  if (size < 0 || static_cast<uint64_t>(size) > limits.manifest_bytes) return false;
  // Manifests, indexes and configs; layer blobs are read as streams instead. OCI manifests are
  // blobs without a suffix, so small blobs are kept too (a few MiB at most in all).
  return name == "oci-layout" || name.ends_with(".json") ||
         (name.starts_with("blobs/") && size <= (1 << 20));
}

}  // namespace

std::string member_name(std::string_view raw) {
  std::string out;
  for (std::string_view part : path_components(raw)) {
    if (!out.empty()) out += '/';
    out.append(part);
  }
  return out;
}

TarImageSource::TarImageSource(const std::string& path, const std::string& label,
                               const UnpackLimits& limits)
    : path_(path), label_(label) {
  ArchiveStream stream(path, label);
  uint64_t kept_bytes = 0;
  while (archive_entry* entry = stream.next()) {
    if (members_.size() >= limits.entries) {
      throw Error(label + ": more than " + std::to_string(limits.entries) +
                  " members (entry-count limit); not an image lamina unpacks");
    }
    const char* raw = archive_entry_pathname(entry);
    std::string name = member_name(raw != nullptr ? raw : "");
    members_.insert(name);
    int64_t size = archive_entry_size(entry);
    if (archive_entry_filetype(entry) != AE_IFREG || !worth_keeping(name, size, limits) ||
        kept_bytes + static_cast<uint64_t>(size) > 4 * limits.manifest_bytes) {
      continue;
    }
    std::string data(static_cast<size_t>(size), '\0');
    size_t got = 0;
    while (got < data.size()) {
      size_t n = stream.read(data.data() + got, data.size() - got);
      if (n == 0) break;
      got += n;
    }
    data.resize(got);
    kept_bytes += got;
    small_[name] = std::move(data);
  }
}

std::optional<std::string> TarImageSource::small_file(const std::string& name) {
  auto it = small_.find(name);
  if (it == small_.end()) return std::nullopt;
  return it->second;
}

bool TarImageSource::has(const std::string& name) {
  return members_.count(name) != 0;
}

void TarImageSource::with_layer(const std::string& name,
                                const std::function<void(ArchiveStream&)>& use) {
  ArchiveStream outer(path_, label_);
  while (archive_entry* entry = outer.next()) {
    const char* raw = archive_entry_pathname(entry);
    if (member_name(raw != nullptr ? raw : "") != name) continue;
    ArchiveStream layer(outer, label_ + " layer " + name);
    use(layer);
    return;
  }
  throw Error(label_ + ": layer " + in_quotes(name) + " is not in the tarball");
}

FolderImageSource::FolderImageSource(const std::string& folder, const std::string& label,
                                     const UnpackLimits& limits)
    : folder_(folder), label_(label), limits_(limits) {}

std::optional<std::string> FolderImageSource::small_file(const std::string& name) {
  struct stat st{};
  std::string path = folder_ + "/" + name;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<uint64_t>(st.st_size) > limits_.manifest_bytes) {
    return std::nullopt;
  }
  return read_file(path);
}

bool FolderImageSource::has(const std::string& name) {
  struct stat st{};
  return ::stat((folder_ + "/" + name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void FolderImageSource::with_layer(const std::string& name,
                                   const std::function<void(ArchiveStream&)>& use) {
  if (!has(name)) throw Error(label_ + ": layer " + in_quotes(name) + " is not in the layout");
  ArchiveStream layer(folder_ + "/" + name, label_ + " layer " + name);
  use(layer);
}

}  // namespace lamina
