#pragma once
// One function per lamina command: Options + environment in, exit code out.
#include "cli/options.h"
#include "util/env.h"

namespace lamina {

// Runs `options.command`. Throws Error for usage, configuration and input errors.
int run_command(const Options& options, const EnvMap& env);

}  // namespace lamina
