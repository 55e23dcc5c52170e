#include "artifact/entry_path.h"

namespace lamina {

std::vector<std::string_view> path_components(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") out.push_back(part);
    start = slash + 1;
  }
  return out;
}

namespace {

// C0 controls, DEL and C1 controls (U+0080..U+009F, "\xC2\x80".."\xC2\x9F" in UTF-8).
bool has_control_character(std::string_view raw) {
  for (size_t i = 0; i < raw.size(); ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < raw.size()) {
      auto next = static_cast<unsigned char>(raw[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> clean_entry_path(std::string_view raw, const UnpackLimits& limits,
                                            std::string* why) {
  // A newline in a name splits a scanner's report line ("x\n/etc/passwd: Eicar FOUND"), so the
  // finding would name a path outside the artifact: such an archive is refused, not unpacked.
  if (has_control_character(raw)) {
    *why = "control character (newline, tab, escape...) in the path";
    return std::nullopt;
  }
  if (raw.size() > limits.path_bytes) {
    *why = "path longer than the limit of " + std::to_string(limits.path_bytes) + " bytes";
    return std::nullopt;
  }
  if (!raw.empty() && raw.front() == '/') {
    *why = "absolute path";
    return std::nullopt;
  }
  std::vector<std::string_view> parts = path_components(raw);
  if (parts.size() > limits.path_depth) {
    *why = "path deeper than the limit of " + std::to_string(limits.path_depth) + " folders";
    return std::nullopt;
  }
  std::string out;
  for (std::string_view part : parts) {
    if (part == "..") {
      *why = "\"..\" in the path";
      return std::nullopt;
    }
    if (!out.empty()) out += '/';
    out.append(part);
  }
  return out;
}

std::string confined_symlink_target(std::string_view link_path, std::string_view target) {
  std::vector<std::string_view> folder = path_components(link_path);
  if (!folder.empty()) folder.pop_back();
  std::vector<std::string_view> resolved;
  if (target.empty() || target.front() != '/') resolved = folder;
  for (std::string_view part : path_components(target)) {
    if (part == "..") {
      if (!resolved.empty()) resolved.pop_back();
    } else {
      resolved.push_back(part);
    }
  }
  size_t common = 0;
  while (common < folder.size() && common < resolved.size() && folder[common] == resolved[common]) {
    ++common;
  }
  std::string out;
  for (size_t i = common; i < folder.size(); ++i) out += "../";
  for (size_t i = common; i < resolved.size(); ++i) {
    out.append(resolved[i]);
    out += '/';
  }
  if (out.empty()) return ".";
  out.pop_back();
  return out;
}

}  // namespace lamina
