#pragma once
// lamina's effective settings, layered in one place (src/config/load_settings.cc):
// built-in defaults < configuration file < LAMINA_* environment < command line. Every value
// remembers where it came from, for `lamina config` and for error messages.
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "catalog/yaml_reader.h"

namespace lamina {

// Numbered priorities: a value from a higher level replaces one from a lower level.
enum class SettingLevel { builtin_default = 0, config_file = 1, environment = 2, command_line = 3 };

template <typename T>
struct Setting {
  T value{};
  SettingLevel level = SettingLevel::builtin_default;
  std::string origin = "default";  // ".lamina.yml:3:10", "LAMINA_TIMEOUT", "--timeout"
};

// A `scanners.<id>` entry of the configuration file: an override of a catalog entry or a custom
// scanner. Kept as YAML so it is read with the catalog's own reader (src/catalog/spec_reader.h).
struct ScannerConfig {
  std::string id;
  YAML::Node key;  // the id's node, for "file:line:column"
  YAML::Node body;
  YamlSource source;
};

// `tickets:` of the configuration file: how the continuous layer's findings become tickets
// (src/platform/tickets.h).
struct TicketSettings {
  // Turnaround by severity: a ticket's due date is its opening day plus this.
  std::chrono::milliseconds sla[3] = {std::chrono::hours(24), std::chrono::hours(24 * 14),
                                      std::chrono::hours(24 * 90)};
  std::string group_by = "fingerprint";  // fingerprint (one ticket per finding) | rule-file
  int max_new = 20;                      // tickets opened per run; the rest in one summary ticket
  std::string wontfix_label = "lamina:wontfix";  // a ticket closed with it is never reopened
  std::string origin = "default";                // ".lamina.yml:12:3" when configured
};

struct Settings {
  Setting<int> jobs;                                         // scanners run at once
  Setting<std::chrono::milliseconds> timeout;                // per scanner, unless its entry says
  Setting<std::optional<std::chrono::milliseconds>> budget;  // whole layer; nullopt = none
  Setting<std::string> fail_on;                              // sev1 | sev2 | sev3 | never
  Setting<std::string> filter;                               // added | context | file | all
  Setting<bool> fail_fast;
  Setting<std::vector<std::string>> exclude;  // gitignore-style globs
  Setting<bool> default_excludes;  // vendored/generated files (.gitattributes, vendor folders)
  // Kinds of check (known_check_kinds()) a changed file they apply to must get, or the scan has
  // a scanner failure.
  Setting<std::vector<std::string>> require_coverage;
  std::string config_file;  // the file read, "" when none
  std::vector<ScannerConfig> scanners;
  TicketSettings tickets;
};

// A configuration file's name (as shown in messages) and text.
struct ConfigSource {
  std::string name;
  std::string text;
};

}  // namespace lamina
