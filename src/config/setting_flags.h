#pragma once
// The command-line values that layer into the settings (over .lamina.yml and LAMINA_*): each
// unset when not given. The command line's Options extend this; the settings know no more of it.
#include <optional>
#include <string>

namespace lamina {

struct SettingFlags {
  std::optional<std::string> config_path;  // --config FILE
  std::optional<std::string> jobs;
  std::optional<std::string> timeout;
  std::optional<std::string> budget;
  std::optional<std::string> fail_on;
  std::optional<std::string> filter;
  std::optional<bool> fail_fast;
  std::optional<std::string> require_coverage;  // --require-coverage KIND,...
};

}  // namespace lamina
