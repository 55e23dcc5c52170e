// Runner overhead and throughput, side by side with xargs and pre-commit on the same work:
//  (a) 8 x `sleep 1` on 8 jobs: lamina's runner vs `xargs -P8 -n1 sleep`;
//  (b) shellcheck over 200 generated ~30-line shell files on 2 jobs: lamina's runner with two
//      batched invocations (`shellcheck -f json1 -- <100 files>`, as the catalog batches them)
//      vs `xargs -P2 -n100 shellcheck -f json1 --` vs `pre-commit run --all-files` with an
//      equivalent local hook.
// Each figure is the median of several rounds; the tools alternate within a round.
// Usage: runner_bench [rounds]   (see bench/README.md)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "exec/runner.h"
#include "util/env.h"
#include "util/spawn.h"

namespace {

using lamina::Invocation;
using lamina::RunOptions;
using lamina::RunResult;
using lamina::RunStatus;

std::string make_temp_dir() {
  std::string pattern = std::filesystem::temp_directory_path().string() + "/runner-bench-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return pattern;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::vector<std::string> environment_list(const lamina::EnvMap& env) {
  std::vector<std::string> list;
  for (const auto& [name, value] : env) list.push_back(name + "=" + value);
  return list;
}

double seconds_of(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs a reference tool and fails the benchmark loudly if it did not run.
void run_tool(const std::vector<std::string>& argv, const std::string& cwd,
              const std::vector<std::string>& env) {
  lamina::CompletedProcess done =
      lamina::run_process({argv, cwd, env}, std::chrono::minutes(5), 1 << 20);
  if (!done.started || done.term_signal != 0) {
    std::fprintf(stderr, "%s failed: %s\n", argv[0].c_str(), done.spawn_error.c_str());
    std::exit(1);
  }
}

void run_lamina(const std::vector<Invocation>& invocations, const RunOptions& options) {
  lamina::RunObserver silent;
  for (const RunResult& r : lamina::run_invocations(invocations, options, silent)) {
    if (r.status != RunStatus::exited) {
      std::fprintf(stderr, "%s: %s\n", r.invocation.scanner_id.c_str(),
                   lamina::describe_outcome(r).c_str());
      std::exit(1);
    }
  }
}

// ~30 lines of ordinary shell with a few things shellcheck reports (unquoted expansions).
std::string shell_file(int n) {
  std::string text = "#!/bin/bash\n# generated script " + std::to_string(n) + "\nset -u\n";
  text += "name=\"job-" + std::to_string(n) + "\"\nlog_dir=/tmp/logs\n\n";
  text += "log() {\n  echo \"[$name] $*\"\n}\n\n";
  text += "copy_all() {\n  for f in $1/*.txt; do\n    cp $f \"$log_dir\"\n  done\n}\n\n";
  text += "count_lines() {\n  local total=0\n  while read -r line; do\n";
  text += "    total=$((total + ${#line}))\n  done < \"$1\"\n  echo \"$total\"\n}\n\n";
  text += "main() {\n  log starting\n  copy_all $HOME/in\n  count_lines \"$0\"\n";
  text += "  if [ $# -gt 0 ]; then\n    log \"args: $@\"\n  fi\n}\n\nmain \"$@\"\n";
  return text;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Row {
  std::string work;
  std::string tool;
  std::vector<double> times;
};

void print_table(const std::vector<Row>& rows) {
  std::printf("%-34s %-44s %9s %9s\n", "work", "tool", "median s", "min s");
  for (const Row& row : rows) {
    std::printf("%-34s %-44s %9.3f %9.3f\n", row.work.c_str(), row.tool.c_str(), median(row.times),
                *std::min_element(row.times.begin(), row.times.end()));
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  lamina::EnvMap env = lamina::read_process_environment();
  std::vector<std::string> env_list = environment_list(env);
  std::string dir = make_temp_dir();
  RunOptions options;
  options.environment = env;
  options.temp_root = dir;

  // (a) eight one-second sleeps.
  std::vector<Invocation> sleeps(8);
  for (size_t i = 0; i < sleeps.size(); ++i) {
    sleeps[i].scanner_id = "sleep" + std::to_string(i);
    sleeps[i].argv = {"sleep", "1"};
    sleeps[i].cwd = dir;
  }
  write(dir + "/sleeps.txt", "1\n1\n1\n1\n1\n1\n1\n1\n");
  RunOptions eight = options;
  eight.jobs = 8;

  // (b) 200 shell files, in a git repository for pre-commit.
  std::string repo = dir + "/repo";
  std::filesystem::create_directories(repo + "/scripts");
  std::vector<std::string> files;
  std::string list;
  for (int n = 0; n < 200; ++n) {
    files.push_back("scripts/job" + std::to_string(n) + ".sh");
    write(repo + "/" + files.back(), shell_file(n));
    list += files.back() + "\n";
  }
  write(dir + "/files.txt", list);
  write(repo + "/.pre-commit-config.yaml",
        "repos:\n- repo: local\n  hooks:\n  - id: shellcheck\n    name: shellcheck\n"
        "    entry: shellcheck -f json1 --\n    language: system\n    types: [shell]\n");
  std::vector<std::string> git_env = env_list;
  git_env.insert(git_env.end(), {"GIT_AUTHOR_NAME=b", "GIT_AUTHOR_EMAIL=b@example.com",
                                 "GIT_COMMITTER_NAME=b", "GIT_COMMITTER_EMAIL=b@example.com"});
  run_tool({"git", "init", "-q"}, repo, git_env);
  run_tool({"git", "add", "."}, repo, git_env);
  run_tool({"git", "commit", "-qm", "scripts"}, repo, git_env);
  std::vector<std::string> pre_commit_env = env_list;
  pre_commit_env.push_back("PRE_COMMIT_HOME=" + dir + "/pre-commit-home");

  std::vector<Invocation> batches(2);
  for (size_t b = 0; b < batches.size(); ++b) {
    batches[b].scanner_id = "shellcheck";
    batches[b].argv = {"shellcheck", "-f", "json1", "--"};
    batches[b].argv.insert(batches[b].argv.end(), files.begin() + 100 * b,
                           files.begin() + 100 * (b + 1));
    batches[b].cwd = repo;
    batches[b].ok_exit_codes = {0, 1};
  }
  RunOptions two = options;
  two.jobs = 2;

  std::vector<Row> rows{
      {"8 x sleep 1, 8 jobs", "lamina run_invocations", {}},
      {"8 x sleep 1, 8 jobs", "xargs -P8 -n1 sleep", {}},
      {"shellcheck, 200 files, 2 jobs", "lamina run_invocations (2 batches of 100)", {}},
      {"shellcheck, 200 files, 2 jobs", "xargs -P2 -n100 shellcheck -f json1 --", {}},
      {"shellcheck, 200 files, 2 jobs", "pre-commit run --all-files (local hook)", {}},
  };
  // Warm-up: page cache, pre-commit's store.
  run_tool({"pre-commit", "run", "--all-files"}, repo, pre_commit_env);
  for (int round = 0; round < rounds; ++round) {
    rows[0].times.push_back(seconds_of([&] { run_lamina(sleeps, eight); }));
    rows[1].times.push_back(seconds_of([&] {
      run_tool({"xargs", "-P8", "-n1", "-a", dir + "/sleeps.txt", "sleep"}, dir, env_list);
    }));
    rows[2].times.push_back(seconds_of([&] { run_lamina(batches, two); }));
    rows[3].times.push_back(seconds_of([&] {
      run_tool(
          {"xargs", "-P2", "-n100", "-a", dir + "/files.txt", "shellcheck", "-f", "json1", "--"},
          repo, env_list);
    }));
    rows[4].times.push_back(seconds_of([&] {
      run_tool({"pre-commit", "run", "--all-files"}, repo, pre_commit_env);
    }));
  }
  print_table(rows);
  std::filesystem::remove_all(dir);
  return 0;
}
