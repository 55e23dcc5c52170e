// lamina's entry point: close the process to same-user readers, parse the command line, read the
// environment once, run the command, and turn the one fatal error type into a message and exit
// code 2.
#include <malloc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <cstdint>
#include <cstdlib>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "cli/action_inputs.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "git/git_library.h"
#include "util/env.h"
#include "util/error.h"
#include "util/workflow_command.h"

// glibc's allocator returns freed memory above 128 KiB to the kernel (mmap'd blocks, a trimmed
// heap top) and faults it in again on its next use, and faults fresh memory in 4 KiB at a time:
// on a 10,000-file change that was 2,700 page faults, a fifth of `lamina plan`'s time and a third
// of the wait for the first scanner on this machine's virtualised page tables. lamina is a short-
// lived process: it keeps what it freed for reuse (in the main heap; a thread's own arena still
// unmaps what it frees past 64 MiB), grows the heap once by 64 MiB (address space,
// not memory: pages are faulted in as they are used) and asks for transparent huge pages there,
// 2 MiB per fault where the kernel allows it (THP "madvise" or "always"). Peak RSS rises by
// about 10 MiB on the 1,000,000-finding and 94 MB SARIF benchmarks, well inside their limits
// (bench/process_bench.sh rows 3 and 5).
static void tune_allocator() {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  constexpr uintptr_t kHuge = 2 << 20, kProbe = 48 << 20;
  void* probe = std::malloc(kProbe);
  uintptr_t at = reinterpret_cast<uintptr_t>(probe);
  uintptr_t top = reinterpret_cast<uintptr_t>(::sbrk(0));
  // Only when the block came from the program break (not under a sanitizer's allocator).
  if (probe != nullptr && at < top && top - at <= 2 * kProbe) {
    uintptr_t lo = (at + kHuge - 1) & ~(kHuge - 1), hi = top & ~(kHuge - 1);
    if (hi > lo) ::madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
  }
  std::free(probe);
}

int main(int argc, char** argv) {
  // Not dumpable: /proc/<lamina>/environ, mem and the rest become root's, so a scanner (same
  // user) cannot read the tokens in lamina's environment. Children are dumpable again after exec.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  tune_allocator();
  lamina::EnvMap env = lamina::read_process_environment();
  // `lamina action`: the GitHub action's inputs (INPUT_* variables) become a `lamina scan` argv.
  std::vector<std::string> action_args;
  std::vector<const char*> action_argv;
  // `lamina action --help` is the action's own help, not the scan's it would become.
  auto asks_help = [&] {
    for (int i = 2; i < argc; ++i) {
      if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) return true;
    }
    return false;
  };
  if (argc >= 2 && std::strcmp(argv[1], "action") == 0 && !asks_help()) {
    action_args = lamina::action_scan_argv(env, std::vector<std::string>(argv + 2, argv + argc));
    action_argv.push_back(argv[0]);
    for (const std::string& arg : action_args) action_argv.push_back(arg.c_str());
  }
  lamina::CommandLine command_line =
      action_argv.empty()
          ? lamina::parse_command_line(argc, argv)
          : lamina::parse_command_line(static_cast<int>(action_argv.size()), action_argv.data());
  if (command_line.exit_now) {
    std::fputs(command_line.output.c_str(), *command_line.exit_now == 0 ? stdout : stderr);
    return *command_line.exit_now;
  }
  // The built-in catalog is parsed while libgit2 starts and the trees are diffed: both come
  // before the first scanner does. A parse error is the main thread's to report, later.
  std::thread catalog_parse([] {
    try {
      lamina::builtin_catalog();
    } catch (...) {
    }
  });
  lamina::git::GitLibrary libgit2;
  bool github = lamina::env_or_empty(env, "GITHUB_ACTIONS") == "true";
  int code = lamina::kExitUsage;
  try {
    code = lamina::run_command(command_line.options, env);
  } catch (const lamina::Error& e) {
    std::fflush(stdout);
    // An error names files of the change: no line of it may read as a workflow command.
    std::cerr << lamina::log_text(github, std::string("lamina: ") + e.what() + "\n");
    code = e.exit_code();
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::cerr << lamina::log_text(github,
                                  std::string("lamina: internal error: ") + e.what() + "\n");
    code = lamina::kExitUsage;
  }
  std::fflush(stdout);
  catalog_parse.join();
  return code;
}
