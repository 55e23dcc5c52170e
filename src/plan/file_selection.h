#pragma once
// The first half of planning: which changed files each scanner gets, and why (the deciding glob
// or the shebang), in one pass over the change set.
#include <string>
#include <vector>

#include "catalog/scanner_spec.h"
#include "config/settings.h"
#include "git/change_set.h"
#include "plan/plan.h"

namespace lamina {

struct FileSelection {
  std::vector<std::vector<FileMatch>> per_scanner;  // parallel to the `scanners` argument
  std::vector<Exclusion> exclusions;                // paths no scanner gets
  std::vector<std::string> notes;
};

// Deleted, submodule and symlink entries go to no scanner; binary files and Git LFS pointers only
// to scanners that accept any content (each counted in the notes). Shebang lines are read from
// the working tree under `repo_root`, for extensionless files only. linguist-generated and
// linguist-vendored come from the .gitattributes of the base commit (of the scanned commit for a
// full scan), never from the change's own. Throws Error for a malformed glob, naming the scanner
// or setting. `git_root`: the checkout to read .gitattributes from when `repo_root` is a copy of
// its files (--staged); "" = repo_root.
FileSelection select_files(const std::vector<const ScannerSpec*>& scanners,
                           const Settings& settings, const ChangeSet& changes,
                           const std::string& repo_root, const std::string& git_root = "");

}  // namespace lamina
