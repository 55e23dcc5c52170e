#include "exec/orphans.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <string>

namespace lamina {
namespace {

// Children of every thread of this process, from /proc/self/task/<tid>/children.
std::set<pid_t> current_children() {
  std::set<pid_t> children;
  DIR* tasks = ::opendir("/proc/self/task");
  if (tasks == nullptr) return children;
  while (dirent* entry = ::readdir(tasks)) {
    if (entry->d_name[0] == '.') continue;
    std::ifstream in(std::string("/proc/self/task/") + entry->d_name + "/children");
    for (pid_t pid = 0; in >> pid;) children.insert(pid);
  }
  ::closedir(tasks);
  return children;
}

}  // namespace

void adopt_orphans() {
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int stop_remaining_children() {
  int stopped = 0;
  // A killed orphan's own children are reparented to us in turn: repeat until none is left.
  for (int round = 0; round < 20; ++round) {
    std::set<pid_t> children = current_children();
    if (children.empty()) break;
    for (pid_t pid : children) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      ++stopped;
    }
  }
  return stopped;
}

}  // namespace lamina
