#pragma once
// Turns the paths and regions tools print into lamina's repository-relative, 1-based form.
// Purely lexical: nothing here touches the file system, so a symlink inside the repository that
// points outside it is not detected (the scanners were given repository paths to begin with).
// A run on a pre-deploy artifact resolves against the artifact's unpacked tree instead of the
// repository (classify_run with a PreparedArtifact), and the result becomes the path inside the
// artifact (src/artifact/artifact_location.h), so artifact paths are not "outside the repository".
// A path outside the repository that names it as another job saw it (/github/workspace/...) is
// mapped back (workspace_mapping.h); one that still cannot be placed is refused here, and the
// parsers keep its finding at repository level (parse_support.h place_finding), never drop it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/workspace_mapping.h"

namespace lamina {

// A path a tool printed, made repository-relative, or the reason it was refused.
struct PathResolution {
  std::optional<std::string> path;  // "a/b.c"; "" never (an empty input gives a refusal)
  std::string refusal;              // why `path` is empty, e.g. "outside the repository"
  std::string mapped;               // how a path outside was mapped in ("under the workspace
                                    // /github/workspace"); "" when it was inside
};

// `tool_path` is absolute, relative to `working_directory`, or a `file:` URI (percent-decoded).
// `repository_root` and `working_directory` are absolute. Paths that leave the repository (also
// through `..`), contain a NUL byte or are empty are refused, unless `hints` map them back in.
// Other control characters are kept (git allows them in names; each report escapes them).
PathResolution repository_path(std::string_view tool_path, std::string_view repository_root,
                               std::string_view working_directory,
                               const WorkspaceHints* hints = nullptr);

// The same for many paths of one scanner run: the root and working directory are normalised once,
// and clean relative paths ("src/a.c") take a fast path.
class PathResolver {
 public:
  // `hints` (may be nullptr) must outlive the resolver.
  PathResolver(std::string_view repository_root, std::string_view working_directory,
               const WorkspaceHints* hints = nullptr);
  PathResolution resolve(std::string_view tool_path) const;

 private:
  PathResolution outside(const std::string& normal) const;

  const WorkspaceHints* hints_;
  std::string root_;  // normalised, ends with '/'
  std::string working_directory_;
  std::optional<std::string> working_prefix_;  // working directory inside the root + '/', or ""
};

// "a/./b/../c" -> "a/c"; keeps a leading "/"; ".." above the root of an absolute path is dropped,
// above the start of a relative path is kept ("../x").
std::string lexically_normal(std::string_view path);

// %XX sequences decoded; nullopt on a malformed escape ("%G1", "%4").
std::optional<std::string> percent_decode(std::string_view text);

// The local path of a `file:` URI ("file:///a%20b", "file://localhost/a", "file:/a"), or nullopt
// when `uri` is not a file URI or names another host.
std::optional<std::string> file_uri_path(std::string_view uri);

// True when `uri` starts with "file:" (any case).
bool is_file_uri(std::string_view uri);

// True when `text` starts with a URI scheme ("http:", "file:"), not a Windows drive letter.
bool has_uri_scheme(std::string_view text);

// The largest line or column lamina keeps; larger numbers are clamped to it.
inline constexpr int64_t kMaxRegionNumber = 2147483647;

// One line/column value as the tool gave it; nullopt = the tool gave none.
struct RawRegion {
  std::optional<int64_t> start_line, start_column, end_line, end_column;
};

// The 1-based region, with every repaired number explained in `notes`
// ("startLine 0 clamped to 1", "endLine 3 before startLine 7 set to 7").
Region clamp_region(const RawRegion& raw, std::vector<std::string>& notes);

}  // namespace lamina
