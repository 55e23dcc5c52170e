#include "artifact/archive_stream.h"

#include "util/error.h"

namespace lamina {

void ArchiveStream::enable_formats() {
  archive_ = archive_read_new();
  if (archive_ == nullptr) throw Error(label_ + ": out of memory opening the archive");
  archive_read_support_format_tar(archive_);
  archive_read_support_filter_gzip(archive_);
  archive_read_support_filter_bzip2(archive_);
  archive_read_support_filter_xz(archive_);
  archive_read_support_filter_zstd(archive_);
}

ArchiveStream::ArchiveStream(const std::string& path, const std::string& label) : label_(label) {
  enable_formats();
  if (archive_read_open_filename(archive_, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    fail("cannot open as a tar archive");
  }
}

la_ssize_t ArchiveStream::read_outer(archive*, void* self, const void** buffer) {
  auto* stream = static_cast<ArchiveStream*>(self);
  la_ssize_t n = archive_read_data(stream->outer_->archive_, stream->buffer_,
                                   sizeof stream->buffer_);
  *buffer = stream->buffer_;
  return n;
}

ArchiveStream::ArchiveStream(ArchiveStream& outer, const std::string& label)
    : outer_(&outer), label_(label) {
  enable_formats();
  if (archive_read_open(archive_, this, nullptr, &ArchiveStream::read_outer, nullptr) !=
      ARCHIVE_OK) {
    fail("cannot open as a tar archive");
  }
}

ArchiveStream::~ArchiveStream() {
  if (archive_ != nullptr) archive_read_free(archive_);
}

void ArchiveStream::fail(const std::string& what) {
  const char* reason = archive_ != nullptr ? archive_error_string(archive_) : nullptr;
  throw Error(label_ + ": " + what + (reason != nullptr ? " (" + std::string(reason) + ")" : "") +
              "; give an uncorrupted tar, tar.gz, tar.bz2, tar.xz or tar.zst, a docker save "
              "tarball or an OCI image layout");
}

archive_entry* ArchiveStream::next() {
  archive_entry* entry = nullptr;
  int rc = archive_read_next_header(archive_, &entry);
  if (rc == ARCHIVE_EOF) return nullptr;
  // ARCHIVE_WARN is libarchive's "read, but something was odd" (e.g. an unknown pax key).
  if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) fail("corrupt archive header");
  return entry;
}

size_t ArchiveStream::read(void* buffer, size_t size) {
  la_ssize_t n = archive_read_data(archive_, buffer, size);
  if (n < 0) fail("corrupt or truncated entry data");
  return static_cast<size_t>(n);
}

int64_t ArchiveStream::compressed_bytes() {
  return archive_filter_bytes(archive_, -1);
}

int64_t ArchiveStream::uncompressed_bytes() {
  return archive_filter_bytes(archive_, 0);
}

bool ArchiveStream::compressed() {
  return archive_filter_count(archive_) > 1;
}

}  // namespace lamina
