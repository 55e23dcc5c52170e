// trivy --format json (SchemaVersion 2): {"ArtifactType", "Results": [{Target, Class,
// Vulnerabilities[], Secrets[], Misconfigurations[], Licenses[]}]}. For a repository or file
// system scan, Target is a file in it; for an image it names the image, kept as artifact_path,
// and the OS packages (Class "os-pkgs") carry the image's OS from Metadata.OS.
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

using json = nlohmann::json;

struct TrivyTarget {
  std::string name;
  bool is_file = false;
  std::string operating_system;  // "alpine 3.10.2" for the OS packages of an image, else ""
};

// Places the finding of one entry of a Results[] list (at repository level when its path cannot
// be mapped).
void place(Finding& finding, const TrivyTarget& target, const RawRegion& region,
           const ParseContext& ctx, ParseOutcome& outcome) {
  if (!target.is_file) {
    finding.artifact_path = target.name;
    return;
  }
  place_finding(finding, target.name, region, ctx, outcome);
}

RawRegion lines(const json& object) {
  return {json_integer(object, "StartLine"), std::nullopt, json_integer(object, "EndLine"),
          std::nullopt};
}

void add_vulnerability(const json& v, const TrivyTarget& target, const ParseContext& ctx,
                       ParseOutcome& outcome) {
  Finding f = new_finding(ctx, v.dump());
  f.package = json_string(v, "PkgName");
  f.package_version = json_string(v, "InstalledVersion");
  f.operating_system = target.operating_system;
  f.rule_id = json_string(v, "VulnerabilityID");
  f.rule_name = json_string(v, "Title");
  f.help_uri = json_string(v, "PrimaryURL");
  f.tool_level = json_string(v, "Severity");
  std::string fixed = json_string(v, "FixedVersion");
  f.message = json_string(v, "PkgName") + " " + json_string(v, "InstalledVersion") + ": " +
              f.rule_id + (f.rule_name.empty() ? "" : " " + f.rule_name) +
              (fixed.empty() ? " (no fix yet)" : " (fixed in " + fixed + ")");
  RawRegion region;
  auto locations = v.find("Locations");  // lock-file line of the package (trivy >= 0.40)
  if (locations != v.end() && locations->is_array() && !locations->empty()) {
    region = lines((*locations)[0]);
  }
  place(f, target, region, ctx, outcome);
  outcome.findings.push_back(std::move(f));
}

// The matched secret stays out of the kept record.
std::string redacted_secret(json secret) {
  if (secret.contains("Match")) secret["Match"] = "REDACTED";
  secret.erase("Code");
  return secret.dump();
}

void add_secret(const json& s, const TrivyTarget& target, const ParseContext& ctx,
                ParseOutcome& outcome) {
  Finding f = new_finding(ctx, redacted_secret(s));
  f.rule_id = json_string(s, "RuleID");
  f.rule_name = json_string(s, "Title");
  f.tool_level = json_string(s, "Severity");
  f.message = json_string(s, "Title");
  place(f, target, lines(s), ctx, outcome);
  outcome.findings.push_back(std::move(f));
}

void add_misconfiguration(const json& m, const TrivyTarget& target, const ParseContext& ctx,
                          ParseOutcome& outcome) {
  if (json_string(m, "Status") == "PASS") return;
  Finding f = new_finding(ctx, m.dump());
  f.rule_id = json_string(m, "ID");
  f.rule_name = json_string(m, "Title");
  f.help_uri = json_string(m, "PrimaryURL");
  f.tool_level = json_string(m, "Severity");
  f.message = json_string(m, "Message");
  if (f.message.empty()) f.message = f.rule_name;
  RawRegion region = lines(m.value("CauseMetadata", json::object()));
  place(f, target, region, ctx, outcome);
  outcome.findings.push_back(std::move(f));
}

void add_license(const json& l, const TrivyTarget& target, const ParseContext& ctx,
                 ParseOutcome& outcome) {
  Finding f = new_finding(ctx, l.dump());
  f.rule_id = "license/" + json_string(l, "Name");
  f.tool_level = json_string(l, "Severity");
  f.message = json_string(l, "PkgName") + " is licensed " + json_string(l, "Name") + " (" +
              json_string(l, "Category") + ")";
  TrivyTarget file = target;
  std::string path = json_string(l, "FilePath");
  if (!path.empty()) file.name = path;
  place(f, file, RawRegion{}, ctx, outcome);
  outcome.findings.push_back(std::move(f));
}

template <class Add>
void each(const json& result, const char* list, const TrivyTarget& target, const ParseContext& ctx,
          ParseOutcome& outcome, Add add) {
  auto entries = result.find(list);
  if (entries == result.end() || !entries->is_array()) return;
  for (const json& entry : *entries) {
    if (entry.is_object()) add(entry, target, ctx, outcome);
  }
}

std::string operating_system_of(const json& document) {
  auto metadata = document.find("Metadata");
  if (metadata == document.end() || !metadata->is_object()) return "";
  auto os = metadata->find("OS");
  if (os == metadata->end() || !os->is_object()) return "";
  std::string family = json_string(*os, "Family"), name = json_string(*os, "Name");
  return family.empty() || name.empty() ? family + name : family + " " + name;
}

}  // namespace

ParseOutcome parse_trivy_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "trivy-json", outcome);
  if (!document) return outcome;
  if (!document->is_object() || !document->contains("ArtifactType")) {
    outcome.error = "trivy-json: no \"ArtifactType\" (was trivy run with --format json?)";
    return outcome;
  }
  std::string type = json_string(*document, "ArtifactType");
  bool files = type == "repository" || type == "filesystem";
  auto results = document->find("Results");
  if (results == document->end() || !results->is_array()) return outcome;  // nothing found
  std::string image_os = files ? "" : operating_system_of(*document);
  for (const json& result : *results) {
    if (!result.is_object()) continue;
    bool os_packages = json_string(result, "Class") == "os-pkgs";
    TrivyTarget target{json_string(result, "Target"), files, os_packages ? image_os : ""};
    each(result, "Vulnerabilities", target, ctx, outcome, add_vulnerability);
    each(result, "Secrets", target, ctx, outcome, add_secret);
    each(result, "Misconfigurations", target, ctx, outcome, add_misconfiguration);
    each(result, "Licenses", target, ctx, outcome, add_license);
  }
  return outcome;
}

}  // namespace lamina
