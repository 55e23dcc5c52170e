#pragma once
// What a command prints on stdout. Under GitHub Actions stdout is the job's log, where a line
// starting "::" or holding "##[" is a workflow command; file names, config values from the
// change and tool banners are hostile, so text goes through log_text() and JSON is written
// ASCII-only with "##[" as "##\u005b" (the same document to any JSON reader).
#include <nlohmann/json.hpp>
#include <string_view>

#include "util/env.h"
#include "util/json_text.h"

namespace lamina {

// True when lamina runs in a GitHub Actions job (GITHUB_ACTIONS=true).
bool stdout_is_github_log(const EnvMap& env);

// How JSON on stdout is written: indented by two spaces; in a GitHub log ASCII-only, "##[" escaped.
JsonStyle stdout_json_style(const EnvMap& env);

// `text` as is, or made inert for a GitHub log.
void print_stdout_text(std::string_view text, const EnvMap& env);

// `doc` indented by two spaces, then a newline (invalid UTF-8 replaced, as every JSON lamina
// writes).
void print_stdout_json(const nlohmann::json& doc, const EnvMap& env);

}  // namespace lamina
