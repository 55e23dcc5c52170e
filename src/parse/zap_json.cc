// ZAP traditional JSON report (zap-baseline.py -J, "report_json"): {"site": [{"@name", "alerts":
// [{pluginid, alert, name, riskcode, riskdesc, desc, solution, reference, instances: [{uri,
// method, param, attack, evidence}]}]}]}. Numbers are quoted. One finding per instance (each is
// a different URL); the kept record is the alert with only that instance.
#include "parse/parse_support.h"
#include "parse/parsers.h"

namespace lamina {
namespace {

using json = nlohmann::json;

// "Medium (High)" -> "Medium": risk, without ZAP's confidence.
std::string risk(const json& alert) {
  std::string text = json_string(alert, "riskdesc");
  size_t paren = text.find(" (");
  return paren == std::string::npos ? text : text.substr(0, paren);
}

Finding alert_finding(const json& alert, const json& instance, const std::string& url,
                      const ParseContext& ctx) {
  json record = alert;
  record["instances"] = json::array({instance});
  Finding f = new_finding(ctx, record.dump());
  f.rule_id = json_string(alert, "pluginid");
  f.rule_name = json_string(alert, "name");
  if (!f.rule_id.empty()) f.help_uri = "https://www.zaproxy.org/docs/alerts/" + f.rule_id + "/";
  f.tool_level = risk(alert);
  f.message = json_string(alert, "alert");
  std::string param = json_string(instance, "param");
  if (!param.empty()) f.message += " (parameter " + param + ")";
  f.url = url;
  return f;
}

void read_site(const json& site, const ParseContext& ctx, ParseOutcome& outcome) {
  auto alerts = site.find("alerts");
  if (alerts == site.end() || !alerts->is_array()) return;
  for (const json& alert : *alerts) {
    if (!alert.is_object()) continue;
    auto instances = alert.find("instances");
    if (instances == alert.end() || !instances->is_array() || instances->empty()) {
      outcome.findings.push_back(
          alert_finding(alert, json::object(), json_string(site, "@name"), ctx));
      continue;
    }
    for (const json& instance : *instances) {
      outcome.findings.push_back(alert_finding(alert, instance, json_string(instance, "uri"), ctx));
    }
  }
}

}  // namespace

ParseOutcome parse_zap_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "zap-json", outcome);
  if (!document) return outcome;
  auto sites = document->is_object() ? document->find("site") : document->end();
  if (!document->is_object() || sites == document->end()) {
    outcome.error = "zap-json: no \"site\" list (expected ZAP's traditional JSON report)";
    return outcome;
  }
  // ZAP writes a single site as an object rather than a one-element list.
  const json site_list = sites->is_array() ? *sites : json::array({*sites});
  for (const json& site : site_list) {
    if (site.is_object()) read_site(site, ctx, outcome);
  }
  return outcome;
}

}  // namespace lamina
