#include "config/config_from.h"

#include "util/error.h"
#include "util/text.h"

namespace lamina {

ConfigFrom resolve_config_from(const std::optional<std::string>& flag, const EnvMap& env) {
  const std::string value = flag.value_or("worktree");
  if (value == "worktree") return ConfigFrom::worktree;
  if (value == "base") return ConfigFrom::base;
  if (value == "auto") {
    return env_or_empty(env, "GITHUB_EVENT_NAME") == "pull_request_target" ? ConfigFrom::base
                                                                           : ConfigFrom::worktree;
  }
  throw Error("--config-from " + in_quotes(value) +
              ": expected worktree, base or auto (auto = base on pull_request_target)");
}

std::string name_at_commit(const std::string& name, const std::string& commit) {
  return name + "@" + commit.substr(0, 12);
}

}  // namespace lamina
