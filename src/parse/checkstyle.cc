// Checkstyle XML (shellcheck -f checkstyle, eslint, hadolint, ...):
// <checkstyle><file name="p"><error line column severity message source/></file></checkstyle>.
#include "parse/parse_support.h"
#include "parse/parsers.h"
#include "parse/xml_support.h"

namespace lamina {
namespace {

std::optional<int64_t> attribute_number(const pugi::xml_node& node, const char* name) {
  pugi::xml_attribute attribute = node.attribute(name);
  return attribute ? parse_integer(attribute.value()) : std::nullopt;
}

}  // namespace

ParseOutcome parse_checkstyle(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  pugi::xml_document document;
  if (!load_xml(document, bytes, "checkstyle", outcome)) return outcome;
  pugi::xml_node root = document.child("checkstyle");
  if (!root) {
    outcome.error = "checkstyle: no <checkstyle> root element";
    return outcome;
  }
  for (pugi::xml_node file : root.children("file")) {
    std::string path = file.attribute("name").value();
    for (pugi::xml_node error : file.children("error")) {
      Finding finding = new_finding(ctx, outer_xml(error));
      finding.rule_id = error.attribute("source").value();
      finding.tool_level = error.attribute("severity").value();
      finding.message = error.attribute("message").value();
      RawRegion region{attribute_number(error, "line"), attribute_number(error, "column"),
                       std::nullopt, std::nullopt};
      place_finding(finding, path, region, ctx, outcome);
      outcome.findings.push_back(std::move(finding));
    }
  }
  return outcome;
}

}  // namespace lamina
