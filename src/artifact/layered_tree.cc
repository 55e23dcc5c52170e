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
      check_ratio(stream);
    } catch (const Error& e) {
      if (e.exit_code() != kExitUsage) throw;  // interrupted: not the entry's fault
      throw Error(where + ": entry " + in_quotes(name) + ": " + e.what() +
                  "; lamina does not unpack this artifact (a hostile or corrupt archive?)");
    }
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
    if (base == kOpaque) {
      tree_.clear_directory(folder, [&](const std::string& child) {
        auto it = layer_of_.find(child);
        return it != layer_of_.end() && it->second == layer;
      });
      std::string prefix = folder.empty() ? "" : folder + "/";
      for (auto it = layer_of_.lower_bound(prefix); it != layer_of_.end() &&
                                                     it->first.starts_with(prefix);) {
        it = it->second == layer ? std::next(it) : layer_of_.erase(it);
      }
      return;
    }
    std::string hidden = joined(folder, std::string_view(base).substr(kWhiteout.size()));
    tree_.remove(hidden);
    forget(hidden);
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
  over(declared > 0 ? static_cast<uint64_t>(declared) : 0);
  // setuid, setgid, sticky and write bits for others never survive: 0755 or 0644 only.
  bool executable = (archive_entry_perm(entry) & 0111) != 0;
  FileCloser file{tree_.create_file(path, executable)};
  uint64_t written = 0;
  while (size_t n = stream.read(buffer_.data(), buffer_.size())) {
    written += n;
    over(written);
    const char* p = buffer_.data();
    for (size_t left = n; left > 0;) {
      ssize_t w = ::write(file.fd, p, left);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw Error("cannot write (" + std::string(std::strerror(errno)) + ")");
      p += w;
      left -= static_cast<size_t>(w);
    }
    check_ratio(stream);
    UnpackInterrupts::check();
  }
  bytes_ += written;
}

void LayeredTree::check_ratio(ArchiveStream& stream) {
  if (!stream.compressed()) return;
  int64_t inflated = stream.uncompressed_bytes();
  int64_t raw = std::max<int64_t>(stream.compressed_bytes(), 1);
  if (inflated > static_cast<int64_t>(limits_.ratio_floor) &&
      inflated / raw > static_cast<int64_t>(limits_.compression_ratio)) {
    throw Error("compression ratio above the limit of " +
                std::to_string(limits_.compression_ratio) + ":1 (a decompression bomb?)");
  }
}

void LayeredTree::forget(const std::string& path) {
  layer_of_.erase(path);
  std::string prefix = path + "/";
  auto it = layer_of_.lower_bound(prefix);
  while (it != layer_of_.end() && it->first.starts_with(prefix)) it = layer_of_.erase(it);
}

}  // namespace lamina
