// lamina's entry point: parse the command line, read the environment once, run the command, and
// turn the one fatal error type into a message and exit code 2.
#include <git2.h>

#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "util/env.h"
#include "util/error.h"

int main(int argc, char** argv) {
  lamina::CommandLine command_line = lamina::parse_command_line(argc, argv);
  if (command_line.exit_now) {
    std::fputs(command_line.output.c_str(), *command_line.exit_now == 0 ? stdout : stderr);
    return *command_line.exit_now;
  }
  git_libgit2_init();
  int code = lamina::kExitUsage;
  try {
    code = lamina::run_command(command_line.options, lamina::read_process_environment());
  } catch (const lamina::Error& e) {
    std::fflush(stdout);
    std::cerr << "lamina: " << e.what() << "\n";
    code = e.exit_code();
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::cerr << "lamina: internal error: " << e.what() << "\n";
    code = lamina::kExitUsage;
  }
  std::fflush(stdout);
  git_libgit2_shutdown();
  return code;
}
