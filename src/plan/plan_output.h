#pragma once
// The Plan for machines (`lamina plan --json`) and for people.
#include <nlohmann/json.hpp>
#include <string>

#include "plan/plan.h"
#include "util/json_text.h"

namespace lamina {

// One object per scanner: id, name, selected, required, installed, installed_path, reason,
// install_hint, files [{path, rule}], invocations (argv lists) and invocation_details
// [{cwd, files, timeout_ms, format, output_from, ok_exit_codes, env_passthrough}], parallel to
// invocations. Keys sorted in every object.
void write_scanners(JsonText& json, const Plan& plan);
// [{path, rule}] for the paths no scanner sees.
void write_exclusions(JsonText& json, const Plan& plan);
// The plan's notes, an array of strings.
void write_notes(JsonText& json, const Plan& plan);
// {excluded, layer, not_covered, notes, repo_root, scanners}.
void write_plan(JsonText& json, const Plan& plan);

// The same, as a DOM (tests, small documents).
nlohmann::json scanners_to_json(const Plan& plan);
nlohmann::json plan_to_json(const Plan& plan);

// A readable account: each scanner, whether it runs and why, its files with the deciding rule
// and its argv; then excluded paths and notes.
std::string plan_scanners_text(const Plan& plan);

}  // namespace lamina
