// clamscan text output: "path: Signature.Name FOUND" per hit, "path: OK" per clean file,
// "path: reason ERROR" per file it could not read (an error: that file was not scanned), then a
// summary whose "Infected files: N" is checked against the hits read.
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

constexpr std::string_view kFound = " FOUND";
constexpr std::string_view kInfected = "Infected files: ";
constexpr std::string_view kError = " ERROR";

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

ParseOutcome parse_clamscan(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<int64_t> infected_summary;
  size_t hits = 0;
  std::vector<std::string> unscanned;  // "path: reason" of files clamscan could not read
  for (std::string_view line : text_lines(bytes, outcome)) {
    std::string_view text = line;
    if (text.substr(0, kInfected.size()) == kInfected) {
      infected_summary = parse_integer(text.substr(kInfected.size()));
      continue;
    }
    // The signature name has no ": ", the path may: split at the last one.
    size_t separator = text.rfind(": ");
    if (ends_with(text, kError) && separator != std::string_view::npos) {
      unscanned.emplace_back(text.substr(0, text.size() - kError.size()));
      continue;
    }
    if (!ends_with(text, kFound) || separator == std::string_view::npos) continue;
    ++hits;
    Finding finding = new_finding(ctx, std::string(line));
    std::string_view signature =
        text.substr(separator + 2, text.size() - kFound.size() - separator - 2);
    finding.rule_id = std::string(signature);
    finding.tool_level = "FOUND";
    finding.message = "malware signature " + std::string(signature) + " matched";
    place_finding(finding, text.substr(0, separator), RawRegion{}, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  if (!unscanned.empty()) {
    std::string list;
    for (const std::string& entry : unscanned) list += (list.empty() ? "" : "; ") + entry;
    outcome.error =
        "clamscan: could not scan " + std::to_string(unscanned.size()) + " file(s): " + list;
  } else if (infected_summary && *infected_summary != static_cast<int64_t>(hits)) {
    outcome.error = "clamscan: summary says " + std::to_string(*infected_summary) +
                    " infected file(s) but " + std::to_string(hits) + " FOUND line(s) were read";
  }
  return outcome;
}

}  // namespace lamina
