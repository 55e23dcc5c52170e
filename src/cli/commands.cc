#include "cli/commands.h"

#include <map>
#include <string>

#include "cli/catalog_commands.h"
#include "util/error.h"

namespace lamina {

int run_command(const Options& options, const EnvMap& env) {
  using Command = int (*)(const Options&, const EnvMap&);
  static const std::map<std::string, Command> kCommands = {
      {"plan", run_plan_command},         {"scan", run_scan_command},
      {"report", run_report_command},     {"config", run_config_command},
      {"scanners", run_scanners_command}, {"publish", run_publish_command},
      {"tickets", run_tickets_command},   {"merge", run_merge_command},
      {"init", run_init_command},
  };
  auto it = kCommands.find(options.command);
  if (it == kCommands.end()) throw Error("unknown command '" + options.command + "'");
  return it->second(options, env);
}

}  // namespace lamina
