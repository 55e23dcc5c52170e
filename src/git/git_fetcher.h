#pragma once
// The git stage's only write to the outside world: fetching commits a shallow clone lacks. It
// goes through the git CLI, because libgit2 1.5 cannot fetch into a shallow repository and
// ignores the credentials actions/checkout leaves in `http.extraheader`.
#include <chrono>
#include <string>
#include <vector>

#include "util/env.h"

namespace lamina {

struct FetchOutcome {
  bool ok = false;
  std::string error;  // why it failed: git's last stderr line, a timeout, a spawn error
};

class GitFetcher {
 public:
  virtual ~GitFetcher() = default;
  // Runs `git <args>` (args start with "fetch") in the checkout `repo_dir`.
  virtual FetchOutcome fetch(const std::string& repo_dir, const std::vector<std::string>& args) = 0;
};

// The real fetcher: `git` from PATH, started with posix_spawn (no shell), with `environment`
// (so HOME, credentials helpers and proxies apply) and never a terminal prompt.
class CliGitFetcher : public GitFetcher {
 public:
  explicit CliGitFetcher(EnvMap environment,
                         std::chrono::milliseconds timeout = std::chrono::minutes(5));
  FetchOutcome fetch(const std::string& repo_dir, const std::vector<std::string>& args) override;

 private:
  std::vector<std::string> env_;
  std::chrono::milliseconds timeout_;
};

}  // namespace lamina
