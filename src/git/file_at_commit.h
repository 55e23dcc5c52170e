#pragma once
// Reading one file as it is in a commit (the blob in the commit's tree), not in the working tree:
// `--config-from base` reads .lamina.yml this way so a pull request cannot change it.
#include <optional>
#include <string>

namespace lamina::git {

// The contents of `path` (repository-relative, '/'-separated) in the tree of `commit` (a full
// SHA or any revision), or nullopt when the tree has no entry at that path. Throws
// lamina::Error when the repository or commit cannot be read, or the entry is not a regular file
// (a symlink, a folder or a submodule).
std::optional<std::string> read_file_at_commit(const std::string& repo_dir,
                                               const std::string& commit, const std::string& path);

}  // namespace lamina::git
