// bandit -f json: {"results":[{filename,line_number,line_range,col_offset?,issue_severity,
// issue_confidence,issue_text,test_id,test_name,more_info}], "errors":[{filename,reason}]}.
// bandit exits 0 when it could not scan a file, listing it only in "errors". A file it cannot
// parse ("syntax error while parsing AST", also for bytes no Python decodes) is a file Python
// could not run either: a note on the run ("not scanned: ..."), shown on the console and in
// SARIF, not a failure of the whole run. A file it could not read (gone, unreadable) is a failed
// scan, reported as the outcome's error (the findings read are kept).
#include <algorithm>

#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

using json = nlohmann::json;

RawRegion bandit_region(const json& result) {
  RawRegion region;
  region.start_line = json_integer(result, "line_number");
  auto range = result.find("line_range");
  if (range != result.end() && range->is_array()) {
    for (const json& line : *range) {
      std::optional<int64_t> n = json_integer(line);
      if (n && (!region.end_line || *n > *region.end_line)) region.end_line = n;
    }
  }
  // col_offset (bandit >= 1.7.3) is 0-based.
  if (std::optional<int64_t> column = json_integer(result, "col_offset")) {
    region.start_column = *column + 1;
  }
  return region;
}

// "a.py: reason; b.py: reason", at most 20 listed.
std::string listed(const std::vector<const json*>& errors) {
  constexpr size_t kListed = 20;
  std::string text;
  for (size_t i = 0; i < errors.size() && i < kListed; ++i) {
    text += text.empty() ? "" : "; ";
    text += json_string(*errors[i], "filename") + ": " + json_string(*errors[i], "reason");
  }
  if (errors.size() > kListed) text += "; and " + std::to_string(errors.size() - kListed) + " more";
  return text;
}

void report_scan_errors(const json& document, ParseOutcome& outcome) {
  auto errors = document.find("errors");
  if (errors == document.end() || !errors->is_array() || errors->empty()) return;
  std::vector<const json*> syntax, unread;
  for (const json& error : *errors) {
    bool not_python = json_string(error, "reason").rfind("syntax error", 0) == 0;
    (not_python ? syntax : unread).push_back(&error);
  }
  if (!syntax.empty()) {
    outcome.notes.push_back(
        "not scanned: " + std::to_string(syntax.size()) +
        " file(s) are not valid Python (Python could not run them either): " + listed(syntax));
  }
  if (!unread.empty()) {
    outcome.error = "bandit-json: bandit could not scan " + std::to_string(unread.size()) +
                    " file(s): " + listed(unread);
  }
}

}  // namespace

ParseOutcome parse_bandit_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "bandit-json", outcome);
  if (!document) return outcome;
  auto results = document->is_object() ? document->find("results") : document->end();
  if (!document->is_object() || results == document->end() || !results->is_array()) {
    outcome.error = "bandit-json: no \"results\" array (was bandit run with -f json?)";
    return outcome;
  }
  for (const json& result : *results) {
    Finding finding = new_finding(ctx, result.dump());
    finding.rule_id = json_string(result, "test_id");
    finding.rule_name = json_string(result, "test_name");
    finding.help_uri = json_string(result, "more_info");
    finding.tool_level = json_string(result, "issue_severity");
    finding.message = json_string(result, "issue_text");
    place_finding(finding, json_string(result, "filename"), bandit_region(result), ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  report_scan_errors(*document, outcome);
  return outcome;
}

}  // namespace lamina
