// wapiti -f json: {"vulnerabilities"|"anomalies"|"additionals": {"<category>": [{method, path,
// info, level, parameter, http_request, curl_command}]}, "classifications": {"<category>":
// {desc, sol, ref: {title: url}}}, "infos": {target, ...}}. wapiti exits 0 whatever it finds,
// also when the target is down: then only its stdout tells ("Wapiti found 0 URLs and forms").
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

using json = nlohmann::json;

// "http://host:8080/app/" + "/search" -> "http://host:8080/search" (wapiti paths are absolute).
std::string absolute_url(const std::string& target, const std::string& path) {
  if (has_uri_scheme(path)) return path;
  size_t scheme_end = target.find("://");
  if (scheme_end == std::string::npos) return target + path;
  size_t origin_end = target.find('/', scheme_end + 3);
  return target.substr(0, origin_end) + path;
}

std::string first_reference(const json& classifications, const std::string& category) {
  auto entry = classifications.find(category);
  if (entry == classifications.end() || !entry->is_object()) return "";
  auto references = entry->find("ref");
  if (references == entry->end() || !references->is_object()) return "";
  for (const json& url : *references) {
    if (url.is_string()) return url.get<std::string>();
  }
  return "";
}

void read_section(const json& document, const char* section, const ParseContext& ctx,
                  ParseOutcome& outcome) {
  auto categories = document.find(section);
  if (categories == document.end() || !categories->is_object()) return;
  const json classifications = document.value("classifications", json::object());
  std::string target = json_string(document.value("infos", json::object()), "target");
  for (const auto& [category, entries] : categories->items()) {
    if (!entries.is_array()) continue;
    for (const json& entry : entries) {
      Finding finding = new_finding(ctx, entry.dump());
      finding.rule_id = category;
      finding.help_uri = first_reference(classifications, category);
      std::optional<int64_t> level = json_integer(entry, "level");
      finding.tool_level = level ? std::to_string(*level) : "";
      finding.message = json_string(entry, "info");
      finding.url = absolute_url(target, json_string(entry, "path"));
      outcome.findings.push_back(std::move(finding));
    }
  }
}

// The number in "[*] Wapiti found <N> URLs and forms during the scan", if printed.
std::optional<int64_t> crawled_count(std::string_view console) {
  constexpr std::string_view kBefore = "Wapiti found ", kAfter = " URLs and forms";
  size_t at = console.find(kBefore);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = console.substr(at + kBefore.size());
  size_t end = rest.find(kAfter);
  if (end == std::string_view::npos) return std::nullopt;
  return parse_integer(rest.substr(0, end));
}

// "<N> requests were skipped due to network issues": the scan is partial, not failed.
void note_skipped_requests(std::string_view console, ParseOutcome& outcome) {
  constexpr std::string_view kSkipped = " requests were skipped due to network issues";
  for (size_t at = console.find(kSkipped); at != std::string_view::npos;
       at = console.find(kSkipped, at + 1)) {
    size_t start = console.rfind('\n', at);
    start = start == std::string_view::npos ? 0 : start + 1;
    outcome.notes.push_back("wapiti: " + one_line(console.substr(start, at - start), 20) +
                            " request(s) skipped due to network issues");
  }
}

}  // namespace

ParseOutcome parse_wapiti_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "wapiti-json", outcome);
  if (!document) return outcome;
  if (!document->is_object() || !document->contains("vulnerabilities")) {
    outcome.error = "wapiti-json: no \"vulnerabilities\" object (was wapiti run with -f json?)";
    return outcome;
  }
  for (const char* section : {"vulnerabilities", "anomalies", "additionals"}) {
    read_section(*document, section, ctx, outcome);
  }
  note_skipped_requests(ctx.console, outcome);
  if (crawled_count(ctx.console) == 0) {
    std::string target = json_string(document->value("infos", json::object()), "target");
    outcome.tool_failure = "wapiti found 0 URLs at " + in_quotes(target) +
                           ": the target could not be reached (refused, timed out or not HTTP), so "
                           "nothing was scanned";
  }
  return outcome;
}

}  // namespace lamina
