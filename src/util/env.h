#pragma once
// The process environment, read once at the edge into a map; pure code takes the map.
#include <map>
#include <optional>
#include <string>

namespace lamina {

using EnvMap = std::map<std::string, std::string>;

// Reads `environ` into a map. Called once, in main().
EnvMap read_process_environment();

// The value of `name`, or nullopt when unset. An empty value is returned as "" (set but empty).
std::optional<std::string> env_get(const EnvMap& env, const std::string& name);

// The value of `name`, or "" when unset.
std::string env_or_empty(const EnvMap& env, const std::string& name);

}  // namespace lamina
