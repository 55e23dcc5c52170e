#pragma once
// The bounds on what lamina unpacks from an artifact, in one place (documented in the README).
// A hostile archive can declare huge sizes, millions of entries or deep paths; each limit turns
// that into an error naming the limit and the entry instead of a full disk.
#include <cstddef>
#include <cstdint>

namespace lamina {

struct UnpackLimits {
  uint64_t total_bytes = 20ULL << 30;  // bytes written for one artifact, all layers
  uint64_t entries = 2'000'000;        // archive entries read for one artifact, all layers
  uint64_t entry_bytes = 8ULL << 30;   // one file
  size_t path_bytes = 4096;            // one entry's path
  size_t path_depth = 256;             // its number of components
  // Unpacked bytes per compressed byte of a compressed stream, checked past ratio_floor bytes:
  // gzip tops out near 1,000 on real data; a bomb is far above.
  // Counted on logical bytes (what the files hold, sparse holes included) per byte read from the
  // archive, compressed or not: a 10 KB sparse entry can declare gigabytes of zeros.
  uint64_t compression_ratio = 2000;
  uint64_t ratio_floor = 64ULL << 20;
  // Unpacking stops before the disk of the temp root has less than this left, whatever the
  // other limits allow: a full disk would fail the scanners, the reports and the runner's job.
  uint64_t free_disk_reserve = 512ULL << 20;
  size_t manifest_bytes = 16ULL << 20;  // manifest.json, index.json, image configs
};

}  // namespace lamina
