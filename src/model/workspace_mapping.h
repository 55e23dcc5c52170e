#pragma once
// Paths that name the repository as another job or container saw it. A scanner in a Docker
// action writes /github/workspace/src/a.c, GitLab writes /builds/group/project/src/a.c, a laptop
// writes file:///Users/me/dev/project/src/a.c: all of them mean "src/a.c" here. Mapping them is
// what keeps such results in the gate instead of dropping them as "outside the repository".
// Purely lexical, like paths.h: the outcome is always a relative path with no "." or ".."
// segment, so it can never leave the repository; a path no rule maps stays unmapped (the caller
// keeps its finding at repository level).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

struct WorkspaceHints {
  // Absolute directories that held the repository where the tool ran: GITHUB_WORKSPACE and
  // CI_PROJECT_DIR as lamina read them, "/github/workspace" (Docker actions), "/src" (the usual
  // mount of a scanner's container). The runner layouts /home/runner/work/<r>/<r>, /__w/<r>/<r>
  // and /builds/<group>/.../<project> are always recognised.
  std::vector<std::string> roots;
  // Repository-relative files known to exist (what lamina gave the scanner, or every tracked
  // file), sorted. A path no root explains maps to its longest suffix naming one of them.
  std::vector<std::string_view> files;
};

// The roots every mapping knows, plus `workspace` (the CI workspace lamina read) when set.
WorkspaceHints default_workspace_hints(const std::string& workspace);

// A mapped path and how it was found ("under /github/workspace", "by its longest suffix naming a
// repository file"), for the finding's notes.
struct WorkspaceMatch {
  std::string path;
  std::string how;
};

// `absolute` is lexically normal ("/a/b", no "." or ".." segments) and outside
// `repository_root` (normal too). A root or layout that contains the repository root itself is
// not used: then it is where lamina runs, and a path elsewhere under it is another checkout, not
// this repository. nullopt when nothing explains the path.
std::optional<WorkspaceMatch> map_from_workspace(std::string_view absolute,
                                                 std::string_view repository_root,
                                                 const WorkspaceHints& hints);

}  // namespace lamina
