// gitleaks --report-format json: [{Description, StartLine, EndLine, StartColumn, EndColumn,
// Match, Secret, File, Commit, RuleID, Fingerprint, ...}]. The secret itself never leaves this
// parser: Secret and Match are redacted in the kept original record.
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

using json = nlohmann::json;

std::string redacted_record(json record) {
  for (const char* key : {"Secret", "Match"}) {
    if (record.contains(key)) record[key] = "REDACTED";
  }
  return record.dump();
}

}  // namespace

ParseOutcome parse_gitleaks_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "gitleaks-json", outcome);
  if (!document) return outcome;
  if (!document->is_array()) {
    outcome.error = "gitleaks-json: expected a JSON array of leaks (--report-format json)";
    return outcome;
  }
  for (const json& leak : *document) {
    if (!leak.is_object()) continue;
    Finding finding = new_finding(ctx, redacted_record(leak));
    finding.rule_id = json_string(leak, "RuleID");
    finding.tool_level = "secret";
    finding.message = json_string(leak, "Description");
    std::string fingerprint = json_string(leak, "Fingerprint");
    if (!fingerprint.empty()) finding.fingerprints["gitleaks/v8"] = fingerprint;
    RawRegion region{json_integer(leak, "StartLine"), json_integer(leak, "StartColumn"),
                     json_integer(leak, "EndLine"), json_integer(leak, "EndColumn")};
    place_finding(finding, json_string(leak, "File"), region, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace lamina
