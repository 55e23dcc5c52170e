#pragma once
// Shared by the parser tests: a context for a repository at a fixed root, and file readers.
#include <gtest/gtest.h>

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

// A file of ../shared/fixtures/scanner-outputs.
inline std::string shared_output(const std::string& relative) {
  return read_or_fail(shared_path("fixtures/scanner-outputs/" + relative));
}

// A file of tests/data/scanner-outputs.
inline std::string checked_in_output(const std::string& relative) {
  return read_or_fail(source_path("tests/data/scanner-outputs/" + relative));
}

}  // namespace lamina::test
