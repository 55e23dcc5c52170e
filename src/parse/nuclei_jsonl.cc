// nuclei -jsonl: one JSON object per line, {template-id, template-url, info: {name, severity,
// reference, classification: {cvss-score, ...}}, matcher-name, type, host, matched-at, request,
// response, ...}; nothing at all when no template matched. The raw HTTP request and response
// (session cookies, whole pages) are left out of the kept record.
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

using json = nlohmann::json;

bool is_web_url(const std::string& text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

// Where the template matched: matched-at for HTTP templates; others (dns, javascript) may only
// have host, or a "url" nuclei writes as "/http://host/".
std::string matched_url(const json& record) {
  for (const char* key : {"matched-at", "host", "path", "url"}) {
    std::string value = json_string(record, key);
    if (!value.empty() && value.front() == '/' && is_web_url(value.substr(1))) {
      value.erase(0, 1);
    }
    if (is_web_url(value)) return value;
  }
  return "";
}

std::string help_uri(const json& record, const json& info) {
  std::string url = json_string(record, "template-url");
  if (!url.empty()) return url;
  auto references = info.find("reference");
  if (references != info.end() && references->is_array()) {
    for (const json& reference : *references) {
      if (reference.is_string()) return reference.get<std::string>();
    }
  }
  return "";
}

Finding match_finding(json record, const ParseContext& ctx) {
  const json info = record.value("info", json::object());
  for (const char* bulky : {"request", "response", "curl-command"}) record.erase(bulky);
  Finding f = new_finding(ctx, record.dump());
  f.rule_id = json_string(record, "template-id");
  f.rule_name = json_string(info, "name");
  f.help_uri = help_uri(record, info);
  f.tool_level = json_string(info, "severity");
  f.message = f.rule_name.empty() ? f.rule_id : f.rule_name;
  std::string matcher = json_string(record, "matcher-name");
  if (!matcher.empty()) f.message += " (" + matcher + ")";
  f.url = matched_url(record);
  auto classification = info.find("classification");
  if (classification != info.end() && classification->is_object()) {
    auto score = classification->find("cvss-score");
    if (score != classification->end() && score->is_number() && score->get<double>() > 0.0) {
      f.security_severity = score->get<double>();
    }
  }
  return f;
}

}  // namespace

ParseOutcome parse_nuclei_jsonl(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  size_t line_number = 0;
  for (std::string_view line : text_lines(bytes, outcome)) {
    ++line_number;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    ParseOutcome line_outcome;
    std::optional<json> record = parse_json_document(line, "nuclei-jsonl", line_outcome);
    if (!record || !record->is_object() || json_string(*record, "template-id").empty()) {
      std::string why = line_outcome.error ? *line_outcome.error
                                           : "no \"template-id\" (was nuclei run with -jsonl?)";
      outcome.error = "nuclei-jsonl: line " + std::to_string(line_number) + ": " + why;
      return outcome;
    }
    outcome.findings.push_back(match_finding(std::move(*record), ctx));
  }
  return outcome;
}

}  // namespace lamina
