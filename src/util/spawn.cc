#include "util/spawn.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace lamina {
namespace {

std::string path_of(const std::vector<std::string>& env) {
  for (const std::string& entry : env) {
    if (entry.rfind("PATH=", 0) == 0) return entry.substr(5);
  }
  return "/usr/local/bin:/usr/bin:/bin";
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// True once the child has exited, without reaping it (WNOWAIT).
bool child_exited(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

void close_pair(int fds[2]) {
  if (fds[0] >= 0) ::close(fds[0]);
  if (fds[1] >= 0) ::close(fds[1]);
}

// A relative program path with a '/' is relative to the child's working directory, as after
// `cd cwd`; posix_spawn would resolve it there too.
std::string program_path(const SpawnSpec& spec) {
  const std::string& name = spec.argv[0];
  bool relative = name.find('/') != std::string::npos && name[0] != '/';
  return relative && !spec.cwd.empty() ? spec.cwd + "/" + name : name;
}

std::string unusable_directory(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    return "working directory " + dir + ": " + std::strerror(errno);
  }
  if (!S_ISDIR(st.st_mode)) return "working directory " + dir + " is not a directory";
  if (::access(dir.c_str(), X_OK) != 0) {
    return "working directory " + dir + " is not searchable: " + std::strerror(errno);
  }
  return "";
}

std::string why_not_executable(const std::string& name, const std::string& path) {
  if (name.find('/') == std::string::npos) return name + ": not found in PATH";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return name + ": " + std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return name + ": is a directory, not a program";
  if (!S_ISREG(st.st_mode)) return name + ": not a regular file";
  return name + ": not executable (no execute permission)";
}

// posix_spawn's errors for a file that exists and is executable.
std::string exec_error(const std::string& name, int rc) {
  if (rc == ENOENT) return name + ": its #! interpreter or its dynamic loader does not exist";
  if (rc == ENOEXEC) return name + ": not a program this system can run (no #! line?)";
  return name + ": " + std::strerror(rc);
}

}  // namespace

std::string find_executable(const std::string& name, const std::string& path_var) {
  if (name.empty()) return "";
  if (name.find('/') != std::string::npos) return is_executable_file(name) ? name : "";
  size_t start = 0;
  while (start <= path_var.size()) {
    size_t end = path_var.find(':', start);
    if (end == std::string::npos) end = path_var.size();
    std::string candidate =
        end == start ? "./" + name : path_var.substr(start, end - start) + "/" + name;
    if (is_executable_file(candidate)) return candidate;
    start = end + 1;
  }
  return "";
}

std::function<std::string(const std::string& name)> executable_lookup(std::string path_var) {
  struct Memory {
    std::string path_var;
    std::mutex mutex;
    std::unordered_map<std::string, std::string> found;
  };
  auto memory = std::make_shared<Memory>();
  memory->path_var = std::move(path_var);
  return [memory](const std::string& name) {
    std::lock_guard<std::mutex> lock(memory->mutex);
    auto [it, added] = memory->found.try_emplace(name);
    if (added) it->second = find_executable(name, memory->path_var);
    return it->second;
  };
}

SpawnedProcess spawn_process(const SpawnSpec& spec, std::string* error) {
  SpawnedProcess child;
  if (spec.argv.empty()) {
    *error = "empty command";
    return child;
  }
  // Checked here so the error names the real problem: posix_spawn reports a missing working
  // directory as ENOENT, indistinguishable from a missing program.
  if (!spec.cwd.empty()) {
    *error = unusable_directory(spec.cwd);
    if (!error->empty()) return child;
  }
  std::string program = find_executable(program_path(spec), path_of(spec.env));
  if (program.empty()) {
    *error = why_not_executable(spec.argv[0], program_path(spec));
    return child;
  }
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    close_pair(out);
    close_pair(err);
    return child;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGCHLD, SIGHUP, SIGQUIT}) sigaddset(&defaults, sig);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_USEVFORK);
  std::vector<char*> argv, envp;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const std::string& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    *error = exec_error(spec.argv[0], rc);
    ::close(out[0]);
    ::close(err[0]);
    return child;
  }
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  ::fcntl(err[0], F_SETFL, O_NONBLOCK);
  child.pid = pid;
  child.stdout_fd = out[0];
  child.stderr_fd = err[0];
  return child;
}

CompletedProcess run_process(const SpawnSpec& spec, std::chrono::milliseconds timeout,
                             size_t max_output) {
  CompletedProcess result;
  SpawnedProcess child = spawn_process(spec, &result.spawn_error);
  if (child.pid < 0) return result;
  result.started = true;
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  auto kill_at = Clock::time_point::max();
  int fds[2] = {child.stdout_fd, child.stderr_fd};
  std::string* sinks[2] = {&result.out, &result.err};
  int status = 0;
  bool reaped = false;
  while (fds[0] >= 0 || fds[1] >= 0 || !reaped) {
    if (!reaped && child_exited(child.pid)) {
      // The leader is a zombie, so its group id cannot be reused yet: stop the rest of the
      // group (daemons holding our pipes) before reaping.
      ::kill(-child.pid, SIGKILL);
      ::waitpid(child.pid, &status, 0);
      reaped = true;
    }
    auto now = Clock::now();
    if (!result.timed_out && now >= deadline) {
      result.timed_out = true;
      ::kill(-child.pid, SIGTERM);
      kill_at = now + std::chrono::seconds(1);
    }
    if (now >= kill_at) {
      ::kill(-child.pid, SIGKILL);
      kill_at = Clock::time_point::max();
    }
    // A grandchild may hold the pipes open after the child exited: stop reading once the
    // child is gone and nothing more arrives.
    pollfd pfds[2];
    int n = 0;
    for (int fd : fds) {
      if (fd >= 0) pfds[n++] = pollfd{fd, POLLIN, 0};
    }
    int wait_ms = reaped ? 50 : 20;
    int ready = n > 0 ? ::poll(pfds, n, wait_ms) : (::usleep(1000 * wait_ms), 0);
    if (ready <= 0 && reaped) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0) continue;
      char buf[65536];
      ssize_t got = ::read(fds[i], buf, sizeof buf);
      if (got > 0) {
        size_t room = max_output > sinks[i]->size() ? max_output - sinks[i]->size() : 0;
        sinks[i]->append(buf, std::min(room, static_cast<size_t>(got)));
      } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        ::close(fds[i]);
        fds[i] = -1;
      }
    }
  }
  for (int fd : fds) {
    if (fd >= 0) ::close(fd);
  }
  if (!reaped) {
    ::kill(-child.pid, SIGKILL);
    ::waitpid(child.pid, &status, 0);
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  return result;
}

}  // namespace lamina
