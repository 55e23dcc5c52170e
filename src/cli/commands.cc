#include "cli/commands.h"

#include "util/error.h"

namespace lamina {

int run_command(const Options& options, const EnvMap& /*env*/) {
  throw Error("command '" + options.command + "' is not available in this build");
}

}  // namespace lamina
