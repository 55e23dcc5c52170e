#include "parse/sarif_code_flows.h"

#include <nlohmann/json.hpp>

#include "parse/parse_support.h"

namespace lamina {
namespace {

using json = nlohmann::json;

std::string message_of(const json& holder) {
  return json_string(json_member(holder, "message"), "text");
}

// threadFlowLocation.location as the run's reader sees a result location.
SarifLocation step_location(const json& step) {
  const json& location = json_member(step, "location");
  const json& physical = json_member(location, "physicalLocation");
  const json& artifact = json_member(physical, "artifactLocation");
  const json& region = json_member(physical, "region");
  SarifLocation out;
  out.uri = json_string(artifact, "uri");
  out.uri_base_id = json_string(artifact, "uriBaseId");
  out.artifact_index = json_integer(artifact, "index");
  out.region = {json_integer(region, "startLine"), json_integer(region, "startColumn"),
                json_integer(region, "endLine"), json_integer(region, "endColumn")};
  out.message = message_of(location);
  return out;
}

std::vector<Location> thread_flow(const json& flow, const PlaceStep& place) {
  std::vector<Location> steps;
  const json& locations = json_member(flow, "locations");
  if (!locations.is_array()) return steps;
  for (const json& step : locations) {
    if (steps.size() == kMaxThreadFlowSteps) break;
    steps.push_back(place(step_location(step)));
  }
  return steps;
}

}  // namespace

std::vector<CodeFlow> read_code_flows(const std::string& original, const PlaceStep& place) {
  std::vector<CodeFlow> flows;
  if (original.find("\"codeFlows\"") == std::string::npos) return flows;
  json result = json::parse(original, nullptr, false);
  const json& code_flows = json_member(result, "codeFlows");
  if (!code_flows.is_array()) return flows;
  for (const json& code_flow : code_flows) {
    if (flows.size() == kMaxCodeFlows) break;
    CodeFlow flow;
    flow.message = message_of(code_flow);
    const json& threads = json_member(code_flow, "threadFlows");
    if (!threads.is_array()) continue;
    for (const json& thread : threads) {
      std::vector<Location> steps = thread_flow(thread, place);
      if (!steps.empty()) flow.thread_flows.push_back(std::move(steps));
    }
    // SARIF wants at least one thread flow with at least one step.
    if (!flow.thread_flows.empty()) flows.push_back(std::move(flow));
  }
  return flows;
}

}  // namespace lamina
