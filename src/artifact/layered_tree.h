#pragma once
// Builds an unpacked tree from tar streams applied one over the other, as a container runtime
// stacks image layers: later layers replace files, `.wh.<name>` deletes <name> from the layers
// below and `.wh..wh..opq` empties a folder of what the layers below put there. Remembers which
// layer last wrote each path, so findings can name it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "artifact/archive_stream.h"
#include "artifact/confined_tree.h"
#include "artifact/unpack_limits.h"

namespace lamina {

class LayeredTree {
 public:
  // `root` is an existing, empty folder private to lamina.
  LayeredTree(const std::string& root, const UnpackLimits& limits);

  // Unpacks every entry of `stream` as layer number `layer`. `whiteouts`: image layer semantics
  // (a plain archive keeps `.wh.` files as files). Throws Error naming `where`, the entry and the
  // limit or rule it broke.
  void add_layer(ArchiveStream& stream, uint32_t layer, bool whiteouts, const std::string& where);

  // Path inside the tree -> the layer that last wrote it.
  const std::map<std::string, uint32_t>& layer_of() const { return layer_of_; }
  std::map<std::string, uint32_t> take_layer_of() { return std::move(layer_of_); }
  // Device nodes, FIFOs and sockets left out (never created), for a note.
  uint64_t skipped_special() const { return skipped_special_; }
  uint64_t bytes_written() const { return bytes_; }
  uint64_t entries_read() const { return entries_; }

 private:
  void add_entry(ArchiveStream& stream, archive_entry* entry, uint32_t layer, bool whiteouts);
  void apply_whiteout(const std::string& folder, const std::string& base, uint32_t layer);
  void write_file(ArchiveStream& stream, archive_entry* entry, const std::string& path);
  // `unpacked`: logical bytes this layer's files hold so far.
  void check_ratio(ArchiveStream& stream, uint64_t unpacked);
  void check_free_disk(uint64_t still_to_write);
  void forget(const std::string& path);  // `path` and everything under it

  ConfinedTree tree_;
  UnpackLimits limits_;
  std::map<std::string, uint32_t> layer_of_;
  uint64_t bytes_ = 0;
  uint64_t layer_start_bytes_ = 0;  // bytes_ when the current layer began
  uint64_t entries_ = 0;
  uint64_t skipped_special_ = 0;
  std::vector<char> buffer_;
};

}  // namespace lamina
