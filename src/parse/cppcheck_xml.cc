// cppcheck --xml (version 2, written to stderr): <results><errors><error id severity msg verbose
// cwe><location file line column info/>...</error></errors></results>. The first location is
// where the problem is; the others explain it (related locations). Messages of severity
// "information" (missingIncludeSystem, toomanyconfigs, checkersReport...) say how cppcheck ran,
// not what is wrong with the code: they become notes, one per id with a count, never findings.
#include <algorithm>

#include "parse/parse_support.h"
#include "parse/parsers.h"
#include "parse/xml_support.h"

namespace lamina {
namespace {

RawRegion location_region(const pugi::xml_node& location) {
  RawRegion region;
  if (pugi::xml_attribute line = location.attribute("line"))
    region.start_line = parse_integer(line.value());
  if (pugi::xml_attribute column = location.attribute("column")) {
    region.start_column = parse_integer(column.value());
  }
  return region;
}

// Related locations of `error`; one that cannot be mapped into the repository is left out, with
// a note on the finding (the finding itself is kept).
void add_related(const pugi::xml_node& error, Finding& finding, const ParseContext& ctx,
                 ParseOutcome& outcome) {
  bool primary = true;
  for (pugi::xml_node location : error.children("location")) {
    if (primary) {
      primary = false;
      continue;
    }
    Finding holder;
    place_finding(holder, location.attribute("file").value(), location_region(location), ctx,
                  outcome);
    if (!holder.unmapped_location.empty()) {
      finding.notes.push_back("related location " + in_quotes(holder.unmapped_location) +
                              " could not be mapped into the repository: left out");
      continue;
    }
    for (std::string& note : holder.notes) finding.notes.push_back(std::move(note));
    holder.location.message = location.attribute("info").value();
    finding.related.push_back(std::move(holder.location));
  }
}

// "cppcheck information: <msg> (<id>, 3 times)" per id, in first-seen order.
void note_information(const std::vector<std::pair<std::string, std::string>>& seen,
                      ParseOutcome& outcome) {
  std::vector<std::pair<std::string, size_t>> counts;  // id -> count, first-seen order
  std::vector<std::string> messages;
  for (const auto& entry : seen) {
    const std::string& id = entry.first;
    auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == id; });
    if (it != counts.end()) {
      ++it->second;
      continue;
    }
    counts.emplace_back(id, 1);
    messages.push_back(entry.second);
  }
  for (size_t i = 0; i < counts.size(); ++i) {
    std::string times =
        counts[i].second > 1 ? ", " + std::to_string(counts[i].second) + " times" : "";
    outcome.notes.push_back("cppcheck information: " + messages[i] + " (" + counts[i].first +
                            times + ")");
  }
}

}  // namespace

ParseOutcome parse_cppcheck_xml(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  pugi::xml_document document;
  if (!load_xml(document, bytes, "cppcheck-xml", outcome)) return outcome;
  pugi::xml_node errors = document.child("results").child("errors");
  if (!document.child("results")) {
    outcome.error = "cppcheck-xml: no <results> root element (was cppcheck run with --xml?)";
    return outcome;
  }
  std::vector<std::pair<std::string, std::string>> information;
  for (pugi::xml_node error : errors.children("error")) {
    if (std::string_view(error.attribute("severity").value()) == "information") {
      information.emplace_back(error.attribute("id").value(), error.attribute("msg").value());
      continue;
    }
    Finding finding = new_finding(ctx, outer_xml(error));
    finding.rule_id = error.attribute("id").value();
    finding.tool_level = error.attribute("severity").value();
    finding.message = error.attribute("msg").value();
    if (finding.message.empty()) finding.message = error.attribute("verbose").value();
    pugi::xml_node primary = error.child("location");
    if (primary) {
      place_finding(finding, primary.attribute("file").value(), location_region(primary), ctx,
                    outcome);
      finding.location.message = primary.attribute("info").value();
    }
    add_related(error, finding, ctx, outcome);
    outcome.findings.push_back(std::move(finding));
  }
  note_information(information, outcome);
  return outcome;
}

}  // namespace lamina
