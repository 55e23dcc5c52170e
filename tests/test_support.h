#pragma once
// Helpers shared by tests: temporary directories, running the real lamina binary, making real
// git repositories with the git CLI.
#include <map>
#include <string>
#include <vector>

namespace lamina::test {

// A fresh directory removed (recursively) when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& relative) const { return path_ + "/" + relative; }

 private:
  std::string path_;
};

// Writes `content` to `path`, creating parent directories.
void write_file(const std::string& path, const std::string& content);

struct ProcessOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (no shell) in `cwd` with exactly `env` (NAME=value list; empty = a minimal env with
// PATH and HOME), captures output.
ProcessOutput run(const std::vector<std::string>& argv, const std::string& cwd = "",
                  const std::vector<std::string>& env = {});

// The lamina binary under test: $LAMINA_TEST_BINARY when set (scripts/test runs the suite a second
// time against the static release binary), else the one built beside this test binary.
std::string lamina_binary();

// Runs the lamina binary under test.
ProcessOutput run_lamina(const std::vector<std::string>& args, const std::string& cwd = "",
                         const std::vector<std::string>& env = {});

// Runs git with a fixed identity and dates; fails the test on a non-zero exit. Returns stdout
// without the trailing newline.
std::string git(const std::string& repo, const std::vector<std::string>& args);

// A path in tests/data (vendored schemas and fixtures, provenance in tests/data/SOURCES.md).
std::string data_path(const std::string& relative);
std::string source_path(const std::string& relative);

}  // namespace lamina::test
