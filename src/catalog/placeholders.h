#pragma once
// Placeholders in command templates: {files} {repo} {root} {out} {artifact} {target_url}.
// Doubled braces ("{{json .}}", Go templates) are literal text, never placeholders.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lamina {

// The names of the placeholders in `arg`, in order ("{repo}/x" -> {"repo"}).
std::vector<std::string> placeholders_in(std::string_view arg);

// A template argument with its placeholders filled in.
struct FilledArgument {
  std::string text;
  // Byte offsets in `text` where each placeholder missing from `values` was kept as "{name}",
  // with its name. Only these are placeholders: "{out}" inside a filled value (a project root
  // folder named "x{out}") is text.
  std::vector<std::pair<size_t, std::string>> unfilled;
};

// `arg` with each placeholder named in `values` replaced; others are kept as they are.
FilledArgument fill_placeholders(std::string_view arg,
                                 const std::map<std::string, std::string>& values);

}  // namespace lamina
