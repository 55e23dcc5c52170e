#include "plan/file_selection.h"

#include <fcntl.h>
#include <unistd.h>

#include <map>

#include "plan/exclusions.h"
#include "plan/glob_set.h"
#include "plan/shebang.h"
#include "util/error.h"
#include "util/file_io.h"

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

std::vector<ExclusionRule> global_rules(const Settings& settings, const std::string& repo_root) {
  std::vector<ExclusionRule> rules;
  if (settings.default_excludes.value) {
    rules = vendored_folder_rules();
    if (auto text = read_file(repo_root + "/.gitattributes")) {
      for (ExclusionRule& rule : gitattributes_rules(*text, ".gitattributes"))
        rules.push_back(rule);
    }
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
};

void note_skipped(const Skipped& skipped, std::vector<std::string>* notes) {
  auto note = [&](size_t count, const char* what) {
    if (count == 0) return;
    notes->push_back(std::to_string(count) + " " + what + (count == 1 ? " is" : "s are") +
                     " never passed to scanners");
  };
  note(skipped.deleted, "deleted path");
  note(skipped.submodules, "submodule");
  note(skipped.symlinks, "symlink");
}

}  // namespace

FileSelection select_files(const std::vector<const ScannerSpec*>& scanners,
                           const Settings& settings, const ChangeSet& changes,
                           const std::string& repo_root) {
  GlobSet globs;
  std::vector<ExclusionRule> rules = global_rules(settings, repo_root);
  std::vector<std::string> why_of_glob;  // indexed by glob id, for global rules
  for (const ExclusionRule& rule : rules) {
    add_pattern(globs, rule.pattern, kGlobalExclude, rule.why);
    why_of_glob.push_back(rule.why);
  }
  std::vector<size_t> sniffing;  // scanners with shebang names
  for (size_t i = 0; i < scanners.size(); ++i) {
    const ScannerSpec& spec = *scanners[i];
    for (const std::string& p : spec.files)
      add_pattern(globs, p, files_group(i), spec.id + " files");
    for (const std::string& p : spec.exclude)
      add_pattern(globs, p, exclude_group(i), spec.id + " exclude");
    if (!spec.shebang.empty()) sniffing.push_back(i);
  }

  // Matches are collected as (file, rule) index pairs and turned into FileMatch values at the
  // end, each list allocated once at its final size.
  std::vector<std::string> rule_texts;  // "glob *.sh" per glob id, then "shebang bash" entries
  for (size_t id = 0; id < globs.size(); ++id) {
    rule_texts.push_back("glob " + globs.glob(static_cast<uint32_t>(id)).text);
  }
  std::map<std::string, uint32_t> shebang_rules;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> found(scanners.size());

  // Shebang lines are read relative to the repository folder, opened once.
  struct DirFd {
    int fd;
    ~DirFd() {
      if (fd >= 0) ::close(fd);
    }
  } repo_dir{::open(repo_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC)};

  FileSelection selection;
  std::vector<GlobHit> hits;
  std::vector<char> matched(scanners.size(), 0), excluded(scanners.size(), 0);
  Skipped skipped;
  for (uint32_t index = 0; index < changes.files.size(); ++index) {
    const FileChange& change = changes.files[index];
    if (!change.scannable()) {
      if (change.status == ChangeStatus::deleted)
        ++skipped.deleted;
      else if (change.submodule)
        ++skipped.submodules;
      else
        ++skipped.symlinks;
      continue;
    }
    globs.match(change.path, &hits);
    if (!hits.empty() && hits.front().group == kGlobalExclude) {
      const Glob& glob = globs.glob(hits.front().glob);
      selection.exclusions.push_back(
          {change.path, glob.text + " (" + why_of_glob[hits.front().glob] + ")"});
      continue;
    }
    for (const GlobHit& hit : hits) {
      size_t scanner = (hit.group - 1) / 2;
      (hit.group % 2 == 1 ? matched : excluded)[scanner] = 1;
    }
    for (const GlobHit& hit : hits) {
      size_t scanner = (hit.group - 1) / 2;
      if (hit.group % 2 == 0 || excluded[scanner]) continue;
      if (change.binary && !scanners[scanner]->accepts_binary) continue;
      found[scanner].emplace_back(index, hit.glob);
    }
    if (!sniffing.empty() && !change.binary && !has_extension(change.path)) {
      std::string interpreter;
      bool read = false;
      for (size_t scanner : sniffing) {
        if (matched[scanner] || excluded[scanner]) continue;
        if (!read) {
          interpreter = shebang_interpreter(read_first_line(change.path, repo_dir.fd));
          read = true;
        }
        if (interpreter.empty()) break;
        if (matching_interpreter(interpreter, scanners[scanner]->shebang).empty()) continue;
        auto [it, added] =
            shebang_rules.emplace(interpreter, static_cast<uint32_t>(rule_texts.size()));
        if (added) rule_texts.push_back("shebang " + interpreter);
        found[scanner].emplace_back(index, it->second);
      }
    }
    for (const GlobHit& hit : hits)
      matched[(hit.group - 1) / 2] = excluded[(hit.group - 1) / 2] = 0;
  }
  selection.per_scanner.resize(scanners.size());
  for (size_t scanner = 0; scanner < scanners.size(); ++scanner) {
    std::vector<FileMatch>& list = selection.per_scanner[scanner];
    list.reserve(found[scanner].size());
    for (auto [index, rule] : found[scanner])
      list.emplace_back(changes.files[index].path, rule_texts[rule]);
  }
  note_skipped(skipped, &selection.notes);
  return selection;
}

}  // namespace lamina
