#pragma once
// What changed: the output of the git stage, input of selection and of the diff filter.
#include <cstdint>
#include <string>
#include <vector>

namespace lamina {

// No `copied`: a new file that resembles another is added, every line of it counts (a copy of a
// module with its findings is new code). Renames pair a deletion with an addition, as `git diff
// -M`.
enum class ChangeStatus { added, modified, deleted, renamed, type_change };

// Inclusive 1-based line range on the new-file side.
struct LineRange {
  uint32_t first = 0;
  uint32_t last = 0;
  bool operator==(const LineRange&) const = default;
};

struct FileChange {
  std::string path;      // repository-relative, '/'-separated, byte-exact (may be non-UTF-8)
  std::string old_path;  // previous path for renames, else ""
  ChangeStatus status = ChangeStatus::modified;
  // From the new content only (a NUL or mostly unprintable bytes, as git decides), never from
  // .gitattributes, which the change itself may carry; always false with names_only.
  bool binary = false;
  // A Git LFS pointer ("version https://git-lfs.github.com/spec/v1"): the content lives outside
  // git, so code scanners would only see the pointer. Always false with names_only.
  bool lfs_pointer = false;
  bool submodule = false;
  bool symlink = false;
  std::vector<LineRange> added_lines;  // lines added or changed, merged and sorted
  std::vector<LineRange> hunks;        // each hunk's new-side extent, with context

  // Deleted files, submodules and symlinks are listed but never handed to a scanner; binary
  // files and LFS pointers are passed only to scanners that read any content (accepts_binary).
  bool scannable() const { return status != ChangeStatus::deleted && !submodule && !symlink; }
  bool operator==(const FileChange&) const = default;
};

// A file whose added lines and hunks are still to be computed (ChangeSetOptions::defer_lines):
// its blobs, by id ("" for a side that does not exist).
struct PendingLines {
  std::string path;
  std::string old_blob;
  std::string new_blob;
  bool operator==(const PendingLines&) const = default;
};

struct ChangeSet {
  std::string base;                // resolved base commit SHA, "" for a full scan
  std::string head;                // resolved head commit SHA ("" in an unborn repository)
  bool full_scan = false;          // every tracked file, no diff
  bool includes_worktree = false;  // uncommitted changes were included
  bool lines_known = true;         // added_lines, hunks and binary were computed from content
                                   // (false with --names-only and for a full scan)
  std::vector<FileChange> files;   // sorted by path
  std::vector<std::string> notes;  // what the git stage did: fetches, fallbacks, rename limit
  // With defer_lines: binary and lfs_pointer are known, added_lines and hunks are not yet
  // (lines_known is false) and these files' are computed by git::compute_pending_lines.
  std::vector<PendingLines> pending_lines;
  std::string git_dir;  // where the pending lines' blobs are; "" when none are pending
};

const char* to_string(ChangeStatus status);

}  // namespace lamina
