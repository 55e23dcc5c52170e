#include "plan/project_roots.h"

#include <sys/stat.h>

namespace lamina {

ProjectRootFinder::ProjectRootFinder(std::string repo_root, std::vector<std::string> markers)
    : repo_root_(std::move(repo_root)), markers_(std::move(markers)) {}

std::optional<ProjectRoot> ProjectRootFinder::root_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return root_of_dir(slash == std::string::npos ? "" : path.substr(0, slash));
}

std::optional<ProjectRoot> ProjectRootFinder::root_of_dir(const std::string& dir) {
  auto cached = cache_.find(dir);
  if (cached != cache_.end()) return cached->second;
  std::optional<ProjectRoot> root;
  for (const std::string& marker : markers_) {
    std::string candidate = repo_root_ + "/" + (dir.empty() ? "" : dir + "/") + marker;
    struct stat st {};
    if (::lstat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      root = ProjectRoot{dir, marker};
      break;
    }
  }
  if (!root && !dir.empty()) {
    size_t slash = dir.rfind('/');
    root = root_of_dir(slash == std::string::npos ? "" : dir.substr(0, slash));
  }
  cache_[dir] = root;
  return root;
}

}  // namespace lamina
