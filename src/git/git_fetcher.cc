#include "git/git_fetcher.h"

#include "util/spawn.h"

namespace lamina {
namespace {

// git's first "fatal:" line names the actual problem; the lines after it are advice ("Please
// make sure you have the correct access rights"). Without one, the last line is the best guess.
std::string main_error_line(const std::string& text) {
  size_t fatal = text.rfind("fatal: ", 0) == 0 ? 0 : text.find("\nfatal: ");
  if (fatal != std::string::npos) {
    size_t start = text[fatal] == '\n' ? fatal + 1 : fatal;
    return text.substr(start, text.find('\n', start) - start);
  }
  size_t end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  size_t newline = text.rfind('\n', end);
  size_t start = newline == std::string::npos ? 0 : newline + 1;
  return text.substr(start, end - start + 1);
}

}  // namespace

CliGitFetcher::CliGitFetcher(EnvMap environment, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
  // stdin is /dev/null, but git asks for passwords on /dev/tty: in CI that would hang.
  environment["GIT_TERMINAL_PROMPT"] = "0";
  for (const auto& [name, value] : environment) env_.push_back(name + "=" + value);
}

FetchOutcome CliGitFetcher::fetch(const std::string& repo_dir,
                                  const std::vector<std::string>& args) {
  SpawnSpec spec;
  // The workspace lamina was given is trusted even when another user owns it (a container's
  // uid differs from the runner's): git would otherwise refuse it as "dubious ownership".
  spec.argv = {"git", "-c", "safe.directory=" + repo_dir};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = repo_dir;
  spec.env = env_;
  CompletedProcess done = run_process(spec, timeout_, 1 << 20);
  FetchOutcome outcome;
  if (!done.started) {
    outcome.error = "cannot start git: " + done.spawn_error;
  } else if (done.timed_out) {
    outcome.error =
        "git fetch did not finish within " + std::to_string(timeout_.count() / 1000) + " s";
  } else if (done.exit_code != 0) {
    std::string line = main_error_line(done.err);
    outcome.error = line.empty() ? "git fetch exited with " + std::to_string(done.exit_code) : line;
  } else {
    outcome.ok = true;
  }
  return outcome;
}

}  // namespace lamina
