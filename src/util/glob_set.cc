#include "util/glob_set.h"

#include <algorithm>

namespace lamina {
namespace {

template <typename Map>
void append_from(const Map& map, std::string_view key, std::vector<uint32_t>* out) {
  if (map.empty()) return;
  auto it = map.find(key);
  if (it != map.end()) out->insert(out->end(), it->second.begin(), it->second.end());
}

}  // namespace

bool GlobSet::add(std::string_view pattern, uint32_t group, uint32_t* id, std::string* error) {
  Glob glob;
  if (!compile_glob(pattern, &glob, error)) return false;
  *id = static_cast<uint32_t>(globs_.size());
  switch (glob.kind) {
    case GlobKind::name_literal:
      (glob.dir_only ? by_folder_name_ : by_name_)[glob.literal].push_back(*id);
      break;
    case GlobKind::name_extension:
      by_extension_[glob.literal].push_back(*id);
      break;
    case GlobKind::path_literal:
      (glob.dir_only ? by_folder_path_ : by_path_)[glob.literal].push_back(*id);
      break;
    case GlobKind::name_suffix:
      name_scan_any_.push_back(*id);
      break;
    case GlobKind::name_generic:
      if (glob.required_prefix.empty()) {
        name_scan_any_.push_back(*id);
      } else {
        name_scan_by_first_char_[static_cast<unsigned char>(glob.required_prefix[0])].push_back(
            *id);
      }
      break;
    case GlobKind::path_generic: {
      size_t slash = glob.required_prefix.find('/');
      if (slash == std::string::npos) {
        path_scan_any_.push_back(*id);
      } else {
        path_scan_by_first_component_[glob.required_prefix.substr(0, slash)].push_back(*id);
      }
      break;
    }
  }
  globs_.push_back(std::move(glob));
  group_of_.push_back(group);
  folder_cache_.clear();
  last_dir_matches_ = nullptr;
  return true;
}

// Globs matching one file or folder name; file-only lookups skip folder-only globs.
void GlobSet::match_name(std::string_view name, bool is_dir, Ids* out) const {
  size_t first = out->size();
  append_from(by_name_, name, out);
  if (is_dir) append_from(by_folder_name_, name, out);
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) append_from(by_extension_, name.substr(dot + 1), out);
  for (uint32_t id : name_scan_any_) {
    if (glob_matches_name(globs_[id], name)) out->push_back(id);
  }
  if (!name.empty()) {
    for (uint32_t id : name_scan_by_first_char_[static_cast<unsigned char>(name[0])]) {
      if (glob_matches_name(globs_[id], name)) out->push_back(id);
    }
  }
  if (!is_dir) {
    out->erase(std::remove_if(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                              [&](uint32_t id) { return globs_[id].dir_only; }),
               out->end());
  }
}

void GlobSet::match_path(std::string_view path, bool is_dir, Ids* out) const {
  size_t first = out->size();
  append_from(by_path_, path, out);
  if (is_dir) append_from(by_folder_path_, path, out);
  for (uint32_t id : path_scan_any_) {
    if (glob_matches_path(globs_[id], path)) out->push_back(id);
  }
  size_t slash = path.find('/');
  if (slash != std::string_view::npos && !path_scan_by_first_component_.empty()) {
    auto it = path_scan_by_first_component_.find(path.substr(0, slash));
    if (it != path_scan_by_first_component_.end()) {
      for (uint32_t id : it->second) {
        if (glob_matches_path(globs_[id], path)) out->push_back(id);
      }
    }
  }
  if (!is_dir) {
    out->erase(std::remove_if(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                              [&](uint32_t id) { return globs_[id].dir_only; }),
               out->end());
  }
}

// Every glob matching `dir` or a folder above it (a file inside a matched folder is matched).
const GlobSet::Ids& GlobSet::folder_matches(std::string_view dir) {
  auto it = folder_cache_.find(dir);
  if (it != folder_cache_.end()) return it->second;
  Ids ids;
  size_t slash = dir.rfind('/');
  if (slash != std::string_view::npos) ids = folder_matches(dir.substr(0, slash));
  std::string_view name = slash == std::string_view::npos ? dir : dir.substr(slash + 1);
  match_name(name, true, &ids);
  match_path(dir, true, &ids);
  return folder_cache_.emplace(std::string(dir), std::move(ids)).first->second;
}

void GlobSet::match(std::string_view path, std::vector<GlobHit>* hits) {
  hits->clear();
  scratch_.clear();
  size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) {
    std::string_view dir = path.substr(0, slash);
    if (last_dir_matches_ == nullptr || dir != last_dir_) {
      last_dir_matches_ = &folder_matches(dir);
      last_dir_.assign(dir);
    }
    scratch_ = *last_dir_matches_;
  }
  match_name(slash == std::string_view::npos ? path : path.substr(slash + 1), false, &scratch_);
  match_path(path, false, &scratch_);
  if (scratch_.empty()) return;
  // Ids grow in group-then-written order, so the last id of each group decides.
  if (scratch_.size() > 1)
    std::sort(scratch_.begin(), scratch_.end(), [&](uint32_t a, uint32_t b) {
      return group_of_[a] != group_of_[b] ? group_of_[a] < group_of_[b] : a < b;
    });
  for (size_t i = 0; i < scratch_.size(); ++i) {
    uint32_t id = scratch_[i];
    bool last_of_group = i + 1 == scratch_.size() || group_of_[scratch_[i + 1]] != group_of_[id];
    if (last_of_group && !globs_[id].negated) hits->push_back({group_of_[id], id});
  }
}

}  // namespace lamina
