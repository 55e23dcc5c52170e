#pragma once
// What the stages above git/ need of libgit2, behind names that need none of its headers:
// libgit2's process-wide state, its version, and the checks made before a repository is read.
// Everything else of libgit2 stays inside src/git/ (its headers are private to the git library).
#include <string>
#include <vector>

namespace lamina::git {

// libgit2 initialised for the life of this value (one per process, in main).
class GitLibrary {
 public:
  GitLibrary();
  ~GitLibrary();
  GitLibrary(const GitLibrary&) = delete;
  GitLibrary& operator=(const GitLibrary&) = delete;
};

// "1.5.1": the libgit2 lamina is linked with (`lamina --version`).
std::string libgit2_version();

// The repository is the workspace lamina was pointed at (-C, GITHUB_WORKSPACE, CI_PROJECT_DIR),
// so it is trusted whoever owns it: in a Docker action the checkout belongs to the runner's uid,
// not the container's. libgit2 only reads it (it runs no hooks or configured commands).
void trust_workspace_owner();

// False only when `dir` is in no git repository (nor below one): the workspace has no checkout.
bool has_checkout(const std::string& dir);

// The path of every file tracked at `commit` in the checkout containing `repo_root`; none when
// `commit` is not a full SHA.
std::vector<std::string> files_tracked_at(const std::string& repo_root, const std::string& commit);

}  // namespace lamina::git
