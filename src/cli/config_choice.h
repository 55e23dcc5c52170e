#pragma once
// Which configuration file a command reads: from the working tree, or (--config-from base) from
// the base commit of the change set, so a pull request cannot add a scanner command or turn
// scanners off in its own .lamina.yml.
#include <optional>
#include <string>

#include "cli/options.h"
#include "config/config_from.h"
#include "config/settings.h"
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

// For `lamina config`: ".lamina.yml", ".lamina.yml@1a2b3c4d5e6f", "(none)" or
// "(none at base 1a2b3c4d5e6f: built-in defaults)".
std::string config_file_text(const ConfigChoice& choice);

}  // namespace lamina
