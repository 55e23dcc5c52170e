#include "model/severity.h"

#include <algorithm>
#include <cctype>

namespace lamina {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const Severity* find_rule(const std::map<std::string, Severity>& rules, const std::string& id) {
  auto it = rules.find(id);
  return it == rules.end() ? nullptr : &it->second;
}

}  // namespace

Severity severity_from_security_score(double score) {
  if (score >= 7.0) return Severity::sev1;
  if (score >= 4.0) return Severity::sev2;
  return Severity::sev3;
}

Severity assign_severity(const Finding& finding, const SeverityPolicy& policy,
                         std::string* decided_by) {
  auto decide = [&](Severity s, std::string why) {
    if (decided_by) *decided_by = std::move(why);
    return s;
  };
  if (const Severity* s = find_rule(policy.user_rules, finding.rule_id)) {
    return decide(*s, "configuration for rule " + finding.rule_id);
  }
  if (finding.security_severity && *finding.security_severity > 0.0) {
    return decide(severity_from_security_score(*finding.security_severity),
                  "security-severity " + std::to_string(*finding.security_severity));
  }
  if (const Severity* s = find_rule(policy.catalog_rules, finding.rule_id)) {
    return decide(*s, "catalog rule " + finding.rule_id);
  }
  std::string level = lower(finding.tool_level);
  for (const auto& [name, severity] : policy.catalog_levels) {
    if (lower(name) == level) return decide(severity, "catalog level " + name);
  }
  if (policy.catalog_default) return decide(*policy.catalog_default, "catalog default");
  if (level == "error") return decide(Severity::sev2, "level error");
  return decide(Severity::sev3, level.empty() ? "no level" : "level " + level);
}

}  // namespace lamina
