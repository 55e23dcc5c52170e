#pragma once
// For scope: project: the nearest folder above a file that holds one of the root markers
// (package.json, go.mod, ...), looked up in the working tree and cached per folder.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct ProjectRoot {
  std::string dir;     // repository-relative, "" for the repository root
  std::string marker;  // the marker file found there
};

class ProjectRootFinder {
 public:
  ProjectRootFinder(std::string repo_root, std::vector<std::string> markers);
  // The nearest root at or above the folder of `path`, or nullopt when none up to the
  // repository root.
  std::optional<ProjectRoot> root_of(const std::string& path);

 private:
  std::optional<ProjectRoot> root_of_dir(const std::string& dir);

  std::string repo_root_;
  std::vector<std::string> markers_;
  std::map<std::string, std::optional<ProjectRoot>> cache_;
};

}  // namespace lamina
