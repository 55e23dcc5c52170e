#include "catalog/yaml_reader.h"

#include <charconv>
#include <map>

#include "catalog/near_miss.h"
#include "util/duration.h"
#include "util/error.h"

namespace lamina {

std::string YamlSource::position(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return file;
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

int YamlSource::line(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

void YamlSource::fail(const YAML::Node& node, const std::string& what) const {
  throw Error(position(node) + ": " + what);
}

YAML::Node parse_yaml(std::string_view text, const YamlSource& source) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw Error(source.file + ":" + std::to_string(e.mark.line + 1) + ":" +
                std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
}

std::string quoted(std::string_view text) {
  constexpr size_t kLimit = 60;
  std::string out = "\"";
  for (char c : text.substr(0, kLimit)) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static const char* hex = "0123456789abcdef";
      out += std::string("\\x") + hex[byte >> 4] + hex[byte & 15];
    } else {
      out += c;
    }
  }
  return out + (text.size() > kLimit ? "...\"" : "\"");
}

std::string yaml_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return quoted(node.Scalar());
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Undefined:
      return "nothing";
  }
  return "nothing";
}

void check_unique_keys(const YAML::Node& map, const YamlSource& source,
                       const std::string& context) {
  std::map<std::string, int> seen;  // key -> line of its first use
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) continue;
    auto [it, added] = seen.emplace(entry.first.Scalar(), source.line(entry.first));
    if (!added) {
      source.fail(entry.first, "duplicate key '" + it->first + "' in " + context +
                                   " (first given on line " + std::to_string(it->second) +
                                   "); YAML would silently keep only one");
    }
  }
}

void check_keys(const YAML::Node& map, const YamlSource& source, const std::string& context,
                const std::vector<std::string>& allowed) {
  for (const auto& entry : map) {
    std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string list;
    for (const std::string& name : allowed) list += (list.empty() ? "" : ", ") + name;
    source.fail(entry.first, "unknown key '" + key + "' in " + context +
                                 did_you_mean(key, allowed) + "; expected one of: " + list);
  }
  check_unique_keys(map, source, context);
}

void expect_map(const YAML::Node& node, const YamlSource& source, const std::string& field) {
  if (!node.IsMap()) source.fail(node, field + ": expected a mapping, got " + yaml_kind(node));
}

std::string read_string(const YAML::Node& node, const YamlSource& source,
                        const std::string& field) {
  if (!node.IsScalar()) source.fail(node, field + ": expected a string, got " + yaml_kind(node));
  return node.Scalar();
}

std::vector<std::string> read_string_list(const YAML::Node& node, const YamlSource& source,
                                          const std::string& field, bool scalar_ok) {
  if (scalar_ok && node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) {
    source.fail(node, field + ": expected a list of strings, got " + yaml_kind(node));
  }
  std::vector<std::string> values;
  for (const YAML::Node& item : node) {
    values.push_back(read_string(item, source, field + "[" + std::to_string(values.size()) + "]"));
  }
  return values;
}

bool read_bool(const YAML::Node& node, const YamlSource& source, const std::string& field) {
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (text == "true") return true;
    if (text == "false") return false;
  }
  source.fail(node, field + ": expected true or false, got " + yaml_kind(node));
}

int read_int(const YAML::Node& node, const YamlSource& source, const std::string& field, int min,
             int max) {
  int value = 0;
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max) {
      return value;
    }
  }
  source.fail(node, field + ": expected a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max) + ", got " + yaml_kind(node));
}

std::chrono::milliseconds read_duration(const YAML::Node& node, const YamlSource& source,
                                        const std::string& field) {
  if (node.IsScalar()) {
    if (auto duration = parse_duration(node.Scalar())) return *duration;
  }
  source.fail(node, field + ": expected a duration like 30s, 5m or 1h, got " + yaml_kind(node));
}

}  // namespace lamina
