#pragma once
// The path of an archive entry, checked before anything is written: relative, no "..", within the
// length and depth limits. Also re-roots symlink targets so that none resolves outside the tree.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "artifact/unpack_limits.h"

namespace lamina {

// "./usr//lib/./x" -> "usr/lib/x"; "" for the root itself ("./", "."). nullopt with `why` set for
// an absolute path, a ".." component, a control character (C0, DEL, C1) or a path over the limits.
std::optional<std::string> clean_entry_path(std::string_view raw, const UnpackLimits& limits,
                                            std::string* why);

std::vector<std::string_view> path_components(std::string_view path);

// The target a symlink at `link_path` (a clean entry path) gets in the unpacked tree: `target`
// resolved as a chroot would (absolute = from the root, ".." never above the root), then written
// relative to the link's folder with ".." only at the front. Resolving it from the link's real
// folder can only reach paths inside the tree.
std::string confined_symlink_target(std::string_view link_path, std::string_view target);

}  // namespace lamina
