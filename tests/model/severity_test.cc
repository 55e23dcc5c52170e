#include "model/severity.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

Finding finding(std::string rule, std::string level, std::optional<double> score = std::nullopt) {
  Finding f;
  f.rule_id = std::move(rule);
  f.tool_level = std::move(level);
  f.security_severity = score;
  return f;
}

TEST(SecurityScore, UsesGitHubThresholds) {
  EXPECT_EQ(severity_from_security_score(9.8), Severity::sev1);
  EXPECT_EQ(severity_from_security_score(7.0), Severity::sev1);
  EXPECT_EQ(severity_from_security_score(6.9), Severity::sev2);
  EXPECT_EQ(severity_from_security_score(4.0), Severity::sev2);
  EXPECT_EQ(severity_from_security_score(3.9), Severity::sev3);
}

TEST(AssignSeverity, UserRuleOverrideBeatsSecuritySeverity) {
  SeverityPolicy policy;
  policy.user_rules["CWE-89"] = Severity::sev3;
  std::string why;
  EXPECT_EQ(assign_severity(finding("CWE-89", "error", 9.1), policy, &why), Severity::sev3);
  EXPECT_EQ(why, "configuration for rule CWE-89");
}

TEST(AssignSeverity, SecuritySeverityBeatsCatalogMapping) {
  SeverityPolicy policy;
  policy.catalog_rules["R1"] = Severity::sev3;
  EXPECT_EQ(assign_severity(finding("R1", "note", 8.0), policy), Severity::sev1);
}

TEST(AssignSeverity, CatalogRuleThenLevelThenDefault) {
  SeverityPolicy policy;
  policy.catalog_rules["B105"] = Severity::sev1;
  policy.catalog_levels["HIGH"] = Severity::sev2;
  policy.catalog_default = Severity::sev3;
  EXPECT_EQ(assign_severity(finding("B105", "LOW"), policy), Severity::sev1);
  EXPECT_EQ(assign_severity(finding("B999", "high"), policy), Severity::sev2);
  EXPECT_EQ(assign_severity(finding("B999", "medium"), policy), Severity::sev3);
}

TEST(AssignSeverity, FallsBackToSarifLevel) {
  SeverityPolicy none;
  EXPECT_EQ(assign_severity(finding("x", "error"), none), Severity::sev2);
  EXPECT_EQ(assign_severity(finding("x", "warning"), none), Severity::sev3);
  EXPECT_EQ(assign_severity(finding("x", "note"), none), Severity::sev3);
}

TEST(AssignSeverity, ZeroSecuritySeverityMeansNoScore) {
  SeverityPolicy none;
  EXPECT_EQ(assign_severity(finding("x", "error", 0.0), none), Severity::sev2);
}

}  // namespace
}  // namespace lamina
