#include "plan/file_selection.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <thread>

#include "git/file_at_commit.h"
#include "plan/exclusions.h"
#include "plan/shebang.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/glob_set.h"

namespace lamina {
namespace {

constexpr uint32_t kGlobalExclude = 0;
uint32_t files_group(size_t scanner) {
  return static_cast<uint32_t>(1 + 2 * scanner);
}
uint32_t exclude_group(size_t scanner) {
  return static_cast<uint32_t>(2 + 2 * scanner);
}

void add_pattern(GlobSet& set, const std::string& pattern, uint32_t group,
                 const std::string& what) {
  uint32_t id = 0;
  std::string error;
  if (!set.add(pattern, group, &id, &error)) throw Error(what + ": " + error);
}

// The commit whose .gitattributes may exclude files: the base, never the change itself (a pull
// request's `* linguist-generated` would hide every file it adds). A full scan has no change to
// fear, so it reads the scanned commit's; an unborn repository has none.
std::string attributes_commit(const ChangeSet& changes) {
  return changes.full_scan ? changes.head : changes.base;
}

// linguist-generated / linguist-vendored rules from the root .gitattributes of that commit.
std::vector<ExclusionRule> attribute_rules(const ChangeSet& changes, const std::string& repo_root,
                                           std::vector<std::string>* notes) {
  std::string commit = attributes_commit(changes);
  if (commit.empty()) return {};
  std::string where = ".gitattributes at " + commit.substr(0, 7);
  try {
    std::optional<std::string> text = git::read_file_at_commit(repo_root, commit, ".gitattributes");
    return text ? gitattributes_rules(*text, where) : std::vector<ExclusionRule>{};
  } catch (const Error& e) {
    notes->push_back(where + " was not read (" + std::string(e.what()) +
                     "): no file is excluded by attributes");
    return {};
  }
}

std::vector<ExclusionRule> global_rules(const Settings& settings,
                                        const std::vector<ExclusionRule>& attributes) {
  std::vector<ExclusionRule> rules;
  if (settings.default_excludes.value) {
    rules = vendored_folder_rules();
    rules.insert(rules.end(), attributes.begin(), attributes.end());
  }
  for (const std::string& pattern : settings.exclude.value) {
    rules.push_back({pattern, "exclude in " + settings.exclude.origin});
  }
  return rules;
}

bool has_extension(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  size_t name_start = slash == std::string::npos ? 0 : slash + 1;
  return dot != std::string::npos && dot > name_start;  // ".bashrc" has no extension
}

struct Skipped {
  size_t deleted = 0, submodules = 0, symlinks = 0;
  // Passed only to scanners that read any content (accepts_binary): not source code.
  size_t binaries = 0, lfs_pointers = 0;
};

void note_skipped(const Skipped& skipped, std::vector<std::string>* notes) {
  auto note = [&](size_t count, const char* what, const char* where) {
    if (count == 0) return;
    notes->push_back(std::to_string(count) + " " + what + (count == 1 ? " is" : "s are") + where);
  };
  note(skipped.deleted, "deleted path", " never passed to scanners");
  note(skipped.submodules, "submodule", " never passed to scanners");
  note(skipped.symlinks, "symlink", " never passed to scanners");
  note(skipped.lfs_pointers, "Git LFS pointer file",
       " passed only to scanners that read any content (secret scanners), not to code "
       "scanners: the file's real content is stored outside git, so a code scanner would read "
       "only the pointer");
  note(skipped.binaries, "binary file",
       " passed only to scanners that read any content (secret scanners), not to code scanners");
}

// One pass over the change set. Matches are kept as (file index, rule index) pairs and turned
// into FileMatch values at the end, each list allocated once at its final size.
class Selector {
 public:
  Selector(const std::vector<const ScannerSpec*>& scanners, const Settings& settings,
           const std::vector<ExclusionRule>& attributes, const std::string& repo_root)
      : scanners_(scanners),
        found_(scanners.size()),
        matched_(scanners.size(), 0),
        excluded_(scanners.size(), 0),
        // Shebang lines are read relative to the repository folder, opened once.
        repo_fd_(::open(repo_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC)) {
    for (const ExclusionRule& rule : global_rules(settings, attributes)) {
      add_pattern(globs_, rule.pattern, kGlobalExclude, rule.why);
      why_of_glob_.push_back(rule.why);
    }
    for (size_t i = 0; i < scanners.size(); ++i) {
      const ScannerSpec& spec = *scanners[i];
      for (const std::string& p : spec.files)
        add_pattern(globs_, p, files_group(i), spec.id + " files");
      for (const std::string& p : spec.exclude)
        add_pattern(globs_, p, exclude_group(i), spec.id + " exclude");
      if (!spec.shebang.empty()) sniffing_.push_back(i);
    }
    for (size_t id = 0; id < globs_.size(); ++id) {
      rule_texts_.push_back(std::make_shared<const std::string>(
          "glob " + globs_.glob(static_cast<uint32_t>(id)).text));
    }
  }
  ~Selector() {
    if (repo_fd_ >= 0) ::close(repo_fd_);
  }
  Selector(const Selector&) = delete;
  Selector& operator=(const Selector&) = delete;

  // Matches one scannable file against every scanner, or records why it is excluded.
  // Binary files and LFS pointers are not source code: only content scanners get them.
  static bool is_source(const FileChange& change) { return !change.binary && !change.lfs_pointer; }

  // Returns false when a global rule excluded the file.
  bool add(uint32_t index, const FileChange& change, std::vector<Exclusion>* exclusions) {
    globs_.match(change.path, &hits_);
    if (!hits_.empty() && hits_.front().group == kGlobalExclude) {
      uint32_t id = hits_.front().glob;
      exclusions->push_back({change.path, globs_.glob(id).text + " (" + why_of_glob_[id] + ")"});
      return false;
    }
    for (const GlobHit& hit : hits_)
      (hit.group % 2 == 1 ? matched_ : excluded_)[scanner_of(hit)] = 1;
    for (const GlobHit& hit : hits_) {
      size_t scanner = scanner_of(hit);
      if (hit.group % 2 == 0 || excluded_[scanner]) continue;
      if (!is_source(change) && !scanners_[scanner]->accepts_binary) continue;
      found_[scanner].emplace_back(index, hit.glob);
    }
    if (!sniffing_.empty() && is_source(change) && !has_extension(change.path))
      sniff(index, change);
    for (const GlobHit& hit : hits_) matched_[scanner_of(hit)] = excluded_[scanner_of(hit)] = 0;
    return true;
  }

  std::vector<std::vector<FileMatch>> matches(const ChangeSet& changes) const {
    std::vector<std::vector<FileMatch>> lists(scanners_.size());
    for (size_t scanner = 0; scanner < scanners_.size(); ++scanner) {
      lists[scanner].reserve(found_[scanner].size());
      for (auto [index, rule] : found_[scanner]) {
        lists[scanner].emplace_back(changes.files[index].path, rule_texts_[rule]);
      }
    }
    return lists;
  }

 private:
  static size_t scanner_of(const GlobHit& hit) { return (hit.group - 1) / 2; }

  // An extensionless file goes to scanners its glob did not decide on when its "#!" names one
  // of their interpreters; the first line is read at most once.
  void sniff(uint32_t index, const FileChange& change) {
    std::string interpreter;
    bool read = false;
    for (size_t scanner : sniffing_) {
      if (matched_[scanner] || excluded_[scanner]) continue;
      if (!read) {
        interpreter = shebang_interpreter(read_first_line(change.path, repo_fd_));
        read = true;
      }
      if (interpreter.empty()) return;
      if (matching_interpreter(interpreter, scanners_[scanner]->shebang).empty()) continue;
      auto [it, added] =
          shebang_rules_.emplace(interpreter, static_cast<uint32_t>(rule_texts_.size()));
      if (added)
        rule_texts_.push_back(std::make_shared<const std::string>("shebang " + interpreter));
      found_[scanner].emplace_back(index, it->second);
    }
  }

  const std::vector<const ScannerSpec*>& scanners_;
  GlobSet globs_;
  std::vector<std::string> why_of_glob_;  // by glob id, for the global exclusion rules
  // "glob *.sh" by glob id, then "shebang bash" entries; shared by the matches they decided.
  std::vector<std::shared_ptr<const std::string>> rule_texts_;
  std::map<std::string, uint32_t> shebang_rules_;
  std::vector<size_t> sniffing_;  // scanners with shebang names
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> found_;
  std::vector<GlobHit> hits_;
  std::vector<char> matched_, excluded_;  // per scanner, for the file being matched
  int repo_fd_;
};

// The files [begin, end) of the change set, selected by one Selector: a shard of the work.
struct Shard {
  std::vector<std::vector<FileMatch>> per_scanner;
  std::vector<Exclusion> exclusions;
  Skipped skipped;
};

Shard select_shard(Selector& selector, const ChangeSet& changes, uint32_t begin, uint32_t end) {
  Shard shard;
  for (uint32_t index = begin; index < end; ++index) {
    const FileChange& change = changes.files[index];
    if (change.scannable()) {
      if (!selector.add(index, change, &shard.exclusions)) continue;
      if (change.lfs_pointer) {
        ++shard.skipped.lfs_pointers;
      } else if (change.binary) {
        ++shard.skipped.binaries;
      }
    } else if (change.status == ChangeStatus::deleted) {
      ++shard.skipped.deleted;
    } else if (change.submodule) {
      ++shard.skipped.submodules;
    } else {
      ++shard.skipped.symlinks;
    }
  }
  shard.per_scanner = selector.matches(changes);
  return shard;
}

// Large change sets are split into contiguous shards matched on separate threads, each with its
// own compiled GlobSet (its folder cache is not shared); concatenating the shards in order gives
// exactly the single-threaded result.
size_t shard_count(size_t files) {
  constexpr size_t kFilesPerShard = 20000;
  return std::clamp<size_t>(files / kFilesPerShard, 1,
                            std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
}

FileSelection merge_shards(std::vector<Shard>& shards, size_t scanner_count) {
  FileSelection selection;
  selection.per_scanner.resize(scanner_count);
  Skipped skipped;
  for (size_t scanner = 0; scanner < scanner_count; ++scanner) {
    size_t total = 0;
    for (const Shard& shard : shards) total += shard.per_scanner[scanner].size();
    std::vector<FileMatch>& list = selection.per_scanner[scanner];
    list.reserve(total);
    for (Shard& shard : shards) {
      std::move(shard.per_scanner[scanner].begin(), shard.per_scanner[scanner].end(),
                std::back_inserter(list));
    }
  }
  for (Shard& shard : shards) {
    std::move(shard.exclusions.begin(), shard.exclusions.end(),
              std::back_inserter(selection.exclusions));
    skipped.deleted += shard.skipped.deleted;
    skipped.submodules += shard.skipped.submodules;
    skipped.symlinks += shard.skipped.symlinks;
    skipped.binaries += shard.skipped.binaries;
    skipped.lfs_pointers += shard.skipped.lfs_pointers;
  }
  note_skipped(skipped, &selection.notes);
  return selection;
}

}  // namespace

FileSelection select_files(const std::vector<const ScannerSpec*>& scanners,
                           const Settings& settings, const ChangeSet& changes,
                           const std::string& repo_root, const std::string& git_root) {
  size_t count = shard_count(changes.files.size());
  auto bound = [&](size_t shard) {
    return static_cast<uint32_t>(changes.files.size() * shard / count);
  };
  std::vector<std::string> notes;
  std::vector<ExclusionRule> attributes =
      attribute_rules(changes, git_root.empty() ? repo_root : git_root, &notes);
  // The first Selector is built here, so a malformed glob throws before any thread starts.
  Selector first(scanners, settings, attributes, repo_root);
  std::vector<Shard> shards(count);
  std::vector<std::thread> workers;
  for (size_t s = 1; s < count; ++s) {
    workers.emplace_back([&, s] {
      Selector selector(scanners, settings, attributes, repo_root);
      shards[s] = select_shard(selector, changes, bound(s), bound(s + 1));
    });
  }
  shards[0] = select_shard(first, changes, 0, bound(1));
  for (std::thread& worker : workers) worker.join();
  FileSelection selection = merge_shards(shards, scanners.size());
  selection.notes.insert(selection.notes.begin(), notes.begin(), notes.end());
  return selection;
}

}  // namespace lamina
