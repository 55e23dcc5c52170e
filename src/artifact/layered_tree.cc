#include "artifact/layered_tree.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "artifact/entry_path.h"
#include "artifact/unpack_interrupts.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

constexpr std::string_view kWhiteout = ".wh.";
constexpr std::string_view kOpaque = ".wh..wh..opq";
constexpr uint64_t kFreeDiskStride = 16ULL << 20;  // re-read the free space every 16 MiB written

struct FileCloser {
  int fd;
  ~FileCloser() { ::close(fd); }
};

std::string folder_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string joined(const std::string& folder, std::string_view name) {
  return folder.empty() ? std::string(name) : folder + "/" + std::string(name);
}

}  // namespace

LayeredTree::LayeredTree(const std::string& root, const UnpackLimits& limits)
    : tree_(root), limits_(limits), buffer_(256 * 1024) {}

void LayeredTree::add_layer(ArchiveStream& stream, uint32_t layer, bool whiteouts,
                            const std::string& where) {
  archive_entry* entry = nullptr;
  layer_start_bytes_ = bytes_;
  while ((entry = stream.next()) != nullptr) {
    const char* raw = archive_entry_pathname(entry);
    std::string name = raw != nullptr ? raw : "";
    UnpackInterrupts::check();
    if (++entries_ > limits_.entries) {
      throw Error(where + ": more than " + std::to_string(limits_.entries) +
                  " entries (entry-count limit) at " + in_quotes(name) +
                  "; this looks like a tar bomb, or the artifact is larger than lamina unpacks");
    }
    try {
      add_entry(stream, entry, layer, whiteouts);
      check_ratio(stream, bytes_ - layer_start_bytes_);
    } catch (const Error& e) {
      if (e.exit_code() != kExitUsage) throw;  // interrupted: not the entry's fault
      throw Error(where + ": entry " + in_quotes(name) + ": " + e.what() +
                  "; lamina does not unpack this artifact (a hostile or corrupt archive?)");
    }
  }
}

void LayeredTree::apply_whiteout(const std::string& folder, const std::string& base,
                                 uint32_t layer) {
  if (base != kOpaque) {
    std::string hidden = joined(folder, std::string_view(base).substr(kWhiteout.size()));
    tree_.remove(hidden);
    forget(hidden);
    return;
  }
  // Opaque: what the layers below put in the folder goes; what this layer put there stays.
  auto from_this_layer = [&](const std::string& child) {
    auto it = layer_of_.find(child);
    return it != layer_of_.end() && it->second == layer;
  };
  tree_.clear_directory(folder, from_this_layer);
  std::string prefix = folder.empty() ? "" : folder + "/";
  for (auto it = layer_of_.lower_bound(prefix);
       it != layer_of_.end() && it->first.starts_with(prefix);) {
    it = it->second == layer ? std::next(it) : layer_of_.erase(it);
  }
}

void LayeredTree::add_entry(ArchiveStream& stream, archive_entry* entry, uint32_t layer,
                            bool whiteouts) {
  const char* raw = archive_entry_pathname(entry);
  std::string why;
  std::optional<std::string> path = clean_entry_path(raw != nullptr ? raw : "", limits_, &why);
  if (!path) throw Error(why);
  if (path->empty()) return;  // "./": the root itself
  std::string base = base_of(*path), folder = folder_of(*path);
  if (whiteouts && base.starts_with(kWhiteout)) {
    apply_whiteout(folder, base, layer);
    return;
  }
  if (const char* target = archive_entry_hardlink(entry)) {
    std::optional<std::string> clean = clean_entry_path(target, limits_, &why);
    if (!clean) throw Error("hard link target " + in_quotes(target) + ": " + why);
    tree_.make_hard_link(*path, *clean);
    forget(*path);
    layer_of_[*path] = layer;
    return;
  }
  switch (archive_entry_filetype(entry)) {
    case AE_IFDIR:
      tree_.make_directory(*path);
      layer_of_[*path] = layer;  // so an opaque marker of this layer keeps it
      return;
    case AE_IFLNK: {
      const char* target = archive_entry_symlink(entry);
      forget(*path);
      tree_.make_symlink(*path, confined_symlink_target(*path, target != nullptr ? target : ""));
      layer_of_[*path] = layer;
      return;
    }
    case AE_IFREG:
      forget(*path);
      write_file(stream, entry, *path);
      layer_of_[*path] = layer;
      return;
    default:
      ++skipped_special_;  // device node, FIFO or socket: never created
      return;
  }
}

void LayeredTree::write_file(ArchiveStream& stream, archive_entry* entry, const std::string& path) {
  int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
  auto over = [&](uint64_t size) {
    if (size > limits_.entry_bytes) {
      throw Error("larger than the single-file limit of " + std::to_string(limits_.entry_bytes) +
                  " bytes");
    }
    if (bytes_ + size > limits_.total_bytes) {
      throw Error("the artifact unpacks to more than the total limit of " +
                  std::to_string(limits_.total_bytes) + " bytes");
    }
  };
  uint64_t size = declared > 0 ? static_cast<uint64_t>(declared) : 0;
  over(size);
  check_free_disk(size);
  // setuid, setgid, sticky and write bits for others never survive: 0755 or 0644 only.
  bool executable = (archive_entry_perm(entry) & 0111) != 0;
  FileCloser file{tree_.create_file(path, executable)};
  uint64_t written = 0;
  // archive_read_data() gives a sparse entry's holes as zeros: `written` is the logical size.
  while (size_t n = stream.read(buffer_.data(), buffer_.size())) {
    written += n;
    over(written);
    if (written / kFreeDiskStride != (written - n) / kFreeDiskStride) check_free_disk(0);
    const char* p = buffer_.data();
    for (size_t left = n; left > 0;) {
      ssize_t w = ::write(file.fd, p, left);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw Error("cannot write (" + std::string(std::strerror(errno)) + ")");
      p += w;
      left -= static_cast<size_t>(w);
    }
    check_ratio(stream, bytes_ - layer_start_bytes_ + written);
    UnpackInterrupts::check();
  }
  bytes_ += written;
}

void LayeredTree::check_ratio(ArchiveStream& stream, uint64_t unpacked) {
  // Read: bytes taken from the file (or the outer entry), before any decompression. Unpacked:
  // the tar stream's bytes or the files' logical sizes, whichever is more (sparse maps make the
  // files far larger than the tar stream).
  uint64_t read = static_cast<uint64_t>(std::max<int64_t>(stream.compressed_bytes(), 1));
  uint64_t inflated =
      std::max(unpacked, static_cast<uint64_t>(std::max<int64_t>(stream.uncompressed_bytes(), 0)));
  if (inflated > limits_.ratio_floor && inflated / read > limits_.compression_ratio) {
    throw Error("unpacks to more than " + std::to_string(limits_.compression_ratio) +
                " bytes per byte of the archive (expansion-ratio limit, counting sparse files at "
                "their full size): a decompression or sparse-file bomb?");
  }
}

void LayeredTree::check_free_disk(uint64_t still_to_write) {
  uint64_t free = tree_.free_bytes();
  if (free < still_to_write || free - still_to_write < limits_.free_disk_reserve) {
    throw Error("unpacking it would leave less than " + std::to_string(limits_.free_disk_reserve) +
                " bytes free on the disk of the temp "
                "folder (" +
                std::to_string(free) +
                " free, free-disk limit); give the job more "
                "disk or point TMPDIR at a larger one");
  }
}

void LayeredTree::forget(const std::string& path) {
  layer_of_.erase(path);
  std::string prefix = path + "/";
  auto it = layer_of_.lower_bound(prefix);
  while (it != layer_of_.end() && it->first.starts_with(prefix)) it = layer_of_.erase(it);
}

}  // namespace lamina
