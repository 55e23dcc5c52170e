// shellcheck -f json1: {"comments":[{file,line,endLine,column,endColumn,level,code,message,fix}]}.
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {

ParseOutcome parse_shellcheck_json1(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<nlohmann::json> document = parse_json_document(bytes, "shellcheck-json1", outcome);
  if (!document) return outcome;
  auto comments = document->find("comments");
  if (!document->is_object() || comments == document->end() || !comments->is_array()) {
    outcome.error = "shellcheck-json1: no \"comments\" array (was shellcheck run with -f json1?)";
    return outcome;
  }
  for (const nlohmann::json& comment : *comments) {
    Finding finding = new_finding(ctx, comment.dump());
    std::optional<int64_t> code = json_integer(comment, "code");
    finding.rule_id = code ? "SC" + std::to_string(*code) : "";
    if (code) finding.help_uri = "https://www.shellcheck.net/wiki/" + finding.rule_id;
    finding.tool_level = json_string(comment, "level");
    finding.message = json_string(comment, "message");
    RawRegion region{json_integer(comment, "line"), json_integer(comment, "column"),
                     json_integer(comment, "endLine"), json_integer(comment, "endColumn")};
    place_finding(finding, json_string(comment, "file"), region, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  return outcome;
}

}  // namespace lamina
