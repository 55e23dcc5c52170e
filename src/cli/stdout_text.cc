#include "cli/stdout_text.h"

#include <cstdio>
#include <string>

#include "util/json_text.h"
#include "util/workflow_command.h"

namespace lamina {
namespace {

void write_value(JsonText& json, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      json.begin_object();
      for (const auto& [key, item] : value.items()) {
        json.key(key);
        write_value(json, item);
      }
      json.end_object();
      return;
    case nlohmann::json::value_t::array:
      json.begin_array();
      for (const nlohmann::json& item : value) write_value(json, item);
      json.end_array();
      return;
    case nlohmann::json::value_t::string:
      json.value(value.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::boolean:
      json.value(value.get<bool>());
      return;
    case nlohmann::json::value_t::number_integer:
      json.value(value.get<int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      json.value(value.get<uint64_t>());
      return;
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      json.null();
      return;
    default:  // floats and binary: nlohmann's own text
      json.raw(value.dump());
  }
}

}  // namespace

bool stdout_is_github_log(const EnvMap& env) {
  return env_or_empty(env, "GITHUB_ACTIONS") == "true";
}

JsonStyle stdout_json_style(const EnvMap& env) {
  bool github = stdout_is_github_log(env);
  return {.indent = 2, .ascii = github, .no_log_markers = github};
}

void print_stdout_text(std::string_view text, const EnvMap& env) {
  std::string shown = log_text(stdout_is_github_log(env), text);
  std::fwrite(shown.data(), 1, shown.size(), stdout);
}

void print_stdout_json(const nlohmann::json& doc, const EnvMap& env) {
  std::string text;
  JsonText json(text, stdout_json_style(env));
  write_value(json, doc);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace lamina
