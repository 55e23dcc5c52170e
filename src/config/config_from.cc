#include "config/config_from.h"

#include <algorithm>
#include <filesystem>

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

namespace {

// `path` relative to `root` when it is `root` or below it ("" for `root` itself).
std::optional<std::string> below(const std::filesystem::path& path,
                                 const std::filesystem::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  if (r != root.end()) return std::nullopt;
  std::filesystem::path rest;
  for (; p != path.end(); ++p) rest /= *p;
  return rest.generic_string();
}

}  // namespace

std::optional<std::string> path_in_checkout(const std::string& given, const std::string& cwd,
                                            const std::string& repo_root) {
  namespace fs = std::filesystem;
  fs::path absolute = fs::path(given).is_absolute() ? fs::path(given) : fs::path(cwd) / given;
  fs::path root = fs::path(repo_root).lexically_normal();
  if (!root.has_filename()) root = root.parent_path();  // "/w/repo/" -> "/w/repo"
  std::error_code ec;
  fs::path real_root = fs::weakly_canonical(root, ec);
  if (ec) real_root = root;
  std::optional<std::string> inside = below(absolute.lexically_normal(), root);
  if (!inside) inside = below(absolute.lexically_normal(), real_root);
  if (!inside) {
    fs::path real = fs::weakly_canonical(absolute, ec);
    if (!ec) inside = below(real, real_root);
  }
  return inside;
}

std::string name_at_commit(const std::string& name, const std::string& commit) {
  return name + "@" + commit.substr(0, 12);
}

}  // namespace lamina
