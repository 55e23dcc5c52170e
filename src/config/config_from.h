#pragma once
// Where the configuration file is read: the working tree (what the change under review contains)
// or the base commit of the change (what the target branch already accepted). On
// `pull_request_target` the working tree is untrusted, so `auto` reads the base there.
#include <optional>
#include <string>

#include "util/env.h"

namespace lamina {

enum class ConfigFrom { worktree, base };

// --config-from worktree | base | auto (unset: worktree). `auto` is base when GITHUB_EVENT_NAME
// is pull_request_target, else worktree. Any other value is an Error (exit 2).
ConfigFrom resolve_config_from(const std::optional<std::string>& flag, const EnvMap& env);

// `given` (a command-line path, relative to `cwd` unless absolute) as a '/'-separated path inside
// the checkout at `repo_root`, or nullopt when it is outside. Inside means lexically, or once
// symlinks are resolved: a link the change commits cannot lead a path out of the check.
std::optional<std::string> path_in_checkout(const std::string& given, const std::string& cwd,
                                            const std::string& repo_root);

// The name a configuration file read from `commit` has in messages and origins:
// ".lamina.yml@1a2b3c4d5e6f".
std::string name_at_commit(const std::string& name, const std::string& commit);

}  // namespace lamina
