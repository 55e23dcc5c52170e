#pragma once
// `lamina scanners` and `lamina config`: the catalog and the effective settings, for people
// (text) and machines (--json).
#include <string>

#include "cli/config_choice.h"
#include "cli/options.h"
#include "util/env.h"

namespace lamina {

// Lists every scanner of the effective catalog: layers, scope, whether and where it is
// installed, its version (`tool --version`), the install hint and whether .lamina.yml disabled
// it. Returns 0; throws Error (exit 2) for a bad configuration.
int run_scanners_command(const Options& options, const EnvMap& env);

// Prints the effective settings, each with its origin, and the configured scanner entries.
// Returns 0; throws Error (exit 2) for a bad configuration.
int run_config_command(const Options& options, const EnvMap& env);

// The configuration `lamina config` and `lamina scanners` read: with --config-from base, from
// the base commit of the change set the CI context (or --base/--head) selects.
ConfigChoice command_config(const Options& options, const EnvMap& env);

// The repository folder a command works on: -C DIR, else the current directory, made absolute.
std::string command_repo_root(const Options& options);

}  // namespace lamina
