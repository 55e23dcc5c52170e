#pragma once
// The Plan for machines (`lamina plan --json`) and for people.
#include <nlohmann/json.hpp>
#include <string>

#include "plan/plan.h"

namespace lamina {

// One object per scanner: id, name, selected, required, installed, installed_path, reason,
// install_hint, files [{path, rule}], invocations (argv lists) and invocation_details
// [{cwd, files, timeout_ms, format, output_from, ok_exit_codes}], parallel to invocations.
nlohmann::json scanners_to_json(const Plan& plan);

// {layer, repo_root, scanners, excluded [{path, rule}], notes}.
nlohmann::json plan_to_json(const Plan& plan);

// A readable account: each scanner, whether it runs and why, its files with the deciding rule
// and its argv; then excluded paths and notes.
std::string plan_scanners_text(const Plan& plan);

}  // namespace lamina
