#include "model/paths.h"

#include <cctype>

namespace lamina {
namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

PathResolution refused(std::string reason) {
  return {std::nullopt, std::move(reason), ""};
}

}  // namespace

std::string lexically_normal(std::string_view path) {
  const bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string_view> kept;
  for (std::string_view segment : split_segments(path)) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty() && kept.back() != "..") {
        kept.pop_back();
      } else if (!absolute) {
        kept.push_back(segment);
      }
      continue;
    }
    kept.push_back(segment);
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i) out += '/';
    out.append(kept[i]);
  }
  return out.empty() ? "." : out;
}

std::optional<std::string> percent_decode(std::string_view text) {
  if (text.find('%') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int high = hex_value(text[i + 1]);
    int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

bool is_file_uri(std::string_view uri) {
  return starts_with_ignoring_case(uri, "file:");
}

bool has_uri_scheme(std::string_view text) {
  size_t colon = text.find(':');
  // One letter before the colon is a Windows drive ("C:/x"), not a scheme.
  if (colon == std::string_view::npos || colon < 2) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

std::optional<std::string> file_uri_path(std::string_view uri) {
  if (!is_file_uri(uri)) return std::nullopt;
  std::string_view rest = uri.substr(5);
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost") return std::nullopt;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  size_t cut = rest.find_first_of("?#");
  return percent_decode(rest.substr(0, cut));
}

namespace {

// No empty, "." or ".." segments, not absolute, no NUL: joining it to a directory needs no
// normalisation.
bool is_clean_relative(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = slash + 1;
  }
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return !has_uri_scheme(path);
}

}  // namespace

PathResolver::PathResolver(std::string_view repository_root, std::string_view working_directory,
                           const WorkspaceHints* hints)
    : hints_(hints),
      root_(lexically_normal(repository_root)),
      working_directory_(lexically_normal(working_directory)) {
  if (root_ != "/") root_ += '/';
  std::string cwd = working_directory_ + "/";
  if (cwd == root_ || cwd == "//") {
    working_prefix_ = "";
  } else if (cwd.compare(0, root_.size(), root_) == 0) {
    working_prefix_ = cwd.substr(root_.size());
  }
}

PathResolution PathResolver::resolve(std::string_view tool_path) const {
  if (working_prefix_ && is_clean_relative(tool_path)) {
    return {*working_prefix_ + std::string(tool_path), "", ""};
  }
  if (tool_path.size() > root_.size() && tool_path.compare(0, root_.size(), root_) == 0 &&
      is_clean_relative(tool_path.substr(root_.size()))) {
    return {std::string(tool_path.substr(root_.size())), "", ""};
  }
  if (tool_path.empty()) return refused("empty path");
  std::string local(tool_path);
  if (is_file_uri(tool_path)) {
    std::optional<std::string> decoded = file_uri_path(tool_path);
    if (!decoded) return refused("not a local file URI");
    local = std::move(*decoded);
  } else if (has_uri_scheme(tool_path)) {
    return refused("not a file path (URI scheme)");
  }
  if (local.find('\0') != std::string::npos) return refused("NUL byte in path");
  // Other control characters are legal in git file names: a pull request can add "a\nb.sh", and
  // refusing the path would drop that file's findings from the gate. Every report escapes them
  // for its channel; a path that names no changed file is simply outside the diff.
  if (local.empty()) return refused("empty path");
  std::string normal =
      lexically_normal(local.front() == '/' ? local : working_directory_ + "/" + local);
  if (normal.size() <= root_.size() || normal.compare(0, root_.size(), root_) != 0) {
    return outside(normal);
  }
  return {normal.substr(root_.size()), "", ""};
}

// `normal` is absolute and lexically normal, so whatever the hints map it to is a relative path
// without "." or ".." segments: it cannot leave the repository.
PathResolution PathResolver::outside(const std::string& normal) const {
  std::optional<WorkspaceMatch> match;
  if (hints_) match = map_from_workspace(normal, root_, *hints_);
  if (!match) return refused("outside the repository");
  return {std::move(match->path), "", "\"" + normal + "\" mapped " + match->how};
}

PathResolution repository_path(std::string_view tool_path, std::string_view repository_root,
                               std::string_view working_directory, const WorkspaceHints* hints) {
  return PathResolver(repository_root, working_directory, hints).resolve(tool_path);
}

namespace {

uint32_t clamp_number(std::optional<int64_t> value, const char* name,
                      std::vector<std::string>& notes) {
  if (!value) return 0;
  if (*value < 1) {
    notes.push_back(std::string(name) + " " + std::to_string(*value) + " clamped to 1");
    return 1;
  }
  if (*value > kMaxRegionNumber) {
    notes.push_back(std::string(name) + " " + std::to_string(*value) + " clamped to " +
                    std::to_string(kMaxRegionNumber));
    return static_cast<uint32_t>(kMaxRegionNumber);
  }
  return static_cast<uint32_t>(*value);
}

}  // namespace

Region clamp_region(const RawRegion& raw, std::vector<std::string>& notes) {
  Region region;
  region.start_line = clamp_number(raw.start_line, "startLine", notes);
  region.start_column = clamp_number(raw.start_column, "startColumn", notes);
  region.end_line = clamp_number(raw.end_line, "endLine", notes);
  region.end_column = clamp_number(raw.end_column, "endColumn", notes);
  if (region.start_line == 0 && (region.end_line || region.start_column || region.end_column)) {
    // Lines are what the diff filter needs; inventing one would misplace the finding.
    notes.push_back("region without startLine ignored");
    return Region{};
  }
  if (region.end_line && region.end_line < region.start_line) {
    notes.push_back("endLine " + std::to_string(region.end_line) + " before startLine " +
                    std::to_string(region.start_line) + " set to " +
                    std::to_string(region.start_line));
    region.end_line = region.start_line;
  }
  return region;
}

}  // namespace lamina
