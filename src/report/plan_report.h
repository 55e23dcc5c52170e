#pragma once
// `lamina plan`: the CI context, the change set and the scanner decisions, as JSON or as text.
#include <nlohmann/json.hpp>
#include <string>

#include "ci/ci_context.h"
#include "git/change_set.h"
#include "plan/plan.h"
#include "util/json_text.h"

namespace lamina {

// {"provider", "event", "repository", "range", "base", "head", "pr", "workspace", "full_scan",
//  "includes_worktree", "reason", "notes"}, keys sorted.
void write_context(JsonText& json, const CiContext& ctx, const ChangeSet& changes);

// [{"path", "old_path", "status", "binary", "submodule", "symlink", "added_lines", "hunks"}],
// keys sorted. A path that is not valid UTF-8 is written with U+FFFD replacements and its exact
// bytes in "path_base64" (and "old_path_base64").
void write_changes(JsonText& json, const ChangeSet& changes);

// The same, as a DOM (tests, small documents).
nlohmann::json context_to_json(const CiContext& ctx, const ChangeSet& changes);
nlohmann::json changes_to_json(const ChangeSet& changes);

// One line per changed file for a person: status, path (control bytes escaped), added lines.
std::string changes_text(const ChangeSet& changes);

}  // namespace lamina
