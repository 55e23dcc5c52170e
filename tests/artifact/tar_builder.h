#pragma once
// Real tarballs for the artifact tests, written byte by byte at test time (ustar headers, gzip by
// zlib), including the hostile entries real tar tools refuse to create ("../x", "/abs", devices).
// Not libarchive's writer: linking it statically drags in every write format (xar needs libxml2).
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace lamina::test {

struct TarEntry {
  enum Type { file, dir, symlink, hardlink, fifo, chardev };
  std::string path;
  Type type = file;
  std::string data;  // file content, or link target
  int mode = 0644;
};

// `width - 1` octal digits, zero-padded, then NUL.
inline void put_octal(char* field, size_t width, unsigned long long value) {
  for (size_t i = width - 1; i-- > 0; value >>= 3) field[i] = static_cast<char>('0' + (value & 7));
  field[width - 1] = '\0';
}

inline std::string ustar_header(const TarEntry& e) {
  char h[512] = {};
  std::memcpy(h, e.path.data(), std::min<size_t>(e.path.size(), 100));
  put_octal(h + 100, 8, static_cast<unsigned>(e.mode));
  put_octal(h + 108, 8, 0);
  put_octal(h + 116, 8, 0);
  put_octal(h + 124, 12, e.type == TarEntry::file ? e.data.size() : 0);
  put_octal(h + 136, 12, 1700000000);
  static const char kType[] = {'0', '5', '2', '1', '6', '3'};
  h[156] = kType[e.type];
  if (e.type == TarEntry::symlink || e.type == TarEntry::hardlink) {
    std::memcpy(h + 157, e.data.data(), std::min<size_t>(e.data.size(), 100));
  }
  std::memcpy(h + 257, "ustar\0" "00", 8);
  if (e.type == TarEntry::chardev) {
    put_octal(h + 329, 8, 1);
    put_octal(h + 337, 8, 3);
  }
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  put_octal(h + 148, 7, sum);
  return std::string(h, sizeof h);
}

inline std::string gzipped(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The entries as a ustar tarball, gzip-compressed when asked.
inline std::string make_tar(const std::vector<TarEntry>& entries, bool gzip = false) {
  std::string out;
  for (const TarEntry& e : entries) {
    out += ustar_header(e);
    if (e.type == TarEntry::file) {
      out += e.data;
      out.append((512 - e.data.size() % 512) % 512, '\0');
    }
  }
  out.append(1024, '\0');
  return gzip ? gzipped(out) : out;
}

}  // namespace lamina::test
