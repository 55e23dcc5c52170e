#pragma once
// A result's codeFlows (the steps of a taint path, as CodeQL and Semgrep write them), kept so the
// SARIF lamina writes still shows the path. Read from the result's original bytes, only for
// results that have them: the streaming reader skips them as they pass.
#include <functional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "parse/sarif_result.h"

namespace lamina {

// Places one step in the repository (uriBaseId, artifact index, mapping) as the run does for a
// result's own locations.
using PlaceStep = std::function<Location(const SarifLocation&)>;

// At most this many code flows per result and steps per thread flow are kept.
inline constexpr size_t kMaxCodeFlows = 10;
inline constexpr size_t kMaxThreadFlowSteps = 500;

// The code flows in `original` (one result as JSON), or none when it has none or is not JSON.
std::vector<CodeFlow> read_code_flows(const std::string& original, const PlaceStep& place);

}  // namespace lamina
