#pragma once
// Starting one child process the safe way (modelled on ninja's subprocess-posix): posix_spawn
// with an argv (never a shell), its own process group, stdin from /dev/null, stdout and stderr on
// close-on-exec pipes, and exactly the environment given. Never fork() from lamina.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace lamina {

struct SpawnSpec {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH of `env` when it has no '/'
  std::string cwd;                // "" = inherit
  std::vector<std::string> env;   // "NAME=value" entries: the child's whole environment
};

struct SpawnedProcess {
  pid_t pid = -1;      // also the process group id
  int stdout_fd = -1;  // read ends, non-blocking, close-on-exec; the caller closes them
  int stderr_fd = -1;
};

// Starts the process. On failure returns pid -1 and sets `error` to one sentence naming the
// problem: "semgrep: not found in PATH", "working directory /x: No such file or directory",
// "./run: its #! interpreter or its dynamic loader does not exist", ...
SpawnedProcess spawn_process(const SpawnSpec& spec, std::string* error);

// Resolves argv[0] the way spawn_process does: "" when not found or not executable.
std::string find_executable(const std::string& name, const std::string& path_var);

// find_executable over one PATH with a memory: each name is looked up once, from any thread.
// What planning is given to learn which scanners are installed (it probes nothing itself).
std::function<std::string(const std::string& name)> executable_lookup(std::string path_var);

struct CompletedProcess {
  bool started = false;
  std::string spawn_error;  // when !started
  int exit_code = -1;       // when exited normally
  int term_signal = 0;      // when killed by a signal
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs one process to completion, capturing its output (at most `max_output` bytes per stream;
// the rest is discarded). At the deadline its whole group gets SIGTERM, then SIGKILL after a
// one-second grace. For short helper commands (git fetch); scanners use the runner in src/exec/.
CompletedProcess run_process(const SpawnSpec& spec, std::chrono::milliseconds timeout,
                             size_t max_output = 16 << 20);

}  // namespace lamina
