#pragma once
// Step outputs for $GITHUB_OUTPUT, always in the multiline-safe `name<<DELIMITER` form with a
// random delimiter that the value cannot contain (as @actions/core does).
#include <string>
#include <utility>
#include <vector>

#include "outcome/scan_result.h"

namespace lamina {

// sarif, gate (pass | fail | scanner-failure), findings, sev1, sev2, sev3, failed-scanners,
// not-covered (changed files some kind of check did not reach).
std::vector<std::pair<std::string, std::string>> github_output_values(
    const ScanResult& scan, const std::string& sarif_path);

// The text to append to $GITHUB_OUTPUT. `delimiter` must not occur in any value; pass a random
// one (random_delimiter()) outside tests.
std::string github_output_text(const std::vector<std::pair<std::string, std::string>>& values,
                               const std::string& delimiter);

std::string random_delimiter();  // "ghadelimiter_" + 32 random hex digits

}  // namespace lamina
