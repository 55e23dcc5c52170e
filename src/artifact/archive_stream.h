#pragma once
// A tar stream read through libarchive: a file on disk, or an entry of another stream (a layer
// inside a `docker save` tarball, read without copying it out first). Only tar and the gzip,
// bzip2, xz and zstd filters are enabled: every format added here is code linked into the static
// binary and attack surface for hostile input.
#include <archive.h>
#include <archive_entry.h>

#include <cstdint>
#include <string>

namespace lamina {

class ArchiveStream {
 public:
  // Opens `path`; throws Error naming `label` when it cannot be opened or its first block is not
  // a (compressed) tar.
  ArchiveStream(const std::string& path, const std::string& label);
  // Reads the current entry of `outer` as a tar stream of its own.
  ArchiveStream(ArchiveStream& outer, const std::string& label);
  ~ArchiveStream();
  ArchiveStream(const ArchiveStream&) = delete;
  ArchiveStream& operator=(const ArchiveStream&) = delete;

  // The next entry, or nullptr at the end. Throws Error on a corrupt header.
  archive_entry* next();
  // Up to `size` bytes of the current entry's data; 0 at its end. Throws Error when corrupt.
  size_t read(void* buffer, size_t size);
  // Raw (compressed) and tar-level byte counts so far, for the compression-ratio guard.
  int64_t compressed_bytes();
  int64_t uncompressed_bytes();
  bool compressed();
  const std::string& label() const { return label_; }

  // The error text for a failed libarchive call, naming the artifact.
  [[noreturn]] void fail(const std::string& what);

 private:
  void enable_formats();
  static la_ssize_t read_outer(archive*, void* self, const void** buffer);

  archive* archive_ = nullptr;
  ArchiveStream* outer_ = nullptr;
  std::string label_;
  char buffer_[64 * 1024];
};

}  // namespace lamina
