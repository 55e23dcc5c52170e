#include "git/line_ranges.h"

#include <unordered_map>

#include "git/repository.h"

namespace lamina::git {
namespace {

struct Collector {
  std::unordered_map<const git_diff_delta*, FileChange*> changes;
  FileChange* current = nullptr;
};

FileChange* change_for(Collector& collector, const git_diff_delta* delta) {
  auto it = collector.changes.find(delta);
  return it == collector.changes.end() ? nullptr : it->second;
}

int on_file(const git_diff_delta* delta, float, void* payload) {
  auto& collector = *static_cast<Collector*>(payload);
  collector.current = change_for(collector, delta);
  if (collector.current != nullptr && (delta->flags & GIT_DIFF_FLAG_BINARY) != 0) {
    collector.current->binary = true;
  }
  return 0;
}

int on_binary(const git_diff_delta* delta, const git_diff_binary*, void* payload) {
  if (FileChange* change = change_for(*static_cast<Collector*>(payload), delta)) {
    change->binary = true;
  }
  return 0;
}

int on_hunk(const git_diff_delta*, const git_diff_hunk* hunk, void* payload) {
  FileChange* change = static_cast<Collector*>(payload)->current;
  if (change != nullptr && hunk->new_lines > 0) {
    uint32_t first = static_cast<uint32_t>(hunk->new_start);
    change->hunks.push_back({first, first + static_cast<uint32_t>(hunk->new_lines) - 1});
  }
  return 0;
}

// Additions arrive in increasing line order within a file, so merging is appending or
// extending the last range.
int on_line(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line, void* payload) {
  FileChange* change = static_cast<Collector*>(payload)->current;
  if (change == nullptr || line->origin != GIT_DIFF_LINE_ADDITION) return 0;
  uint32_t number = static_cast<uint32_t>(line->new_lineno);
  std::vector<LineRange>& ranges = change->added_lines;
  if (!ranges.empty() && ranges.back().last + 1 == number) {
    ranges.back().last = number;
  } else {
    ranges.push_back({number, number});
  }
  return 0;
}

}  // namespace

void add_line_ranges(git_diff* diff, const std::vector<FileChange*>& by_delta) {
  Collector collector;
  for (size_t i = 0; i < by_delta.size(); ++i) {
    if (by_delta[i] != nullptr) collector.changes.emplace(git_diff_get_delta(diff, i), by_delta[i]);
  }
  check(git_diff_foreach(diff, on_file, on_binary, on_hunk, on_line, &collector),
        "cannot compute the diff's line ranges");
}

}  // namespace lamina::git
