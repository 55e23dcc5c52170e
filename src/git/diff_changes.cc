#include "git/diff_changes.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "git/line_ranges.h"
#include "git/repository.h"

namespace lamina::git {
namespace {

// One listed delta, with the blob ids that exact rename matching and the line diff need.
struct Entry {
  FileChange change;
  git_oid old_id{};
  git_oid new_id{};
  bool regular_file = false;  // the listed side is a file, not a link or submodule
  bool old_is_blob = false;   // the old side exists and holds content (a file or a link)
  bool new_is_blob = false;
  bool removed = false;  // became the source of an exact rename
};

bool is_blob_mode(uint16_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

bool has_content(uint16_t mode) {
  return is_blob_mode(mode) || mode == GIT_FILEMODE_LINK;
}

std::optional<ChangeStatus> status_of(git_delta_t status) {
  switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
      return ChangeStatus::added;
    case GIT_DELTA_DELETED:
      return ChangeStatus::deleted;
    case GIT_DELTA_MODIFIED:
    case GIT_DELTA_CONFLICTED:
    case GIT_DELTA_UNREADABLE:
      return ChangeStatus::modified;
    case GIT_DELTA_RENAMED:
      return ChangeStatus::renamed;
    case GIT_DELTA_COPIED:  // never asked for (no GIT_DIFF_FIND_COPIES): a copy is an addition
      return ChangeStatus::added;
    case GIT_DELTA_TYPECHANGE:
      return ChangeStatus::type_change;
    case GIT_DELTA_UNMODIFIED:
    case GIT_DELTA_IGNORED:
      break;
  }
  return std::nullopt;
}

std::optional<Entry> entry_of(const git_diff_delta& delta) {
  std::optional<ChangeStatus> status = status_of(delta.status);
  if (!status) return std::nullopt;
  bool deleted = *status == ChangeStatus::deleted;
  const git_diff_file& side = deleted ? delta.old_file : delta.new_file;
  Entry entry;
  entry.change.status = *status;
  entry.change.path = side.path;
  if (*status == ChangeStatus::renamed) entry.change.old_path = delta.old_file.path;
  entry.change.submodule = side.mode == GIT_FILEMODE_COMMIT;
  entry.change.symlink = side.mode == GIT_FILEMODE_LINK;
  entry.old_id = delta.old_file.id;
  entry.new_id = delta.new_file.id;
  entry.regular_file = is_blob_mode(side.mode);
  entry.old_is_blob = has_content(delta.old_file.mode);
  entry.new_is_blob = *status != ChangeStatus::deleted && has_content(delta.new_file.mode);
  return entry;
}

// git's rule (diffcore-rename.c): the similarity search runs only when targets × sources fits in
// rename_limit² and one side is within the limit; past it, only identical contents pair up.
bool within_rename_limit(size_t targets, size_t sources, size_t limit) {
  return (targets <= limit || sources <= limit) &&
         static_cast<unsigned long long>(targets) * sources <=
             static_cast<unsigned long long>(limit) * limit;
}

// Runs libgit2's rename search (`git diff -M`: a deleted file and an added one at least 50%
// alike) when it is within bounds; returns false when the caller must fall back to exact
// matching. libgit2 pairs each deleted file with at most one added file, the most similar, so
// several new copies of one deleted file are one rename and additions. Copies are not searched
// for: only a rename lets the old lines of a new path go uncounted, and only once.
bool find_similar(git_diff* diff, const DiffSettings& settings, std::vector<std::string>* notes) {
  size_t targets = 0, sources = 0;
  for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; ++i) {
    git_delta_t status = git_diff_get_delta(diff, i)->status;
    if (status == GIT_DELTA_ADDED) ++targets;
    if (status == GIT_DELTA_DELETED) ++sources;
  }
  if (targets == 0 || sources == 0) return true;
  if (!within_rename_limit(targets, sources, settings.rename_limit)) {
    notes->push_back("Rename detection matched identical contents only: " +
                     std::to_string(targets) + " added files against " + std::to_string(sources) +
                     " possible sources exceed the rename limit of " +
                     std::to_string(settings.rename_limit) + " (as git's diff.renameLimit).");
    return false;
  }
  git_diff_find_options options = GIT_DIFF_FIND_OPTIONS_INIT;
  options.flags = GIT_DIFF_FIND_RENAMES;
  options.rename_limit = settings.rename_limit;
  check(git_diff_find_similar(diff, &options), "cannot detect renames");
  return true;
}

std::string id_key(const git_oid& oid) {
  return std::string(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ);
}

// Exact rename detection in one pass over blob ids, for diffs too large for the similarity
// search: each deleted file pairs with at most one added file of identical content, which adds no
// lines (a working-tree diff has already listed them all: cleared).
void pair_identical_contents(std::vector<Entry>& entries) {
  git_oid empty_blob;
  git_oid_fromstr(&empty_blob, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  std::unordered_map<std::string, size_t> deleted;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& entry = entries[i];
    if (!entry.regular_file || git_oid_equal(&entry.old_id, &empty_blob)) continue;
    if (entry.change.status == ChangeStatus::deleted) deleted.emplace(id_key(entry.old_id), i);
  }
  for (Entry& entry : entries) {
    if (entry.change.status != ChangeStatus::added || !entry.regular_file) continue;
    auto it = deleted.find(id_key(entry.new_id));
    if (it == deleted.end()) continue;
    Entry& source = entries[it->second];
    source.removed = true;
    entry.change.status = ChangeStatus::renamed;
    entry.change.old_path = source.change.path;
    entry.old_id = source.old_id;
    entry.old_is_blob = true;
    entry.change.added_lines.clear();
    entry.change.hunks.clear();
    deleted.erase(it);
  }
}

std::vector<Entry> entries_of(git_diff* diff) {
  std::vector<Entry> entries;
  entries.reserve(git_diff_num_deltas(diff));
  for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; ++i) {
    if (std::optional<Entry> entry = entry_of(*git_diff_get_delta(diff, i))) {
      entries.push_back(std::move(*entry));
    }
  }
  return entries;
}

// The FileChange of each delta (nullptr for deltas that are not listed), as entries_of made them.
std::vector<FileChange*> changes_by_delta(git_diff* diff, std::vector<Entry>& entries) {
  std::vector<FileChange*> by_delta(git_diff_num_deltas(diff), nullptr);
  size_t next = 0;
  for (size_t i = 0; i < by_delta.size(); ++i) {
    if (status_of(git_diff_get_delta(diff, i)->status)) by_delta[i] = &entries[next++].change;
  }
  return by_delta;
}

std::vector<BlobPair> blob_pairs(std::vector<Entry>& entries) {
  std::vector<BlobPair> pairs;
  for (Entry& entry : entries) {
    if (entry.removed || !entry.new_is_blob) continue;
    BlobPair pair{&entry.change, std::nullopt, entry.new_id};
    if (entry.old_is_blob && entry.change.status != ChangeStatus::added)
      pair.old_blob = entry.old_id;
    pairs.push_back(pair);
  }
  return pairs;
}

}  // namespace

std::vector<FileChange> changes_of(git_repository* repo, git_diff* diff,
                                   const DiffSettings& settings, std::vector<std::string>* notes,
                                   std::vector<PendingLines>* pending) {
  bool similarity_done = find_similar(diff, settings, notes);
  std::vector<Entry> entries = entries_of(diff);
  if (settings.lines && settings.worktree) add_line_ranges(diff, changes_by_delta(diff, entries));
  if (!similarity_done) pair_identical_contents(entries);
  if (settings.lines && !settings.worktree && settings.defer_lines && pending != nullptr) {
    std::vector<BlobPair> pairs = blob_pairs(entries);
    add_blob_kinds(git_repository_path(repo), pairs);
    pending->reserve(pairs.size());
    for (const BlobPair& pair : pairs) {
      pending->push_back({pair.change->path, pair.old_blob ? oid_hex(*pair.old_blob) : "",
                          pair.new_blob ? oid_hex(*pair.new_blob) : ""});
    }
  } else if (settings.lines && !settings.worktree) {
    add_blob_line_ranges(git_repository_path(repo), blob_pairs(entries));
  }
  std::vector<FileChange> changes;
  changes.reserve(entries.size());
  for (Entry& entry : entries) {
    if (!entry.removed) changes.push_back(std::move(entry.change));
  }
  // libgit2 lists a tree diff in git's path order, which is byte order for the paths listed:
  // checked, and sorted only when not (moving 10,000 FileChanges costs more than the check).
  auto by_path = [](const FileChange& a, const FileChange& b) { return a.path < b.path; };
  if (!std::is_sorted(changes.begin(), changes.end(), by_path))
    std::sort(changes.begin(), changes.end(), by_path);
  return changes;
}

}  // namespace lamina::git
