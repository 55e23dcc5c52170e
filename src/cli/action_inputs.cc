#include "cli/action_inputs.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace lamina {
namespace {

// The input's value: INPUT_<NAME> with hyphens kept, else with underscores; "" when neither is set.
std::string input(const EnvMap& env, const std::string& name) {
  std::string key = "INPUT_" + name;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::optional<std::string> value = env_get(env, key)) return *value;
  std::replace(key.begin(), key.end(), '-', '_');
  return env_or_empty(env, key);
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trimmed(const std::string& s) {
  size_t begin = 0, end = s.size();
  while (begin < end && blank(s[begin])) ++begin;
  while (end > begin && blank(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

}  // namespace

std::vector<std::string> action_scan_argv(const EnvMap& env,
                                          const std::vector<std::string>& extra) {
  std::vector<std::string> argv{"scan"};
  std::string layer = trimmed(input(env, "layer"));
  argv.insert(argv.end(), {"--layer", layer.empty() ? "inline" : layer});
  // Values are passed as given (trimmed of surrounding blanks, which YAML block scalars add);
  // lamina scan validates them and names the input in its error.
  for (const char* name : {"fail-on", "filter", "out", "config", "config-from", "jobs",
                           "target-url", "baseline", "publish", "require-coverage"}) {
    std::string value = trimmed(input(env, name));
    if (!value.empty()) argv.insert(argv.end(), {std::string("--") + name, value});
  }
  std::string artifacts = input(env, "artifact");
  for (size_t start = 0; start <= artifacts.size();) {
    size_t end = std::min(artifacts.find('\n', start), artifacts.size());
    std::string path = trimmed(artifacts.substr(start, end - start));
    if (!path.empty()) argv.insert(argv.end(), {"--artifact", path});
    start = end + 1;
  }
  std::string args = input(env, "args");
  for (size_t i = 0; i < args.size();) {
    while (i < args.size() && blank(args[i])) ++i;
    size_t start = i;
    while (i < args.size() && !blank(args[i])) ++i;
    if (i > start) argv.push_back(args.substr(start, i - start));
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

}  // namespace lamina
