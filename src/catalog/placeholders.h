#pragma once
// Placeholders in command templates: {files} {repo} {root} {out} {artifact} {target_url}.
// Doubled braces ("{{json .}}", Go templates) are literal text, never placeholders.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

// The names of the placeholders in `arg`, in order ("{repo}/x" -> {"repo"}).
std::vector<std::string> placeholders_in(std::string_view arg);

// `arg` with each placeholder named in `values` replaced; others are kept as they are.
std::string substitute_placeholders(std::string_view arg,
                                    const std::map<std::string, std::string>& values);

}  // namespace lamina
