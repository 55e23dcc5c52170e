// codespell: "path:line: typo ==> fix[, fix2][ | reason]". It has no rules or levels: every line
// is a misspelling.
#include "parse/line_formats.h"
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {

ParseOutcome parse_codespell(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  UnreadLines unread;
  for (std::string_view line : text_lines(bytes, outcome)) {
    std::optional<LinePrefix> prefix = split_line_prefix(line);
    if (!prefix || prefix->rest.find(" ==> ") == std::string_view::npos) {
      unread.add(line);
      continue;
    }
    if (outcome.findings.full()) {
      outcome.findings.count_over_limit();
      continue;
    }
    Finding finding = new_finding(ctx, std::string(line));
    finding.rule_id = "misspelling";
    finding.tool_level = "misspelling";
    finding.message = std::string(prefix->rest);
    RawRegion region{prefix->line, prefix->column, std::nullopt, std::nullopt};
    place_finding(finding, prefix->path, region, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  unread.report("codespell", outcome);
  return outcome;
}

}  // namespace lamina
