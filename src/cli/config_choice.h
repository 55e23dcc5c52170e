#pragma once
// Which configuration file a command reads: from the working tree, or (--config-from base) from
// the base commit of the change set, so a pull request cannot add a scanner command or turn
// scanners off in its own .lamina.yml.
#include <optional>
#include <set>
#include <string>

#include "cli/options.h"
#include "config/config_from.h"
#include "config/settings.h"
#include "exec/timings.h"
#include "util/env.h"

namespace lamina {

struct ConfigChoice {
  ConfigFrom from = ConfigFrom::worktree;
  std::string base_commit;           // the commit read, with from == base
  std::optional<ConfigSource> file;  // nullopt: the built-in defaults
};

// From the working tree: find_config_file(). From the base: --config PATH, else $LAMINA_CONFIG,
// else .lamina.yml, as a repository-relative path in the tree of `base_commit`, named
// "<path>@<short sha>"; a base without the file means the built-in defaults. Throws Error (exit
// 2) when the base is wanted but `base_commit` is "" (a full scan, or a local run with no
// upstream), or the path leaves the repository.
ConfigChoice choose_config(const Options& options, const EnvMap& env, const std::string& repo_root,
                           const std::string& base_commit);

// --baseline / --timings FILE (`option` names it in messages). Under --config-from base a FILE
// inside the checkout is what the change made it, so its bytes come from the base commit instead,
// named "<path>@<short sha>"; nullopt when FILE is read as it is (worktree, or a path outside the
// checkout, which the workflow put there). Throws Error (exit 2) when the base has no such file.
std::optional<ConfigSource> base_copy_of_input(const ConfigChoice& choice,
                                               const std::string& option, const std::string& given,
                                               const std::string& repo_root);

// The fingerprints of --baseline FILE, and the durations of --timings FILE, each read as
// base_copy_of_input() says.
std::set<std::string> load_baseline(const ConfigChoice& choice, const std::string& given,
                                    const std::string& repo_root);
ScannerTimings load_timings(const ConfigChoice& choice, const std::string& given,
                            const std::string& repo_root);

// For `lamina config`: ".lamina.yml", ".lamina.yml@1a2b3c4d5e6f", "(none)" or
// "(none at base 1a2b3c4d5e6f: built-in defaults)".
std::string config_file_text(const ConfigChoice& choice);

}  // namespace lamina
