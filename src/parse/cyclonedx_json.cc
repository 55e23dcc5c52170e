// CycloneDX JSON (1.2 to 1.6), as SBOM generators write it (syft -o cyclonedx-json, cyclonedx-npm,
// trivy --format cyclonedx): {bomFormat: "CycloneDX", specVersion, metadata, components[] (nested
// through components[].components[]), vulnerabilities[]}. An SBOM alone holds no findings: the
// outcome notes how many components it lists, and a document that is not CycloneDX, or lists
// nothing at all (not even metadata.component: the generator found no project) is a failure. A
// vulnerability (a BOM with VEX data) is a finding per affected component: its highest rating's
// severity, its CVSS score, and where the component was found when the BOM says so (a path in
// the scanned folder or unpacked image).
#include <map>

#include "parse/parse_support.h"
#include "parse/parsers.h"
#include "util/text.h"

namespace lamina {
namespace {

using json = nlohmann::json;

struct Component {
  std::string name;  // "group/name" when a group is given
  std::string version;
  std::string purl;
  std::string location;  // a path where it was found, when the BOM says so
};

// Where a component was found: CycloneDX 1.5+ evidence.occurrences[].location, else the
// generators' own properties ("syft:location:0:path", "aquasecurity:trivy:FilePath").
std::string component_location(const json& c) {
  auto evidence = c.find("evidence");
  if (evidence != c.end() && evidence->is_object()) {
    auto occurrences = evidence->find("occurrences");
    if (occurrences != evidence->end() && occurrences->is_array()) {
      for (const json& o : *occurrences) {
        if (o.is_object() && !json_string(o, "location").empty()) return json_string(o, "location");
      }
    }
  }
  auto properties = c.find("properties");
  if (properties != c.end() && properties->is_array()) {
    for (const json& p : *properties) {
      if (!p.is_object()) continue;
      std::string name = json_string(p, "name");
      if (name == "syft:location:0:path" || name == "aquasecurity:trivy:FilePath") {
        return json_string(p, "value");
      }
    }
  }
  return "";
}

// Every component, nested ones included, by bom-ref (and by purl, which `affects` may use).
void collect(const json& list, std::map<std::string, Component>& by_ref, size_t& count, int depth) {
  if (!list.is_array() || depth > 64) return;
  for (const json& c : list) {
    if (!c.is_object()) continue;
    ++count;
    Component component;
    std::string group = json_string(c, "group");
    component.name = (group.empty() ? "" : group + "/") + json_string(c, "name");
    component.version = json_string(c, "version");
    component.purl = json_string(c, "purl");
    component.location = component_location(c);
    std::string ref = json_string(c, "bom-ref");
    if (!ref.empty()) by_ref[ref] = component;
    if (!component.purl.empty()) by_ref.emplace(component.purl, component);
    auto nested = c.find("components");
    if (nested != c.end()) collect(*nested, by_ref, count, depth + 1);
  }
}

int severity_rank(const std::string& severity) {
  static const std::map<std::string, int> ranks = {{"critical", 6}, {"high", 5}, {"medium", 4},
                                                   {"low", 3},      {"info", 2}, {"none", 1}};
  auto it = ranks.find(severity);
  return it == ranks.end() ? 0 : it->second;
}

std::string first_url(const json& v) {
  auto advisories = v.find("advisories");
  if (advisories != v.end() && advisories->is_array()) {
    for (const json& a : *advisories) {
      if (a.is_object() && !json_string(a, "url").empty()) return json_string(a, "url");
    }
  }
  return json_string(v.value("source", json::object()), "url");
}

void add_vulnerability(const json& v, const std::map<std::string, Component>& by_ref,
                       const ParseContext& ctx, ParseOutcome& outcome) {
  std::string level, rating_level;
  std::optional<double> score;
  auto ratings = v.find("ratings");
  if (ratings != v.end() && ratings->is_array()) {
    for (const json& r : *ratings) {
      if (!r.is_object()) continue;
      std::string severity = json_string(r, "severity");
      if (severity_rank(severity) > severity_rank(rating_level)) rating_level = severity;
      auto s = r.find("score");
      if (s != r.end() && s->is_number() && (!score || s->get<double>() > *score)) {
        score = s->get<double>();
      }
    }
  }
  level = rating_level.empty() ? "unknown" : rating_level;
  std::string id = json_string(v, "id");
  std::string description = json_string(v, "description");
  if (description.empty()) description = json_string(v, "detail");
  description = description.substr(0, description.find('\n'));  // its first line
  std::vector<Component> affected;
  auto affects = v.find("affects");
  if (affects != v.end() && affects->is_array()) {
    for (const json& a : *affects) {
      if (!a.is_object()) continue;
      auto it = by_ref.find(json_string(a, "ref"));
      if (it != by_ref.end()) {
        affected.push_back(it->second);
      } else {
        Component unknown;
        unknown.name = json_string(a, "ref");
        affected.push_back(unknown);
      }
    }
  }
  if (affected.empty()) affected.emplace_back();
  json record = v;
  for (const Component& c : affected) {
    Finding f = new_finding(ctx, record.dump());
    f.rule_id = id.empty() ? "vulnerability" : id;
    f.help_uri = first_url(v);
    f.tool_level = level;
    if (score && *score > 0.0) f.security_severity = std::min(*score, 10.0);
    f.package = c.name;
    f.package_version = c.version;
    std::string what = c.name.empty() ? "" : c.name + (c.version.empty() ? "" : " " + c.version);
    f.message = (what.empty() ? "" : what + ": ") + f.rule_id +
                (description.empty() ? "" : " " + one_line(description, 200));
    // Locations are inside what was scanned (syft writes "/app/x" for a folder or an unpacked
    // image): resolved against the scanned root. One that cannot be placed leaves the finding
    // at the repository (or artifact) level: the vulnerability stands wherever the package lies.
    if (!c.location.empty()) {
      std::string inside =
          ctx.repository_root + (c.location.front() == '/' ? "" : "/") + c.location;
      place_finding(f, inside, RawRegion{}, ctx, outcome);
    }
    outcome.findings.push_back(std::move(f));
  }
}

}  // namespace

ParseOutcome parse_cyclonedx_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "cyclonedx-json", outcome);
  if (!document) return outcome;
  if (!document->is_object() || json_string(*document, "bomFormat") != "CycloneDX") {
    outcome.error = "cyclonedx-json: not a CycloneDX document (no \"bomFormat\": \"CycloneDX\")";
    return outcome;
  }
  std::map<std::string, Component> by_ref;
  size_t count = 0;
  auto components = document->find("components");
  if (components != document->end()) collect(*components, by_ref, count, 0);
  auto vulnerabilities = document->find("vulnerabilities");
  size_t vulnerability_count = 0;
  if (vulnerabilities != document->end() && vulnerabilities->is_array()) {
    for (const json& v : *vulnerabilities) {
      if (!v.is_object()) continue;
      ++vulnerability_count;
      add_vulnerability(v, by_ref, ctx, outcome);
    }
  }
  json subject = document->value("metadata", json::object()).value("component", json::object());
  std::string name = subject.is_object() ? json_string(subject, "name") : "";
  if (count == 0 && name.empty() && vulnerability_count == 0) {
    outcome.tool_failure = "the SBOM is empty: no metadata.component and no components";
  }
  outcome.notes.push_back(
      "SBOM (CycloneDX " + json_string(*document, "specVersion") + "): " + std::to_string(count) +
      " component" + (count == 1 ? "" : "s") + (name.empty() ? "" : " of " + name) +
      (vulnerability_count == 0 ? ""
                                : ", " + std::to_string(vulnerability_count) + " vulnerabilit" +
                                      (vulnerability_count == 1 ? "y" : "ies")));
  return outcome;
}

}  // namespace lamina
