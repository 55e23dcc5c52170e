#pragma once
// The `lamina/v1` partial fingerprint: recognises the same finding across commits even when it
// moved to another line. It hashes the tool, the rule, the path, the flagged line's text with all
// whitespace removed, and the occurrence index of that combination within the file.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/finding.h"

namespace lamina {

inline constexpr const char* kFingerprintKey = "lamina/v1";

// Text of line `line` (1-based) of repository file `path`, or nullopt when unavailable.
using LineSource =
    std::function<std::optional<std::string>(const std::string& path, uint32_t line)>;

// A LineSource that reads files under `repo_root` (each file read once, lines split on LF, CR
// stripped). Paths are repository-relative and already confined by the parsers.
LineSource files_under(const std::string& repo_root);

// Sets finding.fingerprints["lamina/v1"] on every finding. Findings without a file or line use
// the message instead of the line text.
void assign_fingerprints(std::vector<Finding>& findings, const LineSource& lines);

// Marks findings whose lamina/v1 fingerprint is in `baseline` (in_baseline = true).
// Returns how many baseline fingerprints no longer occur (fixed or gone).
size_t mark_baseline(std::vector<Finding>& findings, const std::set<std::string>& baseline);

}  // namespace lamina
