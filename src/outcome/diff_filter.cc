#include "outcome/diff_filter.h"

#include <algorithm>
#include <unordered_map>

namespace lamina {
namespace {

bool intersects(const std::vector<LineRange>& ranges, uint32_t first, uint32_t last) {
  // ranges are sorted and disjoint: find the first range that ends at or after `first`.
  auto it = std::lower_bound(ranges.begin(), ranges.end(), first,
                             [](const LineRange& r, uint32_t line) { return r.last < line; });
  return it != ranges.end() && it->first <= last;
}

// A finding without a line is about the file as a whole (malware in it, a vulnerable package in a
// lockfile that names no line): it is the change's when the change wrote any of the file, which no
// line diff can disprove. A changed binary has every line added when its blobs are diffed; a
// working-tree diff flags it binary without lines, so a binary that is not a rename counts too.
// A change that wrote nothing (a pure rename) leaves the finding in the file, outside `added`.
bool change_wrote_content(const FileChange& file) {
  return file.status == ChangeStatus::added || !file.added_lines.empty() ||
         (file.binary && file.status != ChangeStatus::renamed);
}

DiffPosition position_in(const FileChange& file, const Region& region) {
  if (region.start_line == 0) {
    return change_wrote_content(file) ? DiffPosition::added_lines : DiffPosition::in_changed_file;
  }
  uint32_t first = region.start_line;
  uint32_t last = std::max(region.end_line, region.start_line);
  if (intersects(file.added_lines, first, last)) return DiffPosition::added_lines;
  if (intersects(file.hunks, first, last)) return DiffPosition::in_hunk_context;
  return DiffPosition::in_changed_file;
}

}  // namespace

std::optional<FilterMode> parse_filter_mode(const std::string& text) {
  for (FilterMode m : {FilterMode::added, FilterMode::context, FilterMode::file, FilterMode::all}) {
    if (text == to_string(m)) return m;
  }
  return std::nullopt;
}

const char* to_string(FilterMode mode) {
  switch (mode) {
    case FilterMode::added:
      return "added";
    case FilterMode::context:
      return "context";
    case FilterMode::file:
      return "file";
    case FilterMode::all:
      return "all";
  }
  return "all";
}

void annotate_diff_positions(std::vector<Finding>& findings, const ChangeSet& changes) {
  if (changes.full_scan) return;
  std::unordered_map<std::string_view, const FileChange*> by_path;
  for (const FileChange& f : changes.files) by_path.emplace(f.path, &f);
  for (Finding& finding : findings) {
    if (finding.location.path.empty() || !finding.artifact_path.empty()) continue;
    auto it = by_path.find(finding.location.path);
    finding.diff_position = it == by_path.end() ? DiffPosition::outside_diff
                                                : position_in(*it->second, finding.location.region);
  }
}

bool passes_filter(const Finding& finding, FilterMode mode) {
  switch (finding.diff_position) {
    case DiffPosition::unknown:
      return true;
    case DiffPosition::added_lines:
      return true;
    case DiffPosition::in_hunk_context:
      return mode != FilterMode::added;
    case DiffPosition::in_changed_file:
      return mode == FilterMode::file || mode == FilterMode::all;
    case DiffPosition::outside_diff:
      return mode == FilterMode::all;
  }
  return true;
}

}  // namespace lamina
