#pragma once
// Whole-file reads and atomic writes. Knows nothing of lamina.
#include <optional>
#include <string>

namespace lamina {

// The file's bytes, or nullopt with `error` set to strerror-like text.
std::optional<std::string> read_file(const std::string& path, std::string* error = nullptr);

// Writes `data` to a temporary file beside `path`, fsyncs and renames it over `path`, so readers
// see either the old file or the whole new one. Throws Error (exit 2) naming the path on failure.
void write_file_atomically(const std::string& path, const std::string& data);

}  // namespace lamina
