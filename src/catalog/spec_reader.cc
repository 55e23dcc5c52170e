#include "catalog/spec_reader.h"

#include <algorithm>

#include "catalog/near_miss.h"
#include "catalog/output_formats.h"
#include "catalog/placeholders.h"

namespace lamina {
namespace {

const std::vector<std::string> kEntryKeys = {"id",       "name",           "description",
                                             "homepage", "layer",          "files",
                                             "shebang",  "exclude",        "unsafe_when_changed",
                                             "scope",    "root_markers",   "command",
                                             "args",     "output",         "exit_codes",
                                             "severity", "timeout",        "expected_duration",
                                             "env",      "requires",       "install",
                                             "required", "accepts_binary", "report",
                                             "check",    "enabled",        "in_image"};

std::vector<std::string> keys_for(EntryKind kind) {
  std::vector<std::string> keys;
  for (const std::string& key : kEntryKeys) {
    if (key == "id" && kind != EntryKind::catalog_entry) continue;
    if (key == "enabled" && kind == EntryKind::catalog_entry) continue;
    if (key == "in_image" && kind != EntryKind::catalog_entry) continue;
    keys.push_back(key);
  }
  return keys;
}

std::vector<Layer> read_layers(const YAML::Node& node, const YamlSource& source,
                               const std::string& field) {
  std::vector<Layer> layers;
  for (const std::string& text : read_string_list(node, source, field)) {
    auto layer = parse_layer(text);
    if (!layer) {
      source.fail(node, field + ": expected inline, pre-deploy, post-deploy or continuous, got \"" +
                            text + "\"");
    }
    layers.push_back(*layer);
  }
  if (layers.empty()) source.fail(node, field + ": expected at least one layer");
  return layers;
}

std::vector<std::string> read_command(const YAML::Node& node, const YamlSource& source,
                                      const std::string& field) {
  if (node.IsScalar()) {
    source.fail(node, field +
                          ": expected a list of arguments (argv), got a string; write it as "
                          "[\"tool\", \"--flag\", \"{files}\"]: lamina never runs a shell");
  }
  std::vector<std::string> argv = read_string_list(node, source, field, false);
  if (argv.empty() || argv.front().empty()) {
    source.fail(node, field + ": expected a program name as the first argument");
  }
  return argv;
}

void read_output(ScannerSpec& spec, const YAML::Node& node, const YamlSource& source,
                 const std::string& field) {
  expect_map(node, source, field);
  check_keys(node, source, field, {"from", "format", "keep"});
  if (node["from"]) {
    std::string from = read_string(node["from"], source, field + ".from");
    if (from == "stdout") {
      spec.output_from = OutputSource::stdout_stream;
    } else if (from == "out" || from == "{out}") {
      spec.output_from = OutputSource::out_file;
    } else {
      source.fail(node["from"], field + ".from: expected stdout or out, got \"" + from + "\"");
    }
  }
  if (node["format"]) {
    std::string format = read_string(node["format"], source, field + ".format");
    if (!is_known_output_format(format)) {
      std::string list;
      for (std::string_view name : known_output_formats())
        list += (list.empty() ? "" : ", ") + std::string(name);
      source.fail(node["format"], field + ".format: unknown output format \"" + format +
                                      "\"; expected one of: " + list);
    }
    spec.format = format;
  }
  if (node["keep"]) {
    std::string keep = read_string(node["keep"], source, field + ".keep");
    bool plain = !keep.empty() && keep.size() <= 100 && keep.front() != '.' &&
                 keep.find_first_not_of(
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789._-") == std::string::npos;
    if (!plain || keep.rfind("lamina", 0) == 0 || keep.rfind("gl-", 0) == 0) {
      source.fail(node["keep"], field +
                                    ".keep: expected a plain file name for the report "
                                    "directory (letters, digits, '.', '_', '-'; not starting "
                                    "with '.', \"lamina\" or \"gl-\"), e.g. sbom.cdx.json; got \"" +
                                    keep + "\"");
    }
    spec.keep_output = keep;
  }
}

std::vector<int> read_exit_codes(const YAML::Node& node, const YamlSource& source,
                                 const std::string& field) {
  if (!node.IsSequence() || node.size() == 0) {
    source.fail(node, field +
                          ": expected a list of exit codes that mean the tool ran (with or "
                          "without findings), e.g. [0, 1], got " +
                          yaml_kind(node));
  }
  std::vector<int> codes;
  for (const YAML::Node& item : node) {
    codes.push_back(
        read_int(item, source, field + "[" + std::to_string(codes.size()) + "]", 0, 255));
  }
  return codes;
}

void read_severity(ScannerSpec& spec, const YAML::Node& node, const YamlSource& source,
                   const std::string& field) {
  expect_map(node, source, field);
  check_unique_keys(node, source, field);
  for (const auto& entry : node) {
    std::string key = read_string(entry.first, source, field + " key");
    std::string text = read_string(entry.second, source, field + "." + key);
    auto severity = parse_severity(text);
    if (!severity) {
      source.fail(entry.second,
                  field + "." + key + ": expected sev1, sev2 or sev3, got \"" + text + "\"");
    }
    spec.severity[key] = *severity;
  }
}

}  // namespace

void read_scanner_fields(ScannerSpec& spec, const YAML::Node& body, const YamlSource& source,
                         const std::string& context, EntryKind kind) {
  expect_map(body, source, context);
  check_keys(body, source, context, keys_for(kind));
  auto field = [&](const char* key) { return context + "." + key; };
  for (const auto& entry : body) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "id") spec.id = read_string(value, source, field("id"));
    if (key == "name") spec.name = read_string(value, source, field("name"));
    if (key == "description") spec.description = read_string(value, source, field("description"));
    if (key == "homepage") spec.homepage = read_string(value, source, field("homepage"));
    if (key == "install") spec.install = read_string(value, source, field("install"));
    if (key == "layer") spec.layers = read_layers(value, source, field("layer"));
    if (key == "files") spec.files = read_string_list(value, source, field("files"));
    if (key == "shebang") spec.shebang = read_string_list(value, source, field("shebang"));
    if (key == "exclude") spec.exclude = read_string_list(value, source, field("exclude"));
    if (key == "unsafe_when_changed")
      spec.unsafe_when_changed = read_string_list(value, source, field("unsafe_when_changed"));
    if (key == "root_markers")
      spec.root_markers = read_string_list(value, source, field("root_markers"));
    if (key == "env") spec.env = read_string_list(value, source, field("env"));
    if (key == "requires") spec.required_tools = read_string_list(value, source, field("requires"));
    if (key == "args") spec.args = read_string_list(value, source, field("args"), false);
    if (key == "command") spec.command = read_command(value, source, field("command"));
    if (key == "output") read_output(spec, value, source, field("output"));
    if (key == "exit_codes")
      spec.ok_exit_codes = read_exit_codes(value, source, field("exit_codes"));
    if (key == "severity") read_severity(spec, value, source, field("severity"));
    if (key == "required") spec.required = read_bool(value, source, field("required"));
    if (key == "report") {
      spec.report_kind = read_string(value, source, field("report"));
      if (spec.report_kind != "sast" && spec.report_kind != "secret_detection" &&
          spec.report_kind != "dependency_scanning" && spec.report_kind != "container_scanning") {
        source.fail(value, field("report") +
                               ": expected sast, secret_detection, dependency_scanning or "
                               "container_scanning (the GitLab security report the findings "
                               "go to)");
      }
    }
    if (key == "check") {
      spec.check = read_string(value, source, field("check"));
      const std::vector<std::string>& kinds = known_check_kinds();
      if (std::find(kinds.begin(), kinds.end(), spec.check) == kinds.end()) {
        std::string list;
        for (const std::string& k : kinds) list += (list.empty() ? "" : " | ") + k;
        source.fail(value, field("check") + ": unknown kind of check \"" + spec.check +
                               "\"; expected " + list + did_you_mean(spec.check, kinds));
      }
    }
    if (key == "accepts_binary")
      spec.accepts_binary = read_bool(value, source, field("accepts_binary"));
    if (key == "in_image") spec.in_image = read_bool(value, source, field("in_image"));
    if (key == "expected_duration") {
      spec.expected_duration = read_duration(value, source, field("expected_duration"));
    }
    if (key == "timeout") {
      spec.timeout = read_duration(value, source, field("timeout"));
      spec.timeout_from_config = kind != EntryKind::catalog_entry;
    }
    if (key == "scope") {
      std::string text = read_string(value, source, field("scope"));
      auto scope = parse_scope(text);
      if (!scope) {
        source.fail(value, field("scope") +
                               ": expected files, project, repo, artifact or url, got \"" + text +
                               "\"");
      }
      spec.scope = *scope;
    }
    if (key == "enabled") {
      spec.enabled = read_bool(value, source, field("enabled"));
      spec.disabled_by =
          spec.enabled ? "" : source.file + " line " + std::to_string(source.line(value));
    }
  }
}

void validate_scanner(const ScannerSpec& spec, const YAML::Node& where, const YamlSource& source,
                      const std::string& context) {
  auto fail = [&](const std::string& what) { source.fail(where, context + ": " + what); };
  // Problems inside the command point at the command itself when the entry gives one.
  YAML::Node command_node = where.IsMap() && where["command"] ? where["command"] : where;
  auto fail_command = [&](const std::string& what) {
    source.fail(command_node, context + ": " + what);
  };
  if (spec.command.empty()) fail("expected a command (argv list)");
  if (spec.format.empty()) fail("expected output.format (one of the known output formats)");
  if (spec.layers.empty()) fail("expected a layer (inline, pre-deploy, post-deploy, continuous)");
  bool uses_out = false;
  static const std::vector<std::string> known = {"files",    "repo",       "root",   "out",
                                                 "artifact", "target_url", "configs"};
  for (const std::string& arg : spec.command) {
    for (const std::string& name : placeholders_in(arg)) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        fail_command(
            "unknown placeholder {" + name + "} in command" + did_you_mean(name, known) +
            "; expected {files}, {repo}, {root}, {out}, {artifact}, {target_url} or {configs}");
      }
      bool fits = name == "repo" || name == "out" || name == "configs" ||
                  (name == "files" && (spec.scope == Scope::files || spec.scope == Scope::project ||
                                       spec.scope == Scope::repo)) ||
                  (name == "root" && spec.scope == Scope::project) ||
                  (name == "artifact" && spec.scope == Scope::artifact) ||
                  (name == "target_url" && spec.scope == Scope::url);
      if (!fits)
        fail_command("placeholder {" + name + "} does not fit scope " + to_string(spec.scope));
      if (name == "files" && arg != "{files}")
        fail_command("{files} must be an argument on its own");
      uses_out = uses_out || name == "out";
    }
  }
  auto has_arg = [&](const char* token) {
    return std::find(spec.command.begin(), spec.command.end(), token) != spec.command.end();
  };
  if (spec.scope == Scope::files && !has_arg("{files}"))
    fail_command("scope files needs {files} in command");
  if (spec.scope == Scope::artifact && !has_arg("{artifact}")) {
    fail_command("scope artifact needs {artifact} as an argument of command");
  }
  if (spec.scope == Scope::url && !has_arg("{target_url}")) {
    fail_command("scope url needs {target_url} as an argument of command");
  }
  if (spec.scope == Scope::project && spec.root_markers.empty()) {
    fail("scope project needs root_markers (e.g. [package.json])");
  }
  bool takes_files =
      spec.scope == Scope::files || spec.scope == Scope::project || spec.scope == Scope::repo;
  if (takes_files && spec.files.empty() && spec.shebang.empty()) {
    fail("expected files (globs) or shebang names saying which changes it applies to");
  }
  if (spec.output_from == OutputSource::out_file && !uses_out) {
    fail_command("output.from is out but the command has no {out} placeholder");
  }
}

}  // namespace lamina
