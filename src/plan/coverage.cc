#include "plan/coverage.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "plan/file_types.h"

namespace lamina {
namespace {

bool runs(const ScannerDecision& d) {
  return d.selected && d.installed && d.refused.empty();
}

bool reads_changed_files(const ScannerSpec& spec) {
  return spec.scope == Scope::files || spec.scope == Scope::project || spec.scope == Scope::repo;
}

struct GapKey {
  std::string kind;
  std::string file_type;
  bool in_catalog;
  auto operator<=>(const GapKey&) const = default;
};

struct GapFiles {
  std::set<std::string> paths;
  std::map<std::string, std::string> scanners;  // id -> install hint
};

CoverageGap to_gap(const GapKey& key, GapFiles& files) {
  CoverageGap gap;
  gap.kind = key.kind;
  gap.check = check_kind_title(key.kind);
  gap.file_type = key.file_type;
  gap.in_catalog = key.in_catalog;
  gap.paths.assign(files.paths.begin(), files.paths.end());
  for (auto& [id, install] : files.scanners) gap.scanners.push_back({id, install});
  return gap;
}

}  // namespace

std::vector<std::string_view> files_no_entry_reads(
    const std::vector<const ScannerSpec*>& specs,
    const std::vector<std::vector<FileMatch>>& matched, const ChangeSet& changes,
    const std::vector<Exclusion>& exclusions) {
  if (std::none_of(specs.begin(), specs.end(),
                   [](const ScannerSpec* s) { return reads_changed_files(*s); })) {
    return {};
  }
  std::unordered_set<std::string_view> excluded;
  for (const Exclusion& e : exclusions) excluded.insert(e.path);
  // Candidates first: usually a handful, so the matches are looked up in a small set.
  std::unordered_set<std::string_view> unread;
  for (const FileChange& file : changes.files) {
    if (!file.scannable() || file.binary || file.lfs_pointer || excluded.count(file.path)) continue;
    if (!expected_check(file_type_of(file.path)).empty()) unread.insert(file.path);
  }
  for (size_t i = 0; i < specs.size() && i < matched.size() && !unread.empty(); ++i) {
    if (specs[i]->check_kind() == "secrets") continue;
    for (const FileMatch& m : matched[i]) unread.erase(m.path);
  }
  std::vector<std::string_view> out(unread.begin(), unread.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<CoverageGap> coverage_gaps(const std::vector<const ScannerSpec*>& specs,
                                       const std::vector<ScannerDecision>& decisions,
                                       const std::vector<std::string_view>& unread) {
  std::map<GapKey, GapFiles> gaps;
  for (std::string_view path : unread) {
    std::string type = file_type_of(path);
    gaps[{std::string(expected_check(type)), type, false}].paths.insert(std::string(path));
  }
  // Usually every scanner that matched a file is installed: then nothing is indexed (a 10,000-file
  // change would otherwise hash every path once per kind of check).
  auto missing_one = [](const ScannerDecision& d) {
    return !d.installed && !d.required && !d.files.empty();
  };
  if (std::any_of(decisions.begin(), decisions.end(), missing_one)) {
    std::map<std::string, std::unordered_set<std::string_view>> covered;  // kind -> paths
    for (size_t i = 0; i < decisions.size() && i < specs.size(); ++i) {
      if (!runs(decisions[i])) continue;
      auto& paths = covered[specs[i]->check_kind()];
      for (const FileMatch& m : decisions[i].files) paths.insert(m.path);
    }
    for (size_t i = 0; i < decisions.size() && i < specs.size(); ++i) {
      const ScannerDecision& d = decisions[i];
      if (!missing_one(d)) continue;
      std::string kind = specs[i]->check_kind();
      const auto& done = covered[kind];
      // A scanner that reads every file (a secret scanner): one group, not one per type.
      const std::vector<std::string>& globs = specs[i]->files;
      bool every_file = std::find(globs.begin(), globs.end(), "*") != globs.end();
      for (const FileMatch& m : d.files) {
        if (done.count(m.path)) continue;
        GapFiles& gap = gaps[{kind, every_file ? "*" : file_type_of(m.path), true}];
        gap.paths.insert(std::string(m.path));
        gap.scanners.emplace(d.scanner_id, d.install_hint);
      }
    }
  }
  std::vector<CoverageGap> out;
  for (auto& [key, files] : gaps) out.push_back(to_gap(key, files));
  return out;
}

}  // namespace lamina
