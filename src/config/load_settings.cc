#include "config/load_settings.h"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>

#include "catalog/near_miss.h"
#include "util/duration.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

// One value as text from one level, with what to prefix its errors with.
struct RawValue {
  std::string text;
  SettingLevel level;
  std::string origin;  // stored with the value
  std::string where;   // error prefix: origin, plus the key for file values
};

[[noreturn]] void bad_value(const RawValue& raw, const std::string& what) {
  throw Error(raw.where + ": " + what + ": " + quoted(raw.text));
}

template <typename T>
void assign(Setting<T>& setting, T value, const RawValue& raw) {
  setting.value = std::move(value);
  setting.level = raw.level;
  setting.origin = raw.origin;
}

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return std::nullopt;
}

void set_one_of(Setting<std::string>& setting, const RawValue& raw,
                const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), raw.text) == allowed.end()) {
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : " | ") + a;
    bad_value(raw, "expected " + list + did_you_mean(raw.text, allowed) + ", got");
  }
  assign(setting, raw.text, raw);
}

// Sets the scalar setting `key` from text; exclude lists are handled by the callers.
void set_scalar(Settings& s, const std::string& key, const RawValue& raw) {
  if (key == "jobs") {
    int jobs = 0;
    auto [end, ec] = std::from_chars(raw.text.data(), raw.text.data() + raw.text.size(), jobs);
    if (ec != std::errc() || end != raw.text.data() + raw.text.size() || jobs < 1 || jobs > 1024) {
      bad_value(raw, "not a number of jobs from 1 to 1024");
    }
    assign(s.jobs, jobs, raw);
  } else if (key == "timeout") {
    auto duration = parse_duration(raw.text);
    if (!duration || duration->count() == 0) bad_value(raw, "not a duration (write e.g. 30s, 5m)");
    assign(s.timeout, *duration, raw);
  } else if (key == "budget") {
    auto duration = parse_duration(raw.text);
    if (raw.text == "none") {
      assign(s.budget, std::optional<std::chrono::milliseconds>(), raw);
      return;
    }
    if (!duration) bad_value(raw, "not a duration (write e.g. 10m, or none)");
    assign(s.budget, std::optional(*duration), raw);
  } else if (key == "fail_on") {
    set_one_of(s.fail_on, raw, {"sev1", "sev2", "sev3", "never"});
  } else if (key == "filter") {
    set_one_of(s.filter, raw, {"added", "context", "file", "all"});
  } else if (key == "fail_fast" || key == "default_excludes") {
    auto value = parse_bool(raw.text);
    if (!value) bad_value(raw, "expected true or false, got");
    assign(key == "fail_fast" ? s.fail_fast : s.default_excludes, *value, raw);
  }
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

const std::vector<std::string> kFileKeys = {
    "jobs",    "timeout",          "budget",           "fail_on",  "filter", "fail_fast",
    "exclude", "default_excludes", "require_coverage", "scanners", "tickets"};

// "" when every kind is known, else what is wrong with the first unknown one.
std::string unknown_check_kind(const std::vector<std::string>& kinds, std::string* bad) {
  const std::vector<std::string>& known = known_check_kinds();
  for (const std::string& kind : kinds) {
    if (std::find(known.begin(), known.end(), kind) != known.end()) continue;
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : " | ") + k;
    *bad = kind;
    return "unknown kind of check \"" + kind + "\": expected " + list + did_you_mean(kind, known);
  }
  return "";
}

// require_coverage from the environment or the command line: "dependencies,secrets".
void set_required_coverage(Settings& s, const RawValue& raw) {
  std::vector<std::string> kinds = split_commas(raw.text);
  std::string bad;
  std::string what = unknown_check_kind(kinds, &bad);
  if (!what.empty()) throw Error(raw.where + ": " + what);
  assign(s.require_coverage, kinds, raw);
}

// require_coverage: [dependencies, secrets] in the configuration file; an unknown kind is named
// at its own line and column.
void read_required_coverage(Settings& s, const YAML::Node& value, const YamlSource& source,
                            const RawValue& raw) {
  std::vector<std::string> kinds = read_string_list(value, source, "require_coverage");
  std::string bad;
  std::string what = unknown_check_kind(kinds, &bad);
  if (!what.empty()) {
    for (const YAML::Node& item : value) {
      if (item.IsScalar() && item.Scalar() == bad) source.fail(item, "require_coverage: " + what);
    }
    source.fail(value, "require_coverage: " + what);
  }
  assign(s.require_coverage, kinds, raw);
}

// tickets: {sla: {sev1: 1d, sev2: 14d, sev3: 90d}, group_by, max_new, wontfix_label}
void read_ticket_settings(TicketSettings& t, const YAML::Node& node, const YamlSource& source) {
  expect_map(node, source, "tickets");
  check_keys(node, source, "tickets", {"sla", "group_by", "max_new", "wontfix_label"});
  t.origin = source.position(node);
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "sla") {
      expect_map(value, source, "tickets.sla");
      check_keys(value, source, "tickets.sla", {"sev1", "sev2", "sev3"});
      for (const auto& sla : value) {
        std::string sev = sla.first.Scalar();
        std::string text = read_string(sla.second, source, "tickets.sla." + sev);
        auto duration = parse_duration(text);
        if (!duration || duration->count() == 0) {
          source.fail(sla.second,
                      "tickets.sla." + sev + ": not a duration (write e.g. 1d, 14d, 36h)");
        }
        t.sla[sev[3] - '1'] = *duration;
      }
    } else if (key == "group_by") {
      t.group_by = read_string(value, source, "tickets.group_by");
      if (t.group_by != "fingerprint" && t.group_by != "rule-file") {
        source.fail(value, "tickets.group_by: expected fingerprint | rule-file, got \"" +
                               t.group_by + "\"");
      }
    } else if (key == "max_new") {
      std::string text = read_string(value, source, "tickets.max_new");
      int n = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > 1000) {
        source.fail(value, "tickets.max_new: expected a number from 1 to 1000");
      }
      t.max_new = n;
    } else {
      t.wontfix_label = read_string(value, source, "tickets.wontfix_label");
      if (t.wontfix_label.empty() || t.wontfix_label.size() > 50 ||
          t.wontfix_label.find_first_of(",\n\r") != std::string::npos) {
        source.fail(value,
                    "tickets.wontfix_label: expected a label name (1 to 50 characters, no comma)");
      }
    }
  }
}

std::string env_name(const std::string& key) {
  std::string name = "LAMINA_";
  for (char c : key) name += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return name;
}

void read_scanner_configs(Settings& s, const YAML::Node& node, const YamlSource& source) {
  expect_map(node, source, "scanners");
  check_unique_keys(node, source, "scanners");
  for (const auto& entry : node) {
    std::string id = read_string(entry.first, source, "scanners key");
    s.scanners.push_back({id, entry.first, entry.second, source});
  }
}

// Level 1: the configuration file.
void apply_file(Settings& s, const ConfigSource& file) {
  YamlSource source{file.name};
  YAML::Node root = parse_yaml(file.text, source);
  s.config_file = file.name;
  if (root.IsNull()) return;  // an empty file configures nothing
  expect_map(root, source, "the configuration");
  check_keys(root, source, "the configuration", kFileKeys);
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    RawValue raw{"", SettingLevel::config_file, source.position(value),
                 source.position(value) + ": " + key};
    if (key == "scanners") {
      read_scanner_configs(s, value, source);
    } else if (key == "tickets") {
      read_ticket_settings(s.tickets, value, source);
    } else if (key == "exclude") {
      assign(s.exclude, read_string_list(value, source, key), raw);
    } else if (key == "require_coverage") {
      read_required_coverage(s, value, source, raw);
    } else {
      if (!value.IsScalar())
        source.fail(value, key + ": expected a single value, got " + yaml_kind(value));
      raw.text = value.Scalar();
      set_scalar(s, key, raw);
    }
  }
}

}  // namespace

const std::vector<std::string>& setting_environment_variables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const std::string& key : kFileKeys) {
      if (key != "scanners" && key != "tickets") list.push_back(env_name(key));
    }
    list.push_back("LAMINA_CONFIG");
    return list;
  }();
  return names;
}

std::optional<ConfigSource> find_config_file(const SettingFlags& options, const EnvMap& env,
                                             const std::string& repo_root) {
  std::optional<std::string> named = options.config_path;
  std::string origin = "--config";
  if (!named) {
    named = env_get(env, "LAMINA_CONFIG");
    origin = "LAMINA_CONFIG";
  }
  std::string error;
  if (named && !named->empty()) {
    auto text = read_file(*named, &error);
    if (!text) throw Error(origin + ": cannot read " + *named + ": " + error);
    return ConfigSource{*named, std::move(*text)};
  }
  // Named ".lamina.yml" in messages and plans: the user knows it by that name.
  std::string path = (repo_root.empty() ? std::string(".") : repo_root) + "/.lamina.yml";
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  // The file comes with the change under review: a symlink could point at a secret on the CI
  // machine whose contents would then surface in error messages.
  if (!S_ISREG(st.st_mode)) {
    throw Error(
        ".lamina.yml: not a regular file (a symlink or special file); lamina reads only a "
        "regular .lamina.yml, or the file named by --config");
  }
  auto text = read_file(path, &error);
  if (!text) throw Error(".lamina.yml: cannot read: " + error);
  return ConfigSource{".lamina.yml", std::move(*text)};
}

Settings load_settings(const std::optional<ConfigSource>& file, const SettingFlags& options,
                       const EnvMap& env) {
  // Level 0: built-in defaults.
  Settings s;
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  s.jobs = {static_cast<int>(cpus > 0 ? cpus : 1), SettingLevel::builtin_default,
            "default (online CPUs)"};
  s.timeout.value = std::chrono::minutes(5);
  // The same default as the GitHub action's and the GitLab templates' fail-on input: a local run
  // gates like the CI job it prepares for.
  s.fail_on.value = "sev2";
  s.filter.value = "added";
  s.default_excludes.value = true;

  // Level 1: the configuration file.
  if (file) apply_file(s, *file);

  // Level 2: LAMINA_* environment variables.
  for (const std::string& key : kFileKeys) {
    if (key == "scanners" || key == "tickets") continue;
    std::string name = env_name(key);
    auto text = env_get(env, name);
    if (!text) continue;
    RawValue raw{*text, SettingLevel::environment, name, name};
    if (key == "exclude") {
      assign(s.exclude, split_commas(*text), raw);
    } else if (key == "require_coverage") {
      set_required_coverage(s, raw);
    } else {
      set_scalar(s, key, raw);
    }
  }

  // Level 3: the command line.
  auto from_cli = [&](const std::optional<std::string>& value, const char* key, const char* flag) {
    if (value) set_scalar(s, key, {*value, SettingLevel::command_line, flag, flag});
  };
  from_cli(options.jobs, "jobs", "--jobs");
  from_cli(options.timeout, "timeout", "--timeout");
  from_cli(options.budget, "budget", "--budget");
  from_cli(options.fail_on, "fail_on", "--fail-on");
  from_cli(options.filter, "filter", "--filter");
  if (options.fail_fast) {
    set_scalar(s, "fail_fast",
               {*options.fail_fast ? "true" : "false", SettingLevel::command_line,
                *options.fail_fast ? "--fail-fast" : "--no-fail-fast", "--fail-fast"});
  }
  if (options.require_coverage) {
    set_required_coverage(s, {*options.require_coverage, SettingLevel::command_line,
                              "--require-coverage", "--require-coverage"});
  }
  return s;
}

}  // namespace lamina
