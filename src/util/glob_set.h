#pragma once
// Many globs compiled once and matched against a path in one pass (ripgrep's globset): literal
// names, extensions and literal paths are hash lookups, suffixes and the rest are checked with
// literal prefilters, and results for folders are cached, so a sorted list of paths costs little
// more than reading it. Globs belong to groups (one scanner's `files`, its `exclude`, the global
// exclusions); within a group the last matching glob decides, as in .gitignore.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/glob.h"

namespace lamina {

struct GlobHit {
  uint32_t group = 0;
  uint32_t glob = 0;  // the deciding glob's id
};

class GlobSet {
 public:
  // Adds `pattern` to `group`, setting `id`; add a group's patterns in their written order.
  // Returns false with `error` set for a malformed pattern.
  bool add(std::string_view pattern, uint32_t group, uint32_t* id, std::string* error);

  // The groups whose deciding glob for `path` (repository-relative) is a positive one, in group
  // order. Not thread-safe: it caches folder results.
  void match(std::string_view path, std::vector<GlobHit>* hits);

  const Glob& glob(uint32_t id) const { return globs_[id]; }
  size_t size() const { return globs_.size(); }

 private:
  using Ids = std::vector<uint32_t>;
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using IdMap = std::unordered_map<std::string, Ids, StringHash, std::equal_to<>>;
  void match_name(std::string_view name, bool is_dir, Ids* out) const;
  void match_path(std::string_view path, bool is_dir, Ids* out) const;
  const Ids& folder_matches(std::string_view dir);

  std::vector<Glob> globs_;
  std::vector<uint32_t> group_of_;
  IdMap by_name_;         // literal names matching files and folders
  IdMap by_folder_name_;  // literal names matching folders only ("vendor/")
  IdMap by_extension_;
  IdMap by_path_;         // literal paths matching files and folders
  IdMap by_folder_path_;  // literal paths matching folders only ("k8s/**")
  // Globs checked one by one, bucketed by a literal every match must start with: the first
  // character of a name, the first component of a path. Globs without one are in *_any_.
  std::vector<Ids> name_scan_by_first_char_ = std::vector<Ids>(256);
  Ids name_scan_any_;
  IdMap path_scan_by_first_component_;
  Ids path_scan_any_;
  IdMap folder_cache_;
  std::string last_dir_;
  const Ids* last_dir_matches_ = nullptr;
  Ids scratch_;
};

}  // namespace lamina
