#pragma once
// Splitting the "path:line[:column]: rest" prefix shared by gcc-style, yamllint and codespell
// output. Paths may contain ':' (and tools print them raw), so the first ":<digits>" followed by
// ':' or ": " decides, scanning left to right in linear time.
#include <cstdint>
#include <optional>
#include <string_view>

namespace lamina {

struct LinePrefix {
  std::string_view path;
  int64_t line = 0;
  std::optional<int64_t> column;
  std::string_view rest;  // after "path:line[:col]:" with leading spaces removed
};

std::optional<LinePrefix> split_line_prefix(std::string_view text);

// "message [SC2086]" -> "SC2086" (and `message` loses the suffix) when the bracketed text at the
// end has no spaces; the same for "(rule)" with open = '(' and close = ')'.
std::string_view take_trailing_tag(std::string_view& message, char open, char close);

}  // namespace lamina
