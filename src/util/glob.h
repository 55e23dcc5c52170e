#pragma once
// One gitignore-style glob, compiled: `*` and `?` stay within a path component, `**` spans
// components, `[a-z]` / `[!a-z]` are classes, `\` escapes. A pattern without a '/' (other than a
// trailing one) matches a file's name or any of its folders' names at any depth; a pattern with
// one is anchored at the repository root. A trailing '/' matches folders only; a file matches a
// pattern when it or any folder above it does, so "vendor/" and "k8s/**" both cover everything
// below those folders. A leading '!' negates (see GlobSet: the last matching pattern decides).
#include <string>
#include <string_view>

namespace lamina {

// How a compiled glob is matched, cheapest first (ripgrep's globset strategies).
enum class GlobKind {
  name_literal,    // unanchored, no wildcard: "Dockerfile"
  name_extension,  // unanchored "*.ext" with a dot-free ext
  name_suffix,     // unanchored "*literal": "*.tar.gz"
  name_generic,    // unanchored, any other wildcard use: "requirements*.txt"
  path_literal,    // anchored, no wildcard: "src/main.c"
  path_generic,    // anchored with wildcards: ".github/workflows/*.yml", "k8s/**"
};

struct Glob {
  std::string text;  // as written, for explanations ("!vendor/ours/**")
  std::string body;  // what is matched, normalised (no '!', no leading "/" or "**/")
  bool negated = false;
  bool dir_only = false;
  GlobKind kind = GlobKind::name_generic;
  std::string literal;  // name/path for *_literal, extension or suffix for name_extension/suffix
  std::string required_prefix;  // literal text every match starts with (prefilter)
  std::string required_suffix;  // literal text every match ends with (prefilter)
};

// Compiles `pattern`; returns false with `error` set for an empty pattern or an unclosed '['.
bool compile_glob(std::string_view pattern, Glob* glob, std::string* error);

// Wildcard matching of `text` against a normalised glob body (no anchoring logic).
bool glob_body_matches(std::string_view body, std::string_view text);

// Matches one name (file or folder name) or one repository-relative path against the glob.
bool glob_matches_name(const Glob& glob, std::string_view name);
bool glob_matches_path(const Glob& glob, std::string_view path);

}  // namespace lamina
