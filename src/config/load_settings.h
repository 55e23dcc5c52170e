#pragma once
// Reading the configuration: which file, and the one function that layers everything.
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "config/setting_flags.h"
#include "config/settings.h"
#include "util/env.h"

namespace lamina {

// --config FILE, else $LAMINA_CONFIG, else <repo_root>/.lamina.yml when it exists (named
// ".lamina.yml" in messages), else nullopt. A named file that cannot be read, or a
// .lamina.yml that is not a regular file, is an Error.
std::optional<ConfigSource> find_config_file(const SettingFlags& options, const EnvMap& env,
                                             const std::string& repo_root);

// Layers defaults < file < LAMINA_* < command line. Errors name the origin:
// "LAMINA_TIMEOUT: not a duration: \"5x\" ...", ".lamina.yml:3:10: unknown key ...".
Settings load_settings(const std::optional<ConfigSource>& file, const SettingFlags& options,
                       const EnvMap& env);

// The built-in catalog with the configuration's overrides applied and custom scanners added.
Catalog effective_catalog(const Catalog& builtin, const Settings& settings);

// The LAMINA_* variables load_settings reads, for documentation and `lamina config`.
const std::vector<std::string>& setting_environment_variables();

}  // namespace lamina
