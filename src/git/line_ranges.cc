#include "git/line_ranges.h"

#include <algorithm>
#include <atomic>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "git/blob_kind.h"
#include "git/repository.h"
#include "util/error.h"

namespace lamina::git {
namespace {

struct Collector {
  std::unordered_map<const git_diff_delta*, FileChange*> changes;  // foreach mode only
  FileChange* current = nullptr;
};

// A text file is diffed line by line even when its old side was binary: every line it has
// that the old bytes did not is added.
git_diff_options line_diff_options() {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = 3;
  options.flags = GIT_DIFF_FORCE_TEXT;
  return options;
}

int on_delta(const git_diff_delta* delta, float, void* payload) {
  auto& collector = *static_cast<Collector*>(payload);
  auto it = collector.changes.find(delta);
  collector.current = it == collector.changes.end() ? nullptr : it->second;
  if (collector.current != nullptr && (delta->flags & GIT_DIFF_FLAG_BINARY) != 0) {
    collector.current->binary = true;
  }
  return 0;
}

int on_binary(const git_diff_delta*, const git_diff_binary*, void* payload) {
  if (FileChange* change = static_cast<Collector*>(payload)->current) change->binary = true;
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

// Looks up a blob of `pair`; "" on success, else why it failed.
std::string lookup(git_repository* repo, const std::optional<git_oid>& id, git_blob** blob) {
  *blob = nullptr;
  if (!id || git_blob_lookup(blob, repo, &*id) == 0) return "";
  return "cannot read blob " + oid_hex(*id) + ": " + last_error_message();
}

// Every line of a changed binary file counts as added: its changes cannot be told line by line,
// and a scanner that reads any content (a secret scanner) reports lines all the same.
void add_every_line(FileChange* change, const git_blob* blob) {
  uint32_t lines = line_count(blob_content(blob));
  if (lines == 0) return;
  change->added_lines.push_back({1, lines});
  change->hunks.push_back({1, lines});
}

// Diffs one file's blobs; returns "" or why it failed. Both sides are named "" (not NULL, which
// libgit2 turns into "file"): with an empty path libgit2 looks up no attribute, so no diff driver,
// no `binary`, no pattern of the change's .gitattributes reaches the diff. Blobs rather than
// buffers, because buffers are hashed again (SHA-1 with collision detection: a quarter of the
// instructions of a large diff) to name ids the blobs already have.
std::string diff_pair(git_repository* repo, const BlobPair& pair, const git_diff_options& options) {
  git_blob *old_blob = nullptr, *new_blob = nullptr;
  std::string error = lookup(repo, pair.old_blob, &old_blob);
  if (error.empty()) error = lookup(repo, pair.new_blob, &new_blob);
  Collector collector{{}, pair.change};
  if (error.empty()) {
    classify_content(new_blob, pair.change);
    bool unchanged = old_blob != nullptr && new_blob != nullptr &&
                     git_oid_equal(git_blob_id(old_blob), git_blob_id(new_blob));
    if (pair.change->binary) {
      if (!unchanged && new_blob != nullptr) add_every_line(pair.change, new_blob);
    } else if (git_diff_blobs(old_blob, "", new_blob, "", &options, nullptr, nullptr, on_hunk,
                              on_line, &collector) != 0) {
      error = "cannot diff " + pair.change->path + ": " + last_error_message();
    }
  }
  git_blob_free(old_blob);
  git_blob_free(new_blob);
  return error;
}

// Reads one file's new blob for binary and lfs_pointer only; "" or why it failed.
std::string classify_pair(git_repository* repo, const BlobPair& pair, const git_diff_options&) {
  git_blob* new_blob = nullptr;
  std::string error = lookup(repo, pair.new_blob, &new_blob);
  if (error.empty()) classify_content(new_blob, pair.change);
  git_blob_free(new_blob);
  return error;
}

using PairWork = std::string (*)(git_repository*, const BlobPair&, const git_diff_options&);

// Does `work` on the pairs this worker claims from `next`; returns the first error, if any.
// Claims are runs of neighbouring paths, whose blobs tend to share pack delta bases that each
// worker's repository handle caches.
std::string work_on_claimed_pairs(git_repository* repo, const std::vector<BlobPair>& pairs,
                                  std::atomic<size_t>& next, PairWork work) {
  constexpr size_t kChunk = 32;
  git_diff_options options = line_diff_options();
  for (size_t start = next.fetch_add(kChunk); start < pairs.size();
       start = next.fetch_add(kChunk)) {
    for (size_t i = start; i < std::min(start + kChunk, pairs.size()); ++i) {
      std::string error = work(repo, pairs[i], options);
      if (!error.empty()) return error;
    }
  }
  return "";
}

// Spreads `work` over the machine's cores: each worker thread opens its own handle on the
// repository at `git_dir` (libgit2 handles are not shared across threads) and takes whole
// files, so no FileChange is touched by two threads. Throws Error naming `what`.
void work_on_pairs(const std::string& git_dir, const std::vector<BlobPair>& pairs, PairWork work,
                   const char* what) {
  // A thread costs a repository open (about a millisecond): worth it only for larger diffs.
  constexpr size_t kPairsPerThread = 64;
  size_t threads = std::clamp<size_t>(pairs.size() / kPairsPerThread, 1,
                                      std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::vector<std::string> errors(threads);
  auto run = [&](size_t worker) {
    git_repository* repo = nullptr;
    if (git_repository_open(&repo, git_dir.c_str()) != 0) {
      errors[worker] = "cannot open " + git_dir + ": " + last_error_message();
      next = pairs.size();  // the other workers stop at their next claim
      return;
    }
    errors[worker] = work_on_claimed_pairs(repo, pairs, next, work);
    if (!errors[worker].empty()) next = pairs.size();
    git_repository_free(repo);
  };
  std::vector<std::thread> workers;
  for (size_t worker = 1; worker < threads; ++worker) workers.emplace_back(run, worker);
  run(0);
  for (std::thread& worker : workers) worker.join();
  for (const std::string& error : errors) {
    if (!error.empty()) throw Error(std::string(what) + ": " + error);
  }
}

}  // namespace

void add_line_ranges(git_diff* diff, const std::vector<FileChange*>& by_delta) {
  Collector collector;
  for (size_t i = 0; i < by_delta.size(); ++i) {
    if (by_delta[i] != nullptr) collector.changes.emplace(git_diff_get_delta(diff, i), by_delta[i]);
  }
  check(git_diff_foreach(diff, on_delta, on_binary, on_hunk, on_line, &collector),
        "cannot compute the diff's line ranges");
}

void add_blob_line_ranges(const std::string& git_dir, const std::vector<BlobPair>& pairs) {
  work_on_pairs(git_dir, pairs, diff_pair, "cannot compute line ranges");
}

void add_blob_kinds(const std::string& git_dir, const std::vector<BlobPair>& pairs) {
  work_on_pairs(git_dir, pairs, classify_pair, "cannot read the changed files");
}

}  // namespace lamina::git
