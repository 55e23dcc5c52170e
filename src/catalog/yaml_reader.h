#pragma once
// Typed reads from yaml-cpp nodes for the catalog and .lamina.yml. Every failure is a
// lamina::Error reading "file:line:column: <field>: what was expected, got what".
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

// Where a node came from, for messages: the file name as the user knows it.
struct YamlSource {
  std::string file;
  std::string position(const YAML::Node& node) const;  // "file:line:column" (1-based)
  int line(const YAML::Node& node) const;              // 1-based, 0 when unknown
  [[noreturn]] void fail(const YAML::Node& node, const std::string& what) const;
};

// Parses a whole document; a syntax error becomes "file:line:column: <yaml-cpp's message>".
YAML::Node parse_yaml(std::string_view text, const YamlSource& source);

// `text` in double quotes for a message: control bytes as \xNN, cut after 60 bytes, so a
// message never carries a whole file or a terminal escape sequence.
std::string quoted(std::string_view text);

// What a node is, in words: a scalar quoted(), "a list", "a mapping", "nothing".
std::string yaml_kind(const YAML::Node& node);

// Fails on any key of `map` not in `allowed` (suggesting the nearest allowed key) and on a key
// given twice.
void check_keys(const YAML::Node& map, const YamlSource& source, const std::string& context,
                const std::vector<std::string>& allowed);

// Fails on a key given twice in `map` (yaml-cpp accepts duplicates).
void check_unique_keys(const YAML::Node& map, const YamlSource& source, const std::string& context);

void expect_map(const YAML::Node& node, const YamlSource& source, const std::string& field);
std::string read_string(const YAML::Node& node, const YamlSource& source, const std::string& field);
// A list of strings; a single string is accepted as a one-element list when `scalar_ok`.
std::vector<std::string> read_string_list(const YAML::Node& node, const YamlSource& source,
                                          const std::string& field, bool scalar_ok = true);
bool read_bool(const YAML::Node& node, const YamlSource& source, const std::string& field);
int read_int(const YAML::Node& node, const YamlSource& source, const std::string& field, int min,
             int max);
std::chrono::milliseconds read_duration(const YAML::Node& node, const YamlSource& source,
                                        const std::string& field);

}  // namespace lamina
