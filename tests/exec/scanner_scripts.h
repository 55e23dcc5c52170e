#pragma once
// Test scanners: small scripts written by each test and run through the real runner. Header
// only, because CMake compiles tests/**/*_test.cc and nothing else under tests/exec/.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "exec/runner.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina::test {

class ScannerScripts : public ::testing::Test {
 protected:
  // Writes an executable /bin/sh script named `id` and returns an invocation running it in the
  // temp directory.
  Invocation script(const std::string& id, const std::string& body,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::string path = dir_.file("bin/" + id);
    write_file(path, "#!/bin/sh\n" + body + "\n");
    ::chmod(path.c_str(), 0755);
    Invocation invocation;
    invocation.scanner_id = id;
    invocation.argv = {path};
    invocation.cwd = dir_.path();
    invocation.timeout = timeout;
    return invocation;
  }

  // A short grace, the temp directory as temp root, PATH/HOME/LANG as lamina's environment.
  RunOptions options() const {
    RunOptions opts;
    opts.temp_root = dir_.path();
    opts.grace = std::chrono::milliseconds(300);
    const char* path = std::getenv("PATH");
    opts.environment = {
        {"PATH", path ? path : "/usr/bin:/bin"}, {"HOME", dir_.path()}, {"LANG", "C.UTF-8"}};
    return opts;
  }

  std::vector<RunResult> run(const std::vector<Invocation>& invocations, const RunOptions& opts) {
    RunObserver silent;
    return run_invocations(invocations, opts, silent);
  }
  std::vector<RunResult> run(const std::vector<Invocation>& invocations) {
    return run(invocations, options());
  }

  // The pid a script wrote to `name` (e.g. with `echo $! > name`), -1 when absent.
  pid_t pid_in(const std::string& name) const {
    std::optional<std::string> text = read_file(dir_.file(name));
    return text && !text->empty() ? static_cast<pid_t>(std::stol(*text)) : -1;
  }

  TempDir dir_;
};

// True while `pid` is a live process (a zombie counts as gone: init may reap it late); waits up
// to a second for a killed process to disappear. A missing pid fails the test.
inline bool still_running(pid_t pid) {
  if (pid <= 0) {
    ADD_FAILURE() << "the script recorded no pid";
    return true;
  }
  for (int i = 0; i < 100; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pid_field, comm, state;
    // comm may hold spaces, but the processes tests look at (sh, sleep) have none.
    if (::kill(pid, 0) != 0 || !(stat >> pid_field >> comm >> state) || state == "Z") {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

inline double seconds(const RunResult& result) {
  return std::chrono::duration<double>(result.end_time - result.start_time).count();
}

}  // namespace lamina::test
