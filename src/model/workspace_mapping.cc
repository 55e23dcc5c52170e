#include "model/workspace_mapping.h"

#include <algorithm>

#include "model/paths.h"

namespace lamina {
namespace {

constexpr std::string_view kGithubDocker = "/github/workspace";
constexpr std::string_view kContainerMount = "/src";

// Runner layouts: the folder, then how many segments name the checkout inside it.
struct RunnerLayout {
  std::string_view folder;
  size_t depth;
};
constexpr RunnerLayout kRunnerLayouts[] = {
    {"/home/runner/work", 2},  // GitHub-hosted runners: work/<repo>/<repo>
    {"/__w", 2},               // GitHub jobs in a container: /__w/<repo>/<repo>
};
constexpr std::string_view kGitlabBuilds = "/builds";  // /builds/<group>[/<subgroup>...]/<project>
constexpr size_t kMaxGroupDepth = 8;

std::string_view without_trailing_slash(std::string_view dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  return dir;
}

// What follows "<dir>/" in `path`; nullopt when `path` is not strictly inside `dir`.
std::optional<std::string_view> inside(std::string_view path, std::string_view dir) {
  dir = without_trailing_slash(dir);
  if (dir.size() < 2 || dir.front() != '/' || path.size() <= dir.size() + 1) return std::nullopt;
  if (path.compare(0, dir.size(), dir) != 0 || path[dir.size()] != '/') return std::nullopt;
  return path.substr(dir.size() + 1);
}

bool contains_repository(std::string_view dir, std::string_view repository_root) {
  return without_trailing_slash(repository_root) == without_trailing_slash(dir) ||
         inside(repository_root, dir).has_value();
}

// `rest` after its first `count` segments ("a/b/c/d", 2 -> "c/d"); nullopt when nothing is left.
std::optional<std::string_view> after_segments(std::string_view rest, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(slash + 1);
  }
  if (rest.empty()) return std::nullopt;
  return rest;
}

bool is_known(std::string_view path, const std::vector<std::string_view>& files) {
  return std::binary_search(files.begin(), files.end(), path);
}

WorkspaceMatch match(std::string_view path, std::string how) {
  return {std::string(path), std::move(how)};
}

std::optional<WorkspaceMatch> from_roots(std::string_view absolute,
                                         std::string_view repository_root,
                                         const WorkspaceHints& hints) {
  for (const std::string& root : hints.roots) {
    if (contains_repository(root, repository_root)) continue;
    if (std::optional<std::string_view> rest = inside(absolute, root)) {
      return match(*rest, "under the workspace " + std::string(without_trailing_slash(root)));
    }
  }
  for (const RunnerLayout& layout : kRunnerLayouts) {
    if (contains_repository(layout.folder, repository_root)) continue;
    std::optional<std::string_view> rest = inside(absolute, layout.folder);
    std::optional<std::string_view> path = rest ? after_segments(*rest, layout.depth) : rest;
    if (path) {
      std::string_view checkout = absolute.substr(0, absolute.size() - path->size() - 1);
      return match(*path, "under the runner's checkout " + std::string(checkout));
    }
  }
  return std::nullopt;
}

// GitLab nests groups, so the project folder's depth is unknown: with known files, the
// shallowest one whose remainder names a repository file; without, /builds/<group>/<project>.
std::optional<WorkspaceMatch> from_gitlab_builds(std::string_view absolute,
                                                 std::string_view repository_root,
                                                 const WorkspaceHints& hints) {
  if (contains_repository(kGitlabBuilds, repository_root)) return std::nullopt;
  std::optional<std::string_view> rest = inside(absolute, kGitlabBuilds);
  if (!rest) return std::nullopt;
  for (size_t depth = 2; depth <= kMaxGroupDepth && !hints.files.empty(); ++depth) {
    std::optional<std::string_view> path = after_segments(*rest, depth);
    if (!path) break;
    if (is_known(*path, hints.files)) {
      return match(*path, "under the GitLab checkout " +
                              std::string(absolute.substr(0, absolute.size() - path->size() - 1)));
    }
  }
  std::optional<std::string_view> path = after_segments(*rest, 2);
  if (!path || !hints.files.empty()) return std::nullopt;
  return match(*path, "under the GitLab checkout " +
                          std::string(absolute.substr(0, absolute.size() - path->size() - 1)));
}

// The longest tail of `absolute` ("b/c.js" of "/x/a/b/c.js") that names a known file.
std::optional<WorkspaceMatch> by_suffix(std::string_view absolute, const WorkspaceHints& hints) {
  if (hints.files.empty()) return std::nullopt;
  for (size_t slash = absolute.find('/'); slash != std::string_view::npos;
       slash = absolute.find('/', slash + 1)) {
    std::string_view tail = absolute.substr(slash + 1);
    if (!tail.empty() && is_known(tail, hints.files)) {
      return match(tail, "by its longest suffix naming a repository file");
    }
  }
  return std::nullopt;
}

}  // namespace

WorkspaceHints default_workspace_hints(const std::string& workspace) {
  WorkspaceHints hints;
  if (!workspace.empty() && workspace.front() == '/') {
    hints.roots.push_back(lexically_normal(workspace));
  }
  hints.roots.emplace_back(kGithubDocker);
  hints.roots.emplace_back(kContainerMount);
  return hints;
}

std::optional<WorkspaceMatch> map_from_workspace(std::string_view absolute,
                                                 std::string_view repository_root,
                                                 const WorkspaceHints& hints) {
  if (std::optional<WorkspaceMatch> m = from_roots(absolute, repository_root, hints)) return m;
  if (std::optional<WorkspaceMatch> m = from_gitlab_builds(absolute, repository_root, hints)) {
    return m;
  }
  return by_suffix(absolute, hints);
}

}  // namespace lamina
