#pragma once
// Data files compiled into the binary (cmake/embed.cmake): the built-in catalog and schemas.
#include <optional>
#include <string_view>
#include <vector>

namespace lamina {

// The contents of an embedded file, looked up by its file name (e.g. "builtin.yml").
std::optional<std::string_view> embedded_file(std::string_view name);
std::vector<std::string_view> embedded_file_names();

}  // namespace lamina
