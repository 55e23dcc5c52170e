#pragma once
// Shared by the parser tests: a context for a repository at a fixed root, and file readers.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "parse/parse.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina::test {

inline ParseContext repo_context(const std::string& root = "/repo",
                                 const std::string& scanner = "scanner") {
  ParseContext ctx;
  ctx.scanner_id = scanner;
  ctx.repository_root = root;
  ctx.working_directory = root;
  return ctx;
}

inline std::string read_or_fail(const std::string& path) {
  std::string error;
  std::optional<std::string> bytes = read_file(path, &error);
  EXPECT_TRUE(bytes.has_value()) << path << ": " << error;
  return bytes.value_or("");
}

// A file of tests/data/scanner-outputs.
inline std::string checked_in_output(const std::string& relative) {
  return read_or_fail(source_path("tests/data/scanner-outputs/" + relative));
}

// True when `tool` is an executable on PATH.
inline bool installed(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    if (colon == std::string::npos) colon = dirs.size();
    std::string candidate = dirs.substr(start, colon - start) + "/" + tool;
    if (::access(candidate.c_str(), X_OK) == 0) return true;
    start = colon + 1;
  }
  return false;
}

// Copies tests/data/scanner-outputs/<tool>/input/<name> to <dir>/<name>: the same input the
// checked-in output was made from.
inline void copy_input(const std::string& tool, const std::string& name, const std::string& dir) {
  write_file(dir + "/" + name, checked_in_output(tool + "/input/" + name));
}

}  // namespace lamina::test
