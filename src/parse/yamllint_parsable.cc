// yamllint -f parsable: "path:line:column: [level] message (rule)".
#include "parse/line_formats.h"
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {

ParseOutcome parse_yamllint_parsable(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  UnreadLines unread;
  for (std::string_view line : text_lines(bytes, outcome)) {
    std::optional<LinePrefix> prefix = split_line_prefix(line);
    std::string_view rest = prefix ? prefix->rest : std::string_view();
    size_t level_end = rest.find("] ");
    if (!prefix || rest.empty() || rest.front() != '[' || level_end == std::string_view::npos) {
      unread.add(line);
      continue;
    }
    if (outcome.findings.full()) {
      outcome.findings.count_over_limit();
      continue;
    }
    Finding finding = new_finding(ctx, std::string(line));
    finding.tool_level = std::string(rest.substr(1, level_end - 1));
    std::string_view message = rest.substr(level_end + 2);
    finding.rule_id = std::string(take_trailing_tag(message, '(', ')'));
    finding.message = std::string(message);
    RawRegion region{prefix->line, prefix->column, std::nullopt, std::nullopt};
    place_finding(finding, prefix->path, region, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  unread.report("yamllint parsable", outcome);
  return outcome;
}

}  // namespace lamina
