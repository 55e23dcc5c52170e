#pragma once
// Recognising extensionless scripts by their "#!" line.
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

// The interpreter named by the first line of `text` ("#!/usr/bin/env bash" -> "bash",
// "#!/bin/sh -e" -> "sh"), or "" when it is not a shebang line.
std::string shebang_interpreter(std::string_view first_line);

// Reads at most the first line (and at most 256 bytes) of a regular file, never following a
// symlink; "" when unreadable. A relative `path` is resolved from the folder `dir_fd`.
std::string read_first_line(const std::string& path, int dir_fd = -100 /* AT_FDCWD */);

// The entry of `names` that `interpreter` is, allowing a version suffix ("python3.11" is
// "python3" and "python"); "" when none.
std::string matching_interpreter(std::string_view interpreter,
                                 const std::vector<std::string>& names);

}  // namespace lamina
