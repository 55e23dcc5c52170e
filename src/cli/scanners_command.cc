#include <cstdio>
#include <future>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "cli/catalog_commands.h"
#include "cli/config_choice.h"
#include "cli/scanner_table.h"
#include "cli/stdout_text.h"
#include "config/load_settings.h"
#include "util/spawn.h"

namespace lamina {
namespace {

struct ScannerRow {
  const ScannerSpec* spec = nullptr;
  std::string path;     // resolved executable, "" when missing
  std::string version;  // first line of `tool --version` that names a version
};

std::string version_line(const std::string& output) {
  std::string first_nonempty;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(start, end - start);
    size_t first = line.find_first_not_of(" \t\r");
    size_t last = line.find_last_not_of(" \t\r");
    line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
    if (!line.empty() && line.find_first_of("0123456789") != std::string::npos) return line;
    if (first_nonempty.empty()) first_nonempty = line;
    start = end + 1;
  }
  return first_nonempty;
}

// `program --version`, bounded: a tool that hangs or prints megabytes cannot stall the listing.
std::string tool_version(const std::string& program, const EnvMap& env) {
  SpawnSpec spec;
  spec.argv = {program, "--version"};
  for (const char* name : {"PATH", "HOME", "NODE_PATH"}) {
    if (auto value = env_get(env, name)) spec.env.push_back(std::string(name) + "=" + *value);
  }
  CompletedProcess done = run_process(spec, std::chrono::seconds(10), 64 * 1024);
  if (!done.started || done.timed_out) return "";
  std::string line = version_line(done.out);
  return line.empty() ? version_line(done.err) : line;
}

nlohmann::json row_json(const ScannerRow& row) {
  const ScannerSpec& spec = *row.spec;
  nlohmann::json layers = nlohmann::json::array();
  for (Layer layer : spec.layers) layers.push_back(to_string(layer));
  return {{"id", spec.id},
          {"name", spec.name},
          {"description", spec.description},
          {"homepage", spec.homepage},
          {"layers", layers},
          {"scope", to_string(spec.scope)},
          {"check", spec.check_kind()},
          {"files", spec.files},
          {"shebang", spec.shebang},
          {"format", spec.format},
          {"required", spec.required},
          {"enabled", spec.enabled},
          {"installed", !row.path.empty()},
          {"path", row.path},
          {"version", row.version},
          {"install", spec.install},
          {"defined_at", spec.defined_at}};
}

void print_text(const std::vector<ScannerRow>& rows, const EnvMap& env) {
  std::vector<const ScannerSpec*> specs;
  std::vector<std::string> status;
  for (const ScannerRow& row : rows) {
    specs.push_back(row.spec);
    if (row.path.empty()) {
      status.push_back("no (install: " + row.spec->install + ")");
    } else {
      status.push_back(row.version.empty() ? row.path : clean_version(row.version));
    }
  }
  // Install hints and ids may come from the change's .lamina.yml, versions from tools' banners.
  print_stdout_text(scanners_text(specs, status), env);
}

}  // namespace

int run_scanners_command(const Options& options, const EnvMap& env) {
  Settings settings = load_settings(command_config(options, env).file, options, env);
  Catalog catalog = effective_catalog(builtin_catalog(), settings);
  if (options.markdown) {
    print_stdout_text(scanners_markdown(catalog), env);
    return 0;
  }
  std::string path = env_or_empty(env, "PATH");
  std::vector<ScannerRow> rows;
  std::vector<std::future<std::string>> versions;
  for (const ScannerSpec& spec : catalog.scanners) {
    ScannerRow& row = rows.emplace_back();
    row.spec = &spec;
    row.path = spec.command.empty() ? "" : find_executable(spec.command.front(), path);
    versions.push_back(row.path.empty()
                           ? std::async(std::launch::deferred, [] { return std::string(); })
                           : std::async(std::launch::async, tool_version, row.path, env));
  }
  for (size_t i = 0; i < rows.size(); ++i) rows[i].version = versions[i].get();
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const ScannerRow& row : rows) list.push_back(row_json(row));
    print_stdout_json(nlohmann::json{{"scanners", list}}, env);
  } else {
    print_text(rows, env);
  }
  return 0;
}

}  // namespace lamina
