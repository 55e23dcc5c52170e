#include "test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "util/spawn.h"

namespace lamina::test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/lamina-test-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

ProcessOutput run(const std::vector<std::string>& argv, const std::string& cwd,
                  const std::vector<std::string>& env) {
  SpawnSpec spec{argv, cwd, env};
  if (spec.env.empty()) {
    const char* path = std::getenv("PATH");
    spec.env = {std::string("PATH=") + (path ? path : "/usr/bin:/bin"), "HOME=/nonexistent",
                "LANG=C.UTF-8"};
  }
  CompletedProcess done = run_process(spec, std::chrono::minutes(5), 256u << 20);
  ProcessOutput out;
  out.exit_code = done.started ? (done.term_signal ? 128 + done.term_signal : done.exit_code) : -1;
  out.out = std::move(done.out);
  out.err = done.started ? std::move(done.err) : done.spawn_error;
  return out;
}

std::string lamina_binary() {
  const char* given = std::getenv("LAMINA_TEST_BINARY");
  return given && *given ? given : LAMINA_BINARY;
}

ProcessOutput run_lamina(const std::vector<std::string>& args, const std::string& cwd,
                         const std::vector<std::string>& env) {
  std::vector<std::string> argv{lamina_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, cwd, env);
}

std::string git(const std::string& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git",
                                "-C",
                                repo,
                                "-c",
                                "user.name=Test",
                                "-c",
                                "user.email=test@example.com",
                                "-c",
                                "init.defaultBranch=main",
                                "-c",
                                "commit.gpgsign=false",
                                "-c",
                                "protocol.file.allow=always"};
  argv.insert(argv.end(), args.begin(), args.end());
  const char* path = std::getenv("PATH");
  ProcessOutput out =
      run(argv, "",
          {std::string("PATH=") + (path ? path : "/usr/bin:/bin"), "HOME=/nonexistent",
           "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z"});
  EXPECT_EQ(out.exit_code, 0) << "git " << args.front() << " failed: " << out.err;
  while (!out.out.empty() && out.out.back() == '\n') out.out.pop_back();
  return out.out;
}

std::string data_path(const std::string& relative) {
  return std::string(LAMINA_SOURCE_DIR) + "/tests/data/" + relative;
}

std::string source_path(const std::string& relative) {
  return std::string(LAMINA_SOURCE_DIR) + "/" + relative;
}

}  // namespace lamina::test
