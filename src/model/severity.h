#pragma once
// lamina's one severity scale (sev1 now, sev2 soon, sev3 later) and how a tool's own words map
// onto it. Precedence, highest first:
//   1. .lamina.yml override for the rule            (user_rules)
//   2. SARIF security-severity: >= 7.0 sev1, >= 4.0 sev2, else sev3
//   3. the catalog's mapping of the rule id           (catalog_rules)
//   4. the catalog's mapping of the tool's level      (catalog_levels)
//   5. SARIF-style level: error sev2, warning / note / none sev3
#include <map>
#include <optional>
#include <string>

#include "model/finding.h"

namespace lamina {

struct SeverityPolicy {
  std::map<std::string, Severity> user_rules;      // rule id -> severity (from .lamina.yml)
  std::map<std::string, Severity> catalog_rules;   // rule id -> severity (catalog entry)
  std::map<std::string, Severity> catalog_levels;  // tool level (case-insensitive) -> severity
  std::optional<Severity> catalog_default;         // e.g. sev1 for secret and malware scanners
};

Severity severity_from_security_score(double score);

// The severity of `finding` under `policy`, and a short note on which rule decided it.
Severity assign_severity(const Finding& finding, const SeverityPolicy& policy,
                         std::string* decided_by = nullptr);

}  // namespace lamina
